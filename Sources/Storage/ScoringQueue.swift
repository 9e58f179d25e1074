import Foundation

/// The durable scoring queue.
///
/// A worker claims a job in one write transaction, so two workers — in one process or several, on one
/// machine or several — never hold the same job. It renews the lease while it scores and writes the
/// result only if it still holds the lease, so a job is scored exactly once even when a worker is killed
/// mid-way and another takes over. A job that has been claimed `maxAttempts` times without a result is
/// failed and its quota slot refunded.
///
/// Claims are fair across teams: the job of the team with the fewest jobs being scored, then of the team
/// served least recently, then the oldest — so one team's burst of twenty uploads does not make everyone
/// behind it wait.
public struct ScoringQueue: Sendable {
    /// The storage.
    public let store: any Store
    /// How long a lease lasts without renewal.
    public let leaseDuration: TimeInterval
    /// Claims before a job is given up.
    public let maxAttempts: Int

    /// What a team sees on a submission the platform failed to score.
    public static let refundMessage = "scoring failed; this attempt was not counted against your quota"

    /// Creates a queue.
    public init(store: any Store, leaseDuration: TimeInterval = 30, maxAttempts: Int = 3) {
        self.store = store
        self.leaseDuration = leaseDuration
        self.maxAttempts = maxAttempts
    }

    /// The 1-based position of a queued submission in enqueue order (nil when not queued).
    public func position(of submissionId: Int64) throws -> Int? {
        try store.read { try Self.position(of: submissionId, in: $0) }
    }

    /// `position(of:)` inside a caller's read.
    public static func position(of submissionId: Int64, in store: any StoreReader) throws -> Int? {
        guard let job = try store.job(submissionId: submissionId), job.state == .queued else { return nil }
        return try store.queuedJobs(before: job) + 1
    }

    /// Jobs waiting (queued or with an expired lease).
    public func depth(now: Date) throws -> Int { try store.read { try $0.waitingJobs(now: now) } }

    /// A claimed job.
    public struct Claim: Sendable {
        /// The submission to score.
        public let submissionId: Int64
        /// This claim's attempt number (1 for the first).
        public let attempt: Int
    }

    /// Claims the next job for `worker`, failing (and refunding) jobs that ran out of attempts on the way.
    /// `caps` holds rounds' `max_concurrent_per_team` by `competition/round`: a team at its cap waits, and
    /// the next team's job is claimed instead. Only jobs of `kinds` are claimed (a worker that cannot run
    /// code leaves code jobs to one that can).
    public func claim(worker: String, now: Date, caps: [String: Int] = [:], kinds: [JobKind] = [.files]) throws
        -> Claim?
    {
        try store.write { store in
            while true {
                let candidates = try store.claimCandidates(now: now, limit: 50, kinds: kinds)
                var gaveUp = false
                for candidate in candidates {
                    let job = candidate.job
                    if job.attempts >= maxAttempts {
                        let reason = job.lastError ?? "the worker scoring it stopped \(job.attempts) times"
                        try giveUp(job.submissionId, reason: reason, now: now, in: store)
                        gaveUp = true
                        continue
                    }
                    if let cap = caps["\(candidate.competition)/\(candidate.round)"], candidate.teamJobsInFlight >= cap
                    {
                        continue
                    }
                    try store.lease(
                        submissionId: job.submissionId, worker: worker, until: now.addingTimeInterval(leaseDuration),
                        now: now)
                    return Claim(submissionId: job.submissionId, attempt: job.attempts + 1)
                }
                if !gaveUp { return nil }  // nothing queued, or every waiting team is at its cap
            }
        }
    }

    /// Extends `worker`'s lease; false when the lease was lost.
    public func renew(_ submissionId: Int64, worker: String, now: Date) throws -> Bool {
        try store.write {
            try $0.renewLease(submissionId: submissionId, worker: worker, until: now.addingTimeInterval(leaseDuration))
        }
    }

    /// Runs `update` and marks the job done, in one transaction, only if `worker` still holds the lease.
    /// Returns false (writing nothing) when the lease was lost.
    public func complete(
        _ submissionId: Int64, worker: String, now: Date, _ update: (any StoreWriter) throws -> Void
    ) throws -> Bool {
        try store.write { store in
            guard let job = try store.job(submissionId: submissionId), job.state == .leased, job.leaseOwner == worker
            else { return false }
            try update(store)
            try store.finishJob(submissionId: submissionId)
            return true
        }
    }

    /// Records a failed attempt: the job goes back to the queue, or is given up after `maxAttempts`.
    /// Returns true when it was given up.
    @discardableResult
    public func fail(_ submissionId: Int64, worker: String, reason: String, now: Date) throws -> Bool {
        try store.write { store in
            guard let job = try store.job(submissionId: submissionId), job.state == .leased, job.leaseOwner == worker
            else { return false }
            if job.attempts >= maxAttempts {
                try giveUp(submissionId, reason: reason, now: now, in: store)
                return true
            }
            try store.returnJob(submissionId: submissionId, reason: reason)
            return false
        }
    }

    /// Records the stage a code job is in (nothing when the lease was lost).
    public func setStage(_ submissionId: Int64, worker: String, stage: String) throws {
        try store.write { try $0.setStage(submissionId: submissionId, worker: worker, stage: stage) }
    }

    /// Fails a job for good through its program's own fault, at once (no retry: the same program would fail
    /// again), charged or not, and tells the chat. Returns false when the lease was lost.
    @discardableResult
    public func reject(_ submissionId: Int64, worker: String, error: String, detail: String, charged: Bool, now: Date)
        throws -> Bool
    {
        try store.write { store in
            guard let job = try store.job(submissionId: submissionId), job.state == .leased, job.leaseOwner == worker
            else { return false }
            try store.rejectJob(submissionId: submissionId, error: error, detail: detail, charged: charged, at: now)
            guard let competition = try store.submission(id: submissionId)?.competition else { return true }
            try store.emit(.submissionFailed(.init(submission: submissionId)), competition: competition, at: now)
            return true
        }
    }

    /// Fails a job for good, refunding its slot, and tells the chat (`submission.failed`).
    private func giveUp(_ submissionId: Int64, reason: String, now: Date, in store: any StoreWriter) throws {
        try store.giveUpJob(submissionId: submissionId, reason: reason, at: now)
        guard let competition = try store.submission(id: submissionId)?.competition else { return }
        try store.emit(.submissionFailed(.init(submission: submissionId)), competition: competition, at: now)
    }
}
