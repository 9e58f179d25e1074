import Competitions
import Foundation

/// What a transaction reads of the scoring queue: jobs, leases, the fair order, and the operators' view of it.
public protocol QueueReader {
    /// Scored submissions and the sum of their upload-to-scored seconds.
    func scoringTotals() throws -> (count: Int, latencySeconds: Double)

    /// Jobs still queued or leased that have been claimed at least `minAttempts` times.
    func failingJobs(minAttempts: Int) throws -> [FailingJob]

    /// The oldest queued job's enqueue time and competition, and how many jobs are queued.
    func oldestQueuedJob() throws -> (enqueuedAt: Date, competition: String, depth: Int)?

    /// The job of a submission.
    func job(submissionId: Int64) throws -> ScoringJobRecord?

    /// Queued jobs ahead of `job` in enqueue order.
    func queuedJobs(before job: ScoringJobRecord) throws -> Int

    /// Jobs waiting: queued, or leased with the lease run out at `now`.
    func waitingJobs(now: Date) throws -> Int
}

/// What a write transaction changes of the scoring queue: jobs, leases, the fair order, and the operators' view of it.
public protocol QueueWriter: QueueReader {
    /// Adds a scoring job of `kind` for a submission.
    func enqueue(submissionId: Int64, kind: JobKind, at: Date) throws

    /// Puts a submission back in the queue (status queued, a fresh job of `kind` with no attempts).
    func requeue(submissionId: Int64, kind: JobKind, at: Date) throws

    /// The jobs of `kinds` a worker may claim, best first (fair across teams, see `ScoringQueue`), at most
    /// `limit`, held for this transaction so no other claim takes them.
    func claimCandidates(now: Date, limit: Int, kinds: [JobKind]) throws -> [ClaimCandidate]

    /// Records what a leased job is doing now, if `worker` still holds it.
    func setStage(submissionId: Int64, worker: String, stage: String) throws

    /// Fails a job for good through its program's own fault (a code run that broke a limit, crashed or wrote
    /// invalid output): `error` for the team, `detail` for organisers; charged unless the round says otherwise.
    func rejectJob(submissionId: Int64, error: String, detail: String, charged: Bool, at: Date) throws

    /// Leases a job to `worker` until `until` (one more attempt) and marks its submission scoring.
    func lease(submissionId: Int64, worker: String, until: Date, now: Date) throws

    /// Extends `worker`'s lease; false when it no longer holds it.
    func renewLease(submissionId: Int64, worker: String, until: Date) throws -> Bool

    /// Marks a job done.
    func finishJob(submissionId: Int64) throws

    /// Puts a leased job back in the queue after a failed attempt.
    func returnJob(submissionId: Int64, reason: String) throws

    /// Fails a job for good and refunds its submission's quota slot (the caller says so to the chat).
    func giveUpJob(submissionId: Int64, reason: String, at: Date) throws
}
