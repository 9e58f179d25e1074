import Foundation
import GRDB

/// The durable scoring queue over the `scoringJob` table.
///
/// A worker claims the oldest queued job (or one whose lease expired) in one IMMEDIATE transaction,
/// so two workers — in one process or several — never hold the same job. It renews the lease while it
/// scores and writes the result only if it still holds the lease, so a job is scored exactly once
/// even when a worker is killed mid-way and another takes over. A job that has been claimed
/// `maxAttempts` times without a result is failed and its quota slot refunded.
public struct ScoringQueue: Sendable {
    /// The database.
    public let database: AppDatabase
    /// How long a lease lasts without renewal.
    public let leaseDuration: TimeInterval
    /// Claims before a job is given up.
    public let maxAttempts: Int

    /// Creates a queue.
    public init(database: AppDatabase, leaseDuration: TimeInterval = 30, maxAttempts: Int = 3) {
        self.database = database
        self.leaseDuration = leaseDuration
        self.maxAttempts = maxAttempts
    }

    /// Adds a job for `submissionId` (inside the caller's transaction).
    public static func enqueue(_ db: Database, submissionId: Int64, at now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO scoringJob (submissionId, state, attempts, enqueuedAt, teamId)
                SELECT id, 'queued', 0, ?, teamId FROM submission WHERE id = ?
                """, arguments: [now, submissionId])
    }

    /// The 1-based position of a queued submission (nil when not queued).
    public func position(of submissionId: Int64) throws -> Int? {
        try database.writer.read { db in
            guard let job = try ScoringJobRecord.fetchOne(db, key: submissionId), job.state == .queued else {
                return nil
            }
            let ahead =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM scoringJob WHERE state = 'queued'
                        AND (enqueuedAt < ? OR (enqueuedAt = ? AND submissionId < ?))
                        """, arguments: [job.enqueuedAt, job.enqueuedAt, submissionId]) ?? 0
            return ahead + 1
        }
    }

    /// Jobs waiting (queued or with an expired lease).
    public func depth(now: Date) throws -> Int {
        try database.writer.read { db in
            try Int.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) FROM scoringJob WHERE state = 'queued' OR (state = 'leased' AND leaseExpiresAt < ?)",
                arguments: [now]) ?? 0
        }
    }

    /// A claimed job.
    public struct Claim: Sendable {
        /// The submission to score.
        public let submissionId: Int64
        /// This claim's attempt number (1 for the first).
        public let attempt: Int
    }

    /// The next job to claim, fair across teams: among the claimable jobs (queued, or leased with the lease
    /// run out), the one of the team with the fewest jobs being scored now, then of the team served least
    /// recently (its latest claim), then the oldest. So one team's burst of twenty uploads does not make
    /// everyone behind it wait: a single upload from another team is scored next.
    static let fairClaimSQL = """
        SELECT j.* FROM scoringJob j
        WHERE j.state = 'queued' OR (j.state = 'leased' AND j.leaseExpiresAt < :now)
        ORDER BY
          (SELECT COUNT(*) FROM scoringJob f
           WHERE f.teamId = j.teamId AND f.state = 'leased' AND f.leaseExpiresAt >= :now),
          (SELECT MAX(c.claimedAt) FROM scoringJob c WHERE c.teamId = j.teamId),
          j.enqueuedAt, j.submissionId
        LIMIT 1
        """

    /// Claims the next job for `worker`, failing (and refunding) jobs that ran out of attempts on the way.
    public func claim(worker: String, now: Date) throws -> Claim? {
        try database.writer.write { db in
            while true {
                guard
                    let job = try ScoringJobRecord.fetchOne(db, sql: Self.fairClaimSQL, arguments: ["now": now])
                else { return nil }
                if job.attempts >= maxAttempts {
                    let reason = job.lastError ?? "the worker scoring it stopped \(job.attempts) times"
                    try Self.giveUp(db, submissionId: job.submissionId, reason: reason, now: now)
                    continue
                }
                try db.execute(
                    sql: """
                        UPDATE scoringJob SET state = 'leased', leaseOwner = ?, leaseExpiresAt = ?, attempts = attempts + 1,
                        claimedAt = ? WHERE submissionId = ?
                        """, arguments: [worker, now.addingTimeInterval(leaseDuration), now, job.submissionId])
                try db.execute(
                    sql: "UPDATE submission SET status = 'scoring' WHERE id = ?", arguments: [job.submissionId])
                return Claim(submissionId: job.submissionId, attempt: job.attempts + 1)
            }
        }
    }

    /// Extends `worker`'s lease; false when the lease was lost.
    public func renew(_ submissionId: Int64, worker: String, now: Date) throws -> Bool {
        try database.writer.write { db in
            try db.execute(
                sql:
                    "UPDATE scoringJob SET leaseExpiresAt = ? WHERE submissionId = ? AND state = 'leased' AND leaseOwner = ?",
                arguments: [now.addingTimeInterval(leaseDuration), submissionId, worker])
            return db.changesCount == 1
        }
    }

    /// Runs `update` and marks the job done, in one transaction, only if `worker` still holds the lease.
    /// Returns false (writing nothing) when the lease was lost.
    public func complete(
        _ submissionId: Int64, worker: String, now: Date, _ update: (any StoreWriter) throws -> Void
    ) throws -> Bool {
        try database.writer.write { db in
            guard
                let job = try ScoringJobRecord.fetchOne(db, key: submissionId), job.state == .leased,
                job.leaseOwner == worker
            else { return false }
            try update(SQLiteTransaction(db: db))
            try db.execute(
                sql:
                    "UPDATE scoringJob SET state = 'done', leaseOwner = NULL, leaseExpiresAt = NULL WHERE submissionId = ?",
                arguments: [submissionId])
            return true
        }
    }

    /// Records a failed attempt: the job goes back to the queue, or is given up after `maxAttempts`.
    /// Returns true when it was given up.
    @discardableResult
    public func fail(_ submissionId: Int64, worker: String, reason: String, now: Date) throws -> Bool {
        try database.writer.write { db in
            guard
                let job = try ScoringJobRecord.fetchOne(db, key: submissionId), job.state == .leased,
                job.leaseOwner == worker
            else { return false }
            if job.attempts >= maxAttempts {
                try Self.giveUp(db, submissionId: submissionId, reason: reason, now: now)
                return true
            }
            try db.execute(
                sql: """
                    UPDATE scoringJob SET state = 'queued', leaseOwner = NULL, leaseExpiresAt = NULL, lastError = ?
                    WHERE submissionId = ?
                    """, arguments: [reason, submissionId])
            try db.execute(sql: "UPDATE submission SET status = 'queued' WHERE id = ?", arguments: [submissionId])
            return false
        }
    }

    /// Fails a job for good and refunds its quota slot: the platform's fault, not the team's.
    static func giveUp(_ db: Database, submissionId: Int64, reason: String, now: Date) throws {
        try db.execute(
            sql:
                "UPDATE scoringJob SET state = 'failed', leaseOwner = NULL, leaseExpiresAt = NULL, lastError = ? WHERE submissionId = ?",
            arguments: [reason, submissionId])
        try db.execute(
            sql: """
                UPDATE submission SET status = 'failed', charged = 0, error = ?, errorDetail = ?, scoredAt = ?
                WHERE id = ?
                """,
            arguments: ["scoring failed; this attempt was not counted against your quota", reason, now, submissionId])
        if let competition = try String.fetchOne(
            db, sql: "SELECT competition FROM submission WHERE id = ?", arguments: [submissionId])
        {
            try Events.emit(
                db, competition: competition, type: "submission.failed", ["submission": submissionId], at: now)
        }
    }
}
