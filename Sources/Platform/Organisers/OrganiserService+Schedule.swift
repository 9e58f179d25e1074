import Competitions
import Foundation
import Storage

extension Platform {
    /// Settings of the time-based events.
    public struct ScheduleOptions: Sendable {
        /// round.closing_soon this many minutes before a round's `closes`.
        public var closingSoonMinutes = 60.0
        /// The UTC hour of the daily digest (nil: no digest).
        public var digestHour: Int?
        /// Teams in the digest.
        public var digestTop = 5
        /// queue.stalled when the oldest queued job is older than this many minutes.
        public var stalledMinutes = 10.0
        /// queue.job_failing once a job has been claimed this many times.
        public var failingAttempts = 2

        /// The defaults.
        public init() {}
    }
}

extension OrganiserService {
    /// Emits the events that time causes, each exactly once: a round opened or closed by its schedule
    /// (not by hand — those events were written by the action), a round closing soon, the daily digest,
    /// and for organisers a job failing repeatedly or a stalled queue.
    public func emitScheduledEvents(_ options: Platform.ScheduleOptions = Platform.ScheduleOptions()) throws {
        let now = self.now
        let rounds = try platform.competitions().flatMap { record in
            let config = try platform.competition(record.slug).config
            return config.rounds.map { (slug: record.slug, config: config, round: $0) }
        }
        // One write for the whole pass: each event is decided and emitted under the lock, once.
        try store.write { store in
            for (slug, config, round) in rounds {
                try emitRoundEvents(store, slug: slug, config: config, round: round, now: now, options: options)
            }
            for job in try store.failingJobs(minAttempts: options.failingAttempts) {
                try store.emitOnce(
                    key: "job_failing:\(job.submissionId)",
                    .queueJobFailing(
                        .init(
                            submission: job.submissionId, attempts: job.attempts, error: job.lastError ?? "worker lost")
                    ),
                    competition: job.competition, at: now)
            }
            if let oldest = try store.oldestQueuedJob(),
                now.timeIntervalSince(oldest.enqueuedAt) > options.stalledMinutes * 60
            {
                let hour = Int(now.timeIntervalSince1970 / 3600)
                try store.emitOnce(
                    key: "stalled:\(hour)",
                    .queueStalled(
                        .init(minutes: Int(now.timeIntervalSince(oldest.enqueuedAt) / 60), depth: oldest.depth)),
                    competition: oldest.competition, at: now)
            }
        }
    }

    /// The events time causes in one round now (see `emitScheduledEvents`), inside the pass's write.
    private func emitRoundEvents(
        _ store: any StoreWriter, slug: String, config: CompetitionConfig, round: RoundConfig, now: Date,
        options: Platform.ScheduleOptions
    ) throws {
        let manual = try platform.lastManualAction(store, slug, round.id)
        let state = RoundSchedule.state(of: round, manual: manual, now: now)
        if state == .open, manual == nil, let opens = round.opens {
            try store.emitOnce(
                key: "schedule:open:\(slug):\(round.id):\(opens.timeIntervalSince1970)",
                .roundOpened(.init(round: round.id, actor: "schedule")), competition: slug, at: now)
        }
        if state == .closed, manual?.kind != .close, let closes = round.closes, now >= closes {
            try store.emitOnce(
                key: "schedule:close:\(slug):\(round.id):\(closes.timeIntervalSince1970)",
                .roundClosed(.init(round: round.id, actor: "schedule")), competition: slug, at: now)
        }
        if state == .open, let closes = round.closes, now < closes,
            now >= closes.addingTimeInterval(-options.closingSoonMinutes * 60)
        {
            try store.emitOnce(
                key: "closing_soon:\(slug):\(round.id):\(closes.timeIntervalSince1970)",
                .roundClosingSoon(
                    .init(
                        round: round.id, closes: CompetitionCheck.iso(closes),
                        minutes: Int(closes.timeIntervalSince(now) / 60))),
                competition: slug, at: now)
        }
        let frozen = try platform.boards.freezeMoment(store, slug: slug, round: round)
        if let frozen {
            try store.emitOnce(
                key: "frozen:\(slug):\(round.id):\(frozen.timeIntervalSince1970)",
                .leaderboardFrozen(.init(round: round.id, since: CompetitionCheck.iso(frozen))),
                competition: slug, at: now)
        }
        // No digest of a frozen board: it would tell what the freeze hides.
        if state == .open, frozen == nil, let hour = options.digestHour,
            Calendar.utc.component(.hour, from: now) >= hour
        {
            let top = try platform.boards.standings(store, slug: slug, config: config, round: round, board: .public)
                .filter {
                    $0.rank != nil
                }
                .prefix(options.digestTop).map {
                    Event.Digest.Row(rank: $0.rank!, team: $0.team, score: $0.score)
                }
            let day = CompetitionCheck.iso(now).prefix(10)
            try store.emitOnce(
                key: "digest:\(slug):\(round.id):\(day)", .digest(.init(round: round.id, top: Array(top))),
                competition: slug, at: now)
        }
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
