import Competitions
import Foundation
import PodiumAPI
import Storage

/// The organisers' review: a round's cases with their evidence, and each decision — cleared or upheld, with a
/// reason — in the audit log; an upheld case can disqualify its submissions, or its teams' in the round, through
/// the submission action (each one audited as it always is).
extension IntegrityService {
    /// What an upheld case disqualifies.
    public enum Disqualification: String, Sendable {
        /// Nothing (the organiser acts separately).
        case none
        /// The submissions in the case's evidence.
        case submissions
        /// Every scored submission of the case's teams in its round.
        case teams
    }

    /// A decision's state and disqualification from their names (API bodies, forms, the CLI), or a clear refusal.
    public static func decision(_ state: String, _ disqualify: String?) throws -> (IntegrityState, Disqualification) {
        guard let decided = IntegrityState(rawValue: state), decided != .open else {
            throw PlatformError(.invalidInput, "state: \"\(state)\" is not cleared or upheld")
        }
        guard let what = Disqualification(rawValue: disqualify ?? "none") else {
            throw PlatformError(.invalidInput, "disqualify: \"\(disqualify ?? "")\" is not none, submissions or teams")
        }
        return (decided, what)
    }

    /// A round's cases, newest first, with the thresholds that opened them.
    public func report(competition slug: String, round id: String) throws -> IntegrityReportResource {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        let thresholds = config.integrity ?? IntegrityConfig()
        let (cases, names, kept) = try store.read { store in
            (
                try store.integrityCases(competition: slug, round: id),
                Dictionary(uniqueKeysWithValues: try store.teams(competition: slug).map { ($0.id!, $0.name) }),
                try store.integrityKey(competition: slug) != nil
            )
        }
        return IntegrityReportResource(
            competition: slug, round: id, publicBoard: round.usesLadder ? "ladder" : "standard",
            sharedPredictions: thresholds.kappaThreshold, nearIdentical: thresholds.nearIdenticalShare,
            probingSubmissions: thresholds.probingMinimum,
            addressWindowMinutes: Int(thresholds.addressWindow / 60), addressesKept: kept,
            cases: try cases.map { try Self.resource($0, names: names) })
    }

    /// One case as the API shows it.
    static func resource(_ record: IntegrityCaseRecord, names: [Int64: String]) throws -> IntegrityCaseResource {
        IntegrityCaseResource(
            id: record.id, kind: record.kind.rawValue, teams: record.teamIds.map { names[$0] ?? "#\($0)" },
            evidence: try APICoding.decoder().decode(IntegrityEvidence.self, from: Data(record.evidence.utf8)),
            state: record.state.rawValue, reason: record.reason, decidedBy: record.decidedBy,
            decidedAt: record.decidedAt, openedAt: record.openedAt, updatedAt: record.updatedAt)
    }

    /// Records `actor`'s decision on case `id` of round `round` of `slug` (with its reason, in the audit log);
    /// an upheld case then disqualifies what `disqualify` says. Returns the case as it now is.
    public func decide(
        competition slug: String, round: String, case id: Int64, state: IntegrityState, reason: String?,
        disqualify: Disqualification = .none, actor: String
    ) throws -> IntegrityCaseResource {
        let reason = try Platform.checkedReason(reason, for: "deciding a fair-play case")
        guard state != .open else { throw PlatformError(.invalidInput, "a decision is cleared or upheld, not open") }
        guard disqualify == .none || state == .upheld else {
            throw PlatformError(.invalidInput, "only an upheld case disqualifies")
        }
        let now = self.now
        let record = try store.write { store in
            guard let record = try store.integrityCase(id: id), record.competition == slug, record.round == round
            else { throw PlatformError(.notFound, "no fair-play case \(id) in round \(round) of \(slug)") }
            try store.decideIntegrityCase(id: id, state: state, reason: reason, by: actor, at: now)
            let names = try record.teamIds.map { try store.team(id: $0)?.name ?? "#\($0)" }
            try platform.audit(
                store, actor: actor, action: state == .upheld ? "integrity.uphold" : "integrity.clear",
                competition: slug, subject: "case \(id): \(record.kind.rawValue) (\(names.joined(separator: ", ")))",
                reason: reason, at: now)
            return record
        }
        for submission in try disqualified(record, disqualify) {
            try platform.organisers.disqualify(submission: submission, actor: actor, reason: "case \(id): \(reason)")
        }
        let names = try store.read { store in
            Dictionary(uniqueKeysWithValues: try store.teams(competition: slug).map { ($0.id!, $0.name) })
        }
        let decided = try store.read { try $0.integrityCase(id: id) }!
        return try Self.resource(decided, names: names)
    }

    /// The submissions an upheld case disqualifies, not yet disqualified.
    private func disqualified(_ record: IntegrityCaseRecord, _ what: Disqualification) throws -> [Int64] {
        switch what {
        case .none: return []
        case .submissions:
            let evidence = try Self.resource(record, names: [:]).evidence
            return try evidence.submissions.filter { id in
                try store.read { try $0.submission(id: id) }.map { !$0.disqualified } ?? false
            }
        case .teams:
            return try store.read { store in
                try record.teamIds.flatMap { team in
                    try store.submissions(competition: record.competition, round: record.round, teamId: team)
                        .filter { $0.status == .scored && !$0.disqualified }.map { $0.id! }
                }
            }
        }
    }
}
