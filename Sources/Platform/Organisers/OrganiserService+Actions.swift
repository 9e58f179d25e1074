import Competitions
import Foundation
import PodiumAPI
import Storage
import Tabular

extension OrganiserService {
    /// The newest deliveries and events, for organisers.
    public func deliveriesResource(limit: Int = 100) throws -> DeliveriesResource {
        DeliveriesResource(
            deliveries: try Outbox(store: store).recent(limit: limit).map {
                .init(
                    event: $0.eventId, target: $0.target, state: $0.state.rawValue, attempts: $0.attempts,
                    lastStatus: $0.lastStatus, lastResponse: $0.lastResponse, nextAttemptAt: $0.nextAttemptAt)
            },
            events: try events().map {
                .init(
                    id: $0.id!, competition: $0.competition, type: $0.type.rawValue, createdAt: $0.createdAt,
                    data: (try? JSONLinesReader.value(of: $0.payload)) ?? .string($0.payload))
            })
    }
}

extension OrganiserService {
    /// Leaves a submission out of standings (and says so in an event); `reason` goes to the audit log.
    public func disqualify(submission id: Int64, actor: String, reason: String?) throws {
        let reason = try Platform.checkedReason(reason, for: "disqualifying a submission")
        let now = self.now
        let (config, round) = try platform.boards.roundOf(submission: id)
        try store.write { store in
            guard let submission = try store.submission(id: id) else {
                throw PlatformError(.notFound, "no submission \(id)")
            }
            try store.disqualify(submissionId: id)
            try platform.boards.refreshPublicStanding(
                store, slug: submission.competition, config: config, round: round, teamId: submission.teamId)
            try store.emit(
                .submissionDisqualified(.init(submission: id, actor: actor)), competition: submission.competition,
                at: now)
            let team = try store.team(id: submission.teamId)?.name ?? "?"
            try platform.audit(
                store, actor: actor, action: "submission.disqualify", competition: submission.competition,
                subject: "#\(id) (\(team))", reason: reason, at: now)
        }
    }

    /// Queues one submission to be scored again (by the workers).
    public func requeue(submission id: Int64, actor: String = Platform.localActor, reason: String? = nil) throws {
        let reason = try Platform.optionalReason(reason)
        let now = self.now
        let (config, round) = try platform.boards.roundOf(submission: id)
        try store.write { store in
            guard let submission = try store.submission(id: id) else {
                throw PlatformError(.notFound, "no submission \(id)")
            }
            try store.requeue(submissionId: id, kind: Platform.jobKind(of: round), at: now)
            try platform.audit(
                store, actor: actor, action: "submission.rescore", competition: submission.competition,
                subject: "#\(id)", reason: reason, at: now)
            // Off the board until it is scored again.
            try platform.boards.refreshPublicStanding(
                store, slug: submission.competition, config: config, round: round, teamId: submission.teamId)
        }
        platform.workSignal.signal(Platform.jobKind(of: round))
    }

    /// The files participants may download, by file name → path relative to the competition folder:
    /// the competition's and the tasks' `files`, the sample submissions and the description. Nothing
    /// else is ever served, so no name can reach hidden/.
    public func publicFiles(competition slug: String) throws -> [String: String] {
        let (_, config) = try platform.competition(slug)
        var relative = config.files ?? []
        for task in config.tasks { relative += (task.files ?? []) + (task.sampleSubmission.map { [$0] } ?? []) }
        if let description = config.description { relative.append(description) }
        if let rules = config.rules { relative.append(rules) }
        var byName: [String: String] = [:]
        for path in relative where !path.hasPrefix("hidden/") && !path.contains("..") {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if byName[name] == nil { byName[name] = path }
        }
        return byName
    }

    /// The newest events (for organisers).
    public func events(limit: Int = 200) throws -> [EventRecord] {
        try store.read { try $0.events(limit: limit) }
    }

    /// Queue depth and scoring latency (seconds from acceptance to score) over all scored submissions.
    public func queueStatistics() throws -> (depth: Int, scored: Int, latencySum: Double) {
        let depth = try platform.queue.depth(now: now)
        let totals = try store.read { try $0.scoringTotals() }
        return (depth, totals.count, totals.latencySeconds)
    }
}
