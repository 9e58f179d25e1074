import Competitions
import FairPlay
import Foundation
import PodiumAPI
import Storage

/// Fair play: the signals each scored submission updates — the same predictions as another team's, errors
/// shared with another team far beyond chance, many near-identical submissions — and the requests' hashed
/// addresses; each signal past its threshold opens a case for the organisers, who clear or uphold it. Nothing
/// is decided automatically.
public struct IntegrityService: PlatformService {
    /// The shared platform.
    public let platform: Platform

    /// Saves a just-scored submission's signal and updates its round's cases, inside the scoring transaction:
    /// the signals of one team against every other team's (one read of the round's patterns), not every pair.
    func update(
        _ store: any StoreWriter, after signal: SubmissionSignal, config: CompetitionConfig, round: RoundConfig,
        at now: Date
    ) throws {
        let previous = try store.previousSignal(
            competition: signal.competition, round: signal.round, teamId: signal.teamId, before: signal.submissionId)
        // The team's last predictions sent again: nothing another team is compared with changed, nothing was probed,
        // and the earlier signal stands for this one (no row of its own: one read is all a resend costs).
        if let previous, previous.contentHash == signal.contentHash, previous.errorBits == signal.errorBits { return }
        let signal = try save(store, signal, previous: previous)
        let thresholds = config.integrity ?? IntegrityConfig()
        let existing = try store.integrityCases(competition: signal.competition, round: signal.round)
            .filter { $0.teamIds.contains(signal.teamId) }
        // Every team's first sending of these predictions (this team's too): an identical file, a resend, a baseline.
        let matches = try store.submissions(
            competition: signal.competition, round: signal.round, contentHash: signal.contentHash)
        guard let ours = matches.first(where: { $0.teamId == signal.teamId }), !ours.isBaseline else { return }
        // Earlier predictions of the team's sent again change nothing another team is compared with.
        if ours.submissionId == signal.submissionId {
            try updateIdenticalFiles(store, signal: signal, matches: matches, at: now)
            try compareSharedPredictions(
                store, competition: signal.competition, round: signal.round, teamId: signal.teamId,
                ifAmong: signal.submissionId, thresholds: thresholds, existing: existing, at: now)
        }
        try updateProbing(
            store, signal: signal, thresholds: thresholds, higherIsBetter: platform.higherIsBetter(config),
            existing: existing, at: now)
    }

    /// Saves a submission's signal with the rows it changed from `previous`, the team's submission before it (read
    /// here when not given); returns it.
    @discardableResult
    func save(_ store: any StoreWriter, _ signal: SubmissionSignal, previous: SubmissionSignal?? = nil) throws
        -> SubmissionSignal
    {
        var signal = signal
        let previous =
            try previous
            ?? store.previousSignal(
                competition: signal.competition, round: signal.round, teamId: signal.teamId,
                before: signal.submissionId)
        signal.changedRows = previous.flatMap {
            PredictionDigest.changedRows(Array($0.rowBytes), Array(signal.rowBytes))
        }
        try store.saveSignal(signal)
        return signal
    }

    /// Opens (or extends) the case of these normalised predictions when more than one team submitted them: one
    /// case a file, naming every team that sent it (baselines, which are public, aside). `matches`: each team's
    /// first submission of them.
    private func updateIdenticalFiles(
        _ store: any StoreWriter, signal: SubmissionSignal, matches: [SignalMatch], at now: Date
    ) throws {
        let teams = matches.filter { !$0.isBaseline }
        guard teams.count > 1 else { return }
        var evidence = IntegrityEvidence(submissions: teams.map(\.submissionId), times: teams.map(\.submittedAt))
        evidence.contentHash = signal.contentHash
        try store.recordIntegrityCase(
            competition: signal.competition, round: signal.round, kind: .identicalFile, subject: signal.contentHash,
            teamIds: teams.map(\.teamId), evidence: try Self.json(evidence), at: now)
    }

    /// Compares a team's patterns with every other team's again after its final selection changed (inside the
    /// selection's transaction).
    func selectionChanged(
        _ store: any StoreWriter, competition slug: String, round: String, teamId: Int64, config: CompetitionConfig,
        at now: Date
    ) throws {
        let existing = try store.integrityCases(competition: slug, round: round).filter { $0.teamIds.contains(teamId) }
        try compareSharedPredictions(
            store, competition: slug, round: round, teamId: teamId, ifAmong: nil,
            thresholds: config.integrity ?? IntegrityConfig(), existing: existing, at: now)
    }

    /// Compares the team's patterns with every other team's — when called for a scored submission, only if it is
    /// one of them —; a pair at or above the threshold opens a case, a pair with a case has its evidence brought
    /// up to date. Baselines (public) are not compared, nor two copies of one file (an identical-file case).
    private func compareSharedPredictions(
        _ store: any StoreWriter, competition slug: String, round: String, teamId: Int64, ifAmong submission: Int64?,
        thresholds: IntegrityConfig, existing: [IntegrityCaseRecord], at now: Date
    ) throws {
        let patterns = Self.compared(try store.teamPatterns(competition: slug, round: round))
        let ours = patterns.filter { $0.teamId == teamId }
        guard !ours.contains(where: \.isBaseline) else { return }
        if let submission, !ours.contains(where: { $0.submissionId == submission }) { return }
        let decoded = ours.compactMap { p in ErrorPattern(rows: p.errorRows, bytes: p.errorBits).map { (p, $0) } }
        var strongest: [Int64: (Agreement, TeamPattern, TeamPattern)] = [:]
        for theirs in patterns where theirs.teamId != teamId && !theirs.isBaseline {
            guard let other = ErrorPattern(rows: theirs.errorRows, bytes: theirs.errorBits) else { continue }
            for (mine, pattern) in decoded where mine.contentHash != theirs.contentHash {
                guard let agreement = Agreement(pattern, other), let kappa = agreement.kappa else { continue }
                if let best = strongest[theirs.teamId]?.0.kappa, best >= kappa { continue }
                strongest[theirs.teamId] = (agreement, mine, theirs)
            }
        }
        let open = Set(existing.filter { $0.kind == .sharedPredictions }.flatMap(\.teamIds))
        for (other, (agreement, mine, theirs)) in strongest {
            let flagged = agreement.kappa! >= thresholds.kappaThreshold
            guard flagged || open.contains(other) else { continue }
            let times = try [mine.submissionId, theirs.submissionId].map { id in
                try store.submission(id: id)?.createdAt ?? now
            }
            var evidence = IntegrityEvidence(submissions: [mine.submissionId, theirs.submissionId], times: times)
            evidence.kappa = agreement.kappa
            evidence.threshold = thresholds.kappaThreshold
            evidence.rows = agreement.rows
            evidence.wrong = [agreement.wrong.0, agreement.wrong.1]
            evidence.bothWrong = agreement.bothWrong
            evidence.expectedBothWrong = agreement.expectedBothWrong
            let json = try Self.json(evidence)
            if flagged {
                try store.recordIntegrityCase(
                    competition: slug, round: round, kind: .sharedPredictions,
                    subject: IntegrityCaseRecord.teamsSubject([teamId, other]), teamIds: [teamId, other],
                    evidence: json, at: now)
            } else {
                try store.updateIntegrityEvidence(
                    competition: slug, round: round, kind: .sharedPredictions,
                    subject: IntegrityCaseRecord.teamsSubject([teamId, other]), teamIds: [teamId, other],
                    evidence: json, at: now)
            }
        }
    }

    /// The patterns that stand for each team: the submissions it selected for the final, or — selecting none — its
    /// public-board row and its latest scored submission (a copier may copy either), each once.
    static func compared(_ patterns: [TeamPattern]) -> [TeamPattern] {
        let selecting = Set(patterns.filter { $0.role == .selected }.map(\.teamId))
        var seen = Set<Int64>()
        return patterns.filter { pattern in
            guard selecting.contains(pattern.teamId) == (pattern.role == .selected) else { return false }
            return seen.insert(pattern.submissionId).inserted
        }
    }

    /// Reads the team's submissions in the round for probing; enough near-identical ones open a case.
    private func updateProbing(
        _ store: any StoreWriter, signal: SubmissionSignal, thresholds: IntegrityConfig, higherIsBetter: Bool,
        existing: [IntegrityCaseRecord], at now: Date
    ) throws {
        let hasCase = existing.contains { $0.kind == .probing }
        guard hasCase || (signal.changedRows ?? 0) > 0 else { return }
        let steps = try store.signalSteps(competition: signal.competition, round: signal.round, teamId: signal.teamId)
        let trend = ProbingTrend(
            steps.map {
                ProbingTrend.Step(
                    submission: $0.submissionId, changedRows: $0.changedRows, rows: $0.rows,
                    publicScore: $0.publicScore, privateScore: $0.privateScore)
            }, nearShare: thresholds.nearIdenticalShare, higherIsBetter: higherIsBetter)
        let flagged = trend.flagged(minimum: thresholds.probingMinimum)
        guard flagged || hasCase else { return }
        let near = Set(trend.nearIdentical)
        let times = try trend.nearIdentical.map { id in try store.submission(id: id)?.createdAt ?? now }
        var evidence = IntegrityEvidence(submissions: steps.map(\.submissionId).filter(near.contains), times: times)
        evidence.nearIdentical = trend.nearIdentical.count
        evidence.scored = trend.submissions
        evidence.publicWalk = trend.publicWalk
        evidence.privateWalk = trend.privateWalk
        let json = try Self.json(evidence)
        try store.recordIntegrityCase(
            competition: signal.competition, round: signal.round, kind: .probing,
            subject: IntegrityCaseRecord.teamsSubject([signal.teamId]), teamIds: [signal.teamId], evidence: json,
            at: now)
    }

    /// Evidence as stored: the API's JSON.
    static func json(_ evidence: IntegrityEvidence) throws -> String {
        String(decoding: try APICoding.encoder().encode(evidence), as: UTF8.self)
    }
}

extension Platform {
    /// Fair play: signals, cases, hashed addresses.
    public var integrity: IntegrityService { IntegrityService(platform: self) }
}
