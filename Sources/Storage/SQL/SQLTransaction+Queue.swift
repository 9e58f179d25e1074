import Foundation

/// The scoring queue: jobs, leases, the fair order (see `ScoringQueue`), and the operators' view of it.
extension SQLTransaction {
    func job(submissionId: Int64) throws -> ScoringJobRecord? {
        try sql.record("SELECT \(raw: ScoringJobRecord.columns) FROM scoringJob WHERE submissionId = \(submissionId)")
    }

    func queuedJobs(before job: ScoringJobRecord) throws -> Int {
        // Compared with the stored row, not the decoded date: a timestamp need not survive a round trip through
        // Double to the microsecond.
        try sql.count(
            """
            SELECT COUNT(*) FROM scoringJob j, scoringJob me
            WHERE me.submissionId = \(job.submissionId) AND j.state = \(JobState.queued)
            AND (j.enqueuedAt < me.enqueuedAt OR (j.enqueuedAt = me.enqueuedAt AND j.submissionId < me.submissionId))
            """)
    }

    /// `SELECT COUNT(*)` of the queued jobs.
    static var queuedJobs: SQL { "SELECT COUNT(*) FROM scoringJob WHERE state = \(JobState.queued)" }

    func waitingJobs(now: Date) throws -> Int {
        try sql.count(
            """
            SELECT COUNT(*) FROM scoringJob
            WHERE state = \(JobState.queued) OR (state = \(JobState.leased) AND leaseExpiresAt < \(now))
            """)
    }

    func scoringTotals() throws -> (count: Int, latencySeconds: Double) {
        try sql.fetch(
            """
            SELECT COUNT(*), COALESCE(SUM(\(.secondsBetween("createdAt", "scoredAt"))), 0.0)
            FROM submission WHERE status = \(SubmissionStatus.scored) AND scoredAt IS NOT NULL
            """
        ) { (try $0.next(Int.self), try $0.next(Double.self)) }.first ?? (0, 0)
    }

    func failingJobs(minAttempts: Int) throws -> [FailingJob] {
        try sql.fetch(
            """
            SELECT j.submissionId, j.attempts, j.lastError, s.competition
            FROM scoringJob j JOIN submission s ON s.id = j.submissionId
            WHERE j.state IN \(list: [JobState.queued, .leased]) AND j.attempts >= \(minAttempts)
            ORDER BY j.submissionId
            """
        ) {
            FailingJob(
                submissionId: try $0.next(), attempts: try $0.next(), lastError: try $0.next(),
                competition: try $0.next())
        }
    }

    func oldestQueuedJob() throws -> (enqueuedAt: Date, competition: String, depth: Int)? {
        guard
            let (enqueuedAt, competition) = try sql.fetch(
                """
                SELECT j.enqueuedAt, s.competition FROM scoringJob j JOIN submission s ON s.id = j.submissionId
                WHERE j.state = \(JobState.queued) ORDER BY j.enqueuedAt LIMIT 1
                """, { (try $0.next(Date.self), try $0.next(String.self)) }
            ).first
        else { return nil }
        let depth = try sql.count("SELECT COUNT(*) FROM scoringJob WHERE state = \(JobState.queued)")
        return (enqueuedAt, competition, depth)
    }

    func enqueue(submissionId: Int64, kind: JobKind, at now: Date) throws {
        try sql.perform(
            """
            INSERT INTO scoringJob (submissionId, state, attempts, enqueuedAt, teamId, kind)
            SELECT id, \(JobState.queued), 0, \(now), teamId, \(kind) FROM submission WHERE id = \(submissionId)
            """)
        try bumpActivity(submissionId: submissionId)
        try sql.announceQueuedJob(kind)
    }

    func requeue(submissionId: Int64, kind: JobKind, at now: Date) throws {
        try sql.perform("UPDATE submission SET status = \(SubmissionStatus.queued) WHERE id = \(submissionId)")
        try bumpBoardVersion(submissionId: submissionId)
        let changed = try sql.execute(
            """
            UPDATE scoringJob SET state = \(JobState.queued), attempts = 0, leaseOwner = NULL, leaseExpiresAt = NULL,
            enqueuedAt = \(now), lastError = NULL, stage = NULL, kind = \(kind) WHERE submissionId = \(submissionId)
            """)
        if changed == 0 {
            try enqueue(submissionId: submissionId, kind: kind, at: now)
        } else {
            try sql.announceQueuedJob(kind)
        }
    }

    /// The fair order (see `ScoringQueue`), the candidates held for this transaction: SQLite's single writer
    /// holds them already, PostgreSQL locks them skipping those another claim holds.
    func claimCandidates(now: Date, limit: Int, kinds: [JobKind]) throws -> [ClaimCandidate] {
        try sql.fetch(
            """
            SELECT \(raw: ScoringJobRecord.columns("j")), s.competition, s.round,
              (SELECT COUNT(*) FROM scoringJob f JOIN submission fs ON fs.id = f.submissionId
               WHERE f.teamId = j.teamId AND fs.teamId = j.teamId AND fs.competition = s.competition
               AND fs.round = s.round AND f.state = \(JobState.leased) AND f.leaseExpiresAt >= \(now))
            FROM scoringJob j JOIN submission s ON s.id = j.submissionId
            WHERE (j.state = \(JobState.queued) OR (j.state = \(JobState.leased) AND j.leaseExpiresAt < \(now)))
            AND j.kind IN \(list: kinds)
            ORDER BY
              (SELECT COUNT(*) FROM scoringJob f
               WHERE f.teamId = j.teamId AND f.state = \(JobState.leased) AND f.leaseExpiresAt >= \(now)),
              (SELECT MAX(c.claimedAt) FROM scoringJob c WHERE c.teamId = j.teamId) NULLS FIRST,
              j.enqueuedAt, j.submissionId
            LIMIT \(limit) \(.lockSkippingLocked(alias: "j"))
            """
        ) { row in
            ClaimCandidate(
                job: try ScoringJobRecord(from: &row), competition: try row.next(), round: try row.next(),
                teamJobsInFlight: try row.next())
        }
    }

    func lease(submissionId: Int64, worker: String, until: Date, now: Date) throws {
        try sql.perform(
            """
            UPDATE scoringJob SET state = \(JobState.leased), leaseOwner = \(worker), leaseExpiresAt = \(until),
            attempts = attempts + 1, claimedAt = \(now), stage = NULL WHERE submissionId = \(submissionId)
            """)
        try sql.perform("UPDATE submission SET status = \(SubmissionStatus.scoring) WHERE id = \(submissionId)")
        try bumpActivity(submissionId: submissionId)
    }

    func renewLease(submissionId: Int64, worker: String, until: Date) throws -> Bool {
        try sql.execute(
            """
            UPDATE scoringJob SET leaseExpiresAt = \(until)
            WHERE submissionId = \(submissionId) AND state = \(JobState.leased) AND leaseOwner = \(worker)
            """) == 1
    }

    func finishJob(submissionId: Int64) throws {
        try sql.perform(
            """
            UPDATE scoringJob SET state = \(JobState.done), leaseOwner = NULL, leaseExpiresAt = NULL
            WHERE submissionId = \(submissionId)
            """)
    }

    func returnJob(submissionId: Int64, reason: String) throws {
        try sql.perform(
            """
            UPDATE scoringJob SET state = \(JobState.queued), leaseOwner = NULL, leaseExpiresAt = NULL,
            lastError = \(reason) WHERE submissionId = \(submissionId)
            """)
        try sql.perform("UPDATE submission SET status = \(SubmissionStatus.queued) WHERE id = \(submissionId)")
        try sql.announceQueuedJob(try job(submissionId: submissionId)?.kind ?? .files)
        try bumpActivity(submissionId: submissionId)
    }

    func setStage(submissionId: Int64, worker: String, stage: String) throws {
        try sql.perform(
            """
            UPDATE scoringJob SET stage = \(stage)
            WHERE submissionId = \(submissionId) AND state = \(JobState.leased) AND leaseOwner = \(worker)
            """)
        try bumpActivity(submissionId: submissionId)
    }

    func rejectJob(submissionId: Int64, error: String, detail: String, charged: Bool, at now: Date) throws {
        try sql.perform(
            """
            UPDATE scoringJob SET state = \(JobState.failed), leaseOwner = NULL, leaseExpiresAt = NULL,
            lastError = \(error) WHERE submissionId = \(submissionId)
            """)
        try sql.perform(
            """
            UPDATE submission SET status = \(SubmissionStatus.failed), charged = \(charged),
            error = \(error), errorDetail = \(detail), scoredAt = \(now) WHERE id = \(submissionId)
            """)
        try bumpActivity(submissionId: submissionId)
    }

    func giveUpJob(submissionId: Int64, reason: String, at now: Date) throws {
        try sql.perform(
            """
            UPDATE scoringJob SET state = \(JobState.failed), leaseOwner = NULL, leaseExpiresAt = NULL,
            lastError = \(reason) WHERE submissionId = \(submissionId)
            """)
        try sql.perform(
            """
            UPDATE submission SET status = \(SubmissionStatus.failed), charged = \(false),
            error = \(ScoringQueue.refundMessage), errorDetail = \(reason), scoredAt = \(now) WHERE id = \(submissionId)
            """)
        try bumpActivity(submissionId: submissionId)
    }
}
