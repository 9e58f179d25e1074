import Competitions
import Foundation
import GRDB

/// `StoreReader` and `StoreWriter` over one GRDB database access: the SQLite dialect of every named
/// operation. A write transaction is IMMEDIATE (see `AppDatabase`), so SQLite's single writer
/// serialises every read-then-write the application does inside it.
struct SQLiteTransaction: StoreWriter {
    let db: Database

    // MARK: Competitions

    func competition(_ slug: String) throws -> CompetitionRecord? { try CompetitionRecord.fetchOne(db, key: slug) }

    func competitions() throws -> [CompetitionRecord] { try CompetitionRecord.order(Column("slug")).fetchAll(db) }

    func solution(competition: String, round: String, task: String) throws -> SolutionRecord? {
        let key: [String: any DatabaseValueConvertible] = ["competition": competition, "round": round, "task": task]
        return try SolutionRecord.fetchOne(db, key: key)
    }

    // MARK: Teams

    func team(id: Int64) throws -> TeamRecord? { try TeamRecord.fetchOne(db, key: id) }

    func team(competition: String, name: String) throws -> TeamRecord? {
        try TeamRecord.filter(Column("competition") == competition && Column("name") == name).fetchOne(db)
    }

    func team(competition: String, tokenHash: String) throws -> TeamRecord? {
        try TeamRecord.filter(Column("competition") == competition && Column("tokenHash") == tokenHash).fetchOne(db)
    }

    func teams(competition: String) throws -> [TeamRecord] {
        try TeamRecord.filter(Column("competition") == competition).order(Column("name")).fetchAll(db)
    }

    // MARK: Rounds

    func lastOpenOrClose(competition: String, round: String) throws -> RoundActionRecord? {
        try RoundActionRecord.filter(
            Column("competition") == competition && Column("round") == round
                && ["open", "close"].contains(Column("kind"))
        )
        .order(Column("id").desc).fetchOne(db)
    }

    func reveal(competition: String, round: String) throws -> RoundActionRecord? {
        try RoundActionRecord.filter(
            Column("competition") == competition && Column("round") == round && Column("kind") == "reveal"
        )
        .order(Column("id")).fetchOne(db)
    }

    func advancedTeams(competition: String, round: String) throws -> Set<Int64> {
        Set(
            try Int64.fetchAll(
                db, sql: "SELECT teamId FROM advancement WHERE competition = ? AND round = ?",
                arguments: [competition, round]))
    }

    // MARK: Submissions

    func chargeTimes(competition: String, round: String, teamId: Int64) throws -> [Date] {
        try Date.fetchAll(
            db,
            sql: "SELECT createdAt FROM submission WHERE competition = ? AND round = ? AND teamId = ? AND charged = 1",
            arguments: [competition, round, teamId])
    }

    func submission(id: Int64) throws -> SubmissionRecord? { try SubmissionRecord.fetchOne(db, key: id) }

    func submissions(competition: String, round: String, teamId: Int64) throws -> [SubmissionRecord] {
        try SubmissionRecord.filter(
            Column("competition") == competition && Column("round") == round && Column("teamId") == teamId
        )
        .order(Column("id").desc).fetchAll(db)
    }

    func submissions(competition: String, round: String, statuses: [SubmissionStatus]) throws -> [SubmissionRecord] {
        try SubmissionRecord.filter(
            Column("competition") == competition && Column("round") == round
                && statuses.map(\.rawValue).contains(Column("status"))
        )
        .fetchAll(db)
    }

    func recentSubmissions(competition: String, limit: Int) throws -> [SubmissionRecord] {
        try SubmissionRecord.filter(Column("competition") == competition).order(Column("id").desc).limit(limit)
            .fetchAll(db)
    }

    func scoredCount(competition: String, round: String) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM submission WHERE competition = ? AND round = ? AND status = 'scored'",
            arguments: [competition, round]) ?? 0
    }

    func files(submissionId: Int64) throws -> [SubmissionFileRecord] {
        try SubmissionFileRecord.filter(Column("submissionId") == submissionId).fetchAll(db)
    }

    // MARK: Boards

    func scoredEntries(competition: String, round: String) throws -> (entries: [ScoredEntry], baselines: Set<String>) {
        try scoredEntries(competition: competition, round: round, scoredBy: .distantFuture)
    }

    func scoredEntries(competition: String, round: String, scoredBy moment: Date) throws -> (
        entries: [ScoredEntry], baselines: Set<String>
    ) {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name, t.isBaseline
                FROM submission s JOIN team t ON t.id = s.teamId
                WHERE s.competition = ? AND s.round = ? AND s.status = 'scored' AND s.disqualified = 0 AND t.disqualified = 0
                AND s.scoredAt <= ?
                """, arguments: [competition, round, moment])
        var baselines = Set<String>()
        let entries = rows.map { row -> ScoredEntry in
            let name: String = row["name"]
            if row["isBaseline"] as Bool { baselines.insert(name) }
            return PublicStandingCoding.entry(
                submission: row["id"], team: name, submittedAt: row["createdAt"], publicScore: row["publicScore"],
                privateScore: row["privateScore"], scores: row["scores"], selected: row["selected"])
        }
        return (entries, baselines)
    }

    func teamEntries(competition: String, round: String, teamId: Int64) throws -> [ScoredEntry] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name
                FROM submission s JOIN team t ON t.id = s.teamId
                WHERE s.competition = ? AND s.round = ? AND s.teamId = ? AND s.status = 'scored' AND s.disqualified = 0
                """, arguments: [competition, round, teamId]
        ).map { row in
            PublicStandingCoding.entry(
                submission: row["id"], team: row["name"], submittedAt: row["createdAt"],
                publicScore: row["publicScore"], privateScore: row["privateScore"], scores: row["scores"],
                selected: row["selected"])
        }
    }

    func publicStandings(competition: String, round: String) throws -> (
        rows: [Leaderboard.TeamRow], baselines: Set<String>
    )? {
        guard
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM standingBuild WHERE competition = ? AND round = ?",
                arguments: [competition, round]) == 1
        else { return nil }
        var baselines = Set<String>()
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT p.submission, p.submittedAt, p.publicScore, p.publicTasks, p.entries, t.name, t.isBaseline
                FROM publicStanding p JOIN team t ON t.id = p.teamId
                WHERE p.competition = ? AND p.round = ? AND t.disqualified = 0
                """, arguments: [competition, round]
        ).map { row -> Leaderboard.TeamRow in
            let name: String = row["name"]
            if row["isBaseline"] as Bool { baselines.insert(name) }
            let (tasks, metrics) = PublicStandingCoding.parts(row["publicTasks"])
            let score: Double = row["publicScore"]
            let entry = ScoredEntry(
                submission: row["submission"], team: name, submittedAt: row["submittedAt"], publicScore: score,
                privateScore: nil, publicTasks: tasks, publicMetrics: metrics)
            return Leaderboard.TeamRow(
                entry: entry, score: score, tasks: tasks, metrics: metrics, count: row["entries"])
        }
        return (rows, baselines)
    }

    func hasPublicStandings(competition: String, round: String) throws -> Bool {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM standingBuild WHERE competition = ? AND round = ?",
            arguments: [competition, round]) == 1
    }

    func publicLeader(competition: String, round: String, higherIsBetter: Bool) throws -> (
        team: String, score: Double
    )? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT t.name, p.publicScore FROM publicStanding p JOIN team t ON t.id = p.teamId
                WHERE p.competition = ? AND p.round = ? AND t.disqualified = 0 AND t.isBaseline = 0
                ORDER BY p.publicScore \(higherIsBetter ? "DESC" : "ASC"), p.submittedAt, p.submission LIMIT 1
                """, arguments: [competition, round]
        ).map { ($0["name"], $0["publicScore"]) }
    }

    func scoreHistory(competition: String, round: String, teams: [String]?) throws -> [(
        team: String, at: Date, score: Double
    )] {
        var arguments: StatementArguments = [competition, round]
        var only = ""
        if let teams {
            only = "AND t.name IN (\(teams.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments(teams)
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT t.name, s.createdAt, s.publicScore FROM submission s JOIN team t ON t.id = s.teamId
                WHERE s.competition = ? AND s.round = ? AND s.status = 'scored' AND s.disqualified = 0
                AND t.disqualified = 0 AND t.isBaseline = 0 AND s.publicScore IS NOT NULL \(only)
                ORDER BY s.createdAt, s.id
                """, arguments: arguments
        ).map { ($0["name"], $0["createdAt"], $0["publicScore"]) }
    }

    func boardVersion(competition: String) throws -> Int64 {
        try Int64.fetchOne(
            db, sql: "SELECT version FROM boardVersion WHERE competition = ?", arguments: [competition]) ?? 0
    }

    // MARK: Events and the queue

    func events(limit: Int) throws -> [EventRecord] {
        try EventRecord.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    func scoringTotals() throws -> (count: Int, latencySeconds: Double) {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) AS n, COALESCE(SUM((julianday(scoredAt) - julianday(createdAt)) * 86400.0), 0) AS total
                FROM submission WHERE status = 'scored' AND scoredAt IS NOT NULL
                """)
        return (row?["n"] ?? 0, row?["total"] ?? 0)
    }

    func failingJobs(minAttempts: Int) throws -> [FailingJob] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT j.submissionId, j.attempts, j.lastError, s.competition FROM scoringJob j JOIN submission s ON s.id = j.submissionId
                WHERE j.state IN ('queued', 'leased') AND j.attempts >= ?
                """, arguments: [minAttempts]
        ).map {
            FailingJob(
                submissionId: $0["submissionId"], attempts: $0["attempts"], lastError: $0["lastError"],
                competition: $0["competition"])
        }
    }

    func oldestQueuedJob() throws -> (enqueuedAt: Date, competition: String, depth: Int)? {
        guard
            let oldest = try Row.fetchOne(
                db,
                sql: """
                    SELECT j.enqueuedAt, s.competition FROM scoringJob j JOIN submission s ON s.id = j.submissionId
                    WHERE j.state = 'queued' ORDER BY j.enqueuedAt LIMIT 1
                    """)
        else { return nil }
        let depth = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scoringJob WHERE state = 'queued'") ?? 0
        return (oldest["enqueuedAt"], oldest["competition"], depth)
    }

    // MARK: Writes

    func save(_ competition: CompetitionRecord) throws {
        try competition.save(db)
        try bumpBoardVersion(competition.slug)
    }

    func save(_ solution: SolutionRecord) throws { try solution.save(db) }

    func insert(_ team: TeamRecord) throws -> TeamRecord {
        var team = team
        try team.insert(db)
        try bumpBoardVersion(team.competition)
        return team
    }

    func insert(_ submission: SubmissionRecord) throws -> SubmissionRecord {
        var submission = submission
        try submission.insert(db)
        return submission
    }

    func insert(_ file: SubmissionFileRecord) throws { try file.insert(db) }

    func enqueue(submissionId: Int64, at now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO scoringJob (submissionId, state, attempts, enqueuedAt, teamId)
                SELECT id, 'queued', 0, ?, teamId FROM submission WHERE id = ?
                """, arguments: [now, submissionId])
    }

    func requeue(submissionId: Int64, at now: Date) throws {
        try db.execute(sql: "UPDATE submission SET status = 'queued' WHERE id = ?", arguments: [submissionId])
        try bumpBoardVersion(submissionId: submissionId)
        try db.execute(
            sql: """
                UPDATE scoringJob SET state = 'queued', attempts = 0, leaseOwner = NULL, leaseExpiresAt = NULL,
                enqueuedAt = ?, lastError = NULL WHERE submissionId = ?
                """, arguments: [now, submissionId])
        if db.changesCount == 0 { try enqueue(submissionId: submissionId, at: now) }
    }

    func select(competition: String, round: String, teamId: Int64, submissions ids: [Int64]) throws {
        try db.execute(
            sql: "UPDATE submission SET selected = 0 WHERE competition = ? AND round = ? AND teamId = ?",
            arguments: [competition, round, teamId])
        for id in ids {
            try db.execute(sql: "UPDATE submission SET selected = 1 WHERE id = ?", arguments: [id])
        }
        try bumpBoardVersion(competition)
    }

    func insert(_ action: RoundActionRecord) throws {
        var action = action
        try action.insert(db)
        try bumpBoardVersion(action.competition)
    }

    func save(_ advancement: AdvancementRecord) throws {
        try advancement.save(db)
        try bumpBoardVersion(advancement.competition)
    }

    func recordScore(_ score: StoredScore, submissionId: Int64, at now: Date) throws {
        try db.execute(
            sql: """
                UPDATE submission SET status = 'scored', publicScore = ?, privateScore = ?, scores = ?, error = NULL,
                errorDetail = NULL, solutionHash = ?, scorerVersion = ?, scoredAt = ? WHERE id = ?
                """,
            arguments: [
                score.publicScore, score.privateScore, score.json, score.solutionHash, score.scorerVersion, now,
                submissionId,
            ])
        try db.execute(sql: "DELETE FROM resamples WHERE submissionId = ?", arguments: [submissionId])
        if score.publicResamples != nil || score.privateResamples != nil {
            try db.execute(
                sql: "INSERT INTO resamples (submissionId, publicValues, privateValues) VALUES (?, ?, ?)",
                arguments: [
                    submissionId, ResampleCoding.encode(score.publicResamples),
                    ResampleCoding.encode(score.privateResamples),
                ])
        }
        try bumpBoardVersion(submissionId: submissionId)
    }

    func markFailed(submissionId: Int64, error: String, detail: String, at now: Date) throws {
        try db.execute(
            sql: "UPDATE submission SET status = 'failed', error = ?, errorDetail = ?, scoredAt = ? WHERE id = ?",
            arguments: [error, detail, now, submissionId])
        try bumpBoardVersion(submissionId: submissionId)
    }

    func disqualify(submissionId: Int64) throws {
        try db.execute(sql: "UPDATE submission SET disqualified = 1 WHERE id = ?", arguments: [submissionId])
        try bumpBoardVersion(submissionId: submissionId)
    }

    func emit(competition: String, type: EventType, _ data: [String: Any], at now: Date) throws {
        var event = EventRecord(
            id: nil, competition: competition, type: type, payload: try EventRecord.payload(data), createdAt: now)
        try event.insert(db)
    }

    @discardableResult
    func emitOnce(key: String, competition: String, type: EventType, _ data: [String: Any], at now: Date) throws -> Bool
    {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scheduledEvent WHERE key = ?", arguments: [key]) == 0
        else { return false }
        try emit(competition: competition, type: type, data, at: now)
        try db.execute(
            sql: "INSERT INTO scheduledEvent (key, eventId) VALUES (?, ?)", arguments: [key, db.lastInsertedRowID])
        return true
    }

    // MARK: Files

    func hasBlob(sha256: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM blob WHERE sha256 = ?", arguments: [sha256]) == 1
    }

    func blob(sha256: String) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT bytes FROM blob WHERE sha256 = ?", arguments: [sha256])
    }

    func competitionFiles(competition: String) throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(
                db, sql: "SELECT path, sha256 FROM competitionFile WHERE competition = ?", arguments: [competition]
            ).map { ($0["path"], $0["sha256"]) })
    }

    func savePublicStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws {
        try writeStanding(competition: competition, round: round, teamId: teamId, row: row)
        try bumpBoardVersion(competition)
    }

    private func writeStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws {
        guard let row else {
            try db.execute(
                sql: "DELETE FROM publicStanding WHERE competition = ? AND round = ? AND teamId = ?",
                arguments: [competition, round, teamId])
            return
        }
        try db.execute(
            sql: """
                INSERT INTO publicStanding (competition, round, teamId, submission, submittedAt, publicScore, publicTasks,
                entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (competition, round, teamId) DO UPDATE SET submission = excluded.submission,
                submittedAt = excluded.submittedAt, publicScore = excluded.publicScore,
                publicTasks = excluded.publicTasks, entries = excluded.entries
                """,
            arguments: [
                competition, round, teamId, row.entry.submission, row.entry.submittedAt, row.score,
                PublicStandingCoding.json(row.tasks, metrics: row.metrics), row.count,
            ])
    }

    func replacePublicStandings(competition: String, round: String, rows: [Int64: Leaderboard.TeamRow]) throws {
        try db.execute(
            sql: "DELETE FROM publicStanding WHERE competition = ? AND round = ?", arguments: [competition, round])
        for (teamId, row) in rows {
            try writeStanding(competition: competition, round: round, teamId: teamId, row: row)
        }
        try bumpBoardVersion(competition)
        try db.execute(
            sql: """
                INSERT INTO standingBuild (competition, round, builtAt) VALUES (?, ?, ?)
                ON CONFLICT (competition, round) DO UPDATE SET builtAt = excluded.builtAt
                """, arguments: [competition, round, Date()])
    }

    func bumpBoardVersion(_ competition: String) throws {
        try db.execute(
            sql: """
                INSERT INTO boardVersion (competition, version) VALUES (?, 1)
                ON CONFLICT (competition) DO UPDATE SET version = version + 1
                """, arguments: [competition])
    }

    private func bumpBoardVersion(submissionId: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO boardVersion (competition, version) SELECT competition, 1 FROM submission WHERE id = ?
                ON CONFLICT (competition) DO UPDATE SET version = version + 1
                """, arguments: [submissionId])
    }

    func saveBlob(sha256: String, bytes: Data) throws {
        try db.execute(
            sql: "INSERT INTO blob (sha256, bytes) VALUES (?, ?) ON CONFLICT DO NOTHING", arguments: [sha256, bytes])
    }

    func replaceCompetitionFiles(competition: String, files: [String: String]) throws {
        try db.execute(sql: "DELETE FROM competitionFile WHERE competition = ?", arguments: [competition])
        for (path, sha256) in files {
            try db.execute(
                sql: "INSERT INTO competitionFile (competition, path, sha256) VALUES (?, ?, ?)",
                arguments: [competition, path, sha256])
        }
    }

    // MARK: The scoring queue

    func job(submissionId: Int64) throws -> ScoringJobRecord? { try ScoringJobRecord.fetchOne(db, key: submissionId) }

    func queuedJobs(before job: ScoringJobRecord) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM scoringJob WHERE state = 'queued'
                AND (enqueuedAt < ? OR (enqueuedAt = ? AND submissionId < ?))
                """, arguments: [job.enqueuedAt, job.enqueuedAt, job.submissionId]) ?? 0
    }

    func waitingJobs(now: Date) throws -> Int {
        try Int.fetchOne(
            db,
            sql: "SELECT COUNT(*) FROM scoringJob WHERE state = 'queued' OR (state = 'leased' AND leaseExpiresAt < ?)",
            arguments: [now]) ?? 0
    }

    /// The fair order (see `ScoringQueue`); SQLite's single writer holds the jobs for the transaction.
    func claimCandidates(now: Date, limit: Int) throws -> [ClaimCandidate] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT j.*, s.competition AS candidateCompetition, s.round AS candidateRound,
                  (SELECT COUNT(*) FROM scoringJob f JOIN submission fs ON fs.id = f.submissionId
                   WHERE f.teamId = j.teamId AND fs.teamId = j.teamId AND fs.competition = s.competition AND fs.round = s.round
                   AND f.state = 'leased' AND f.leaseExpiresAt >= :now) AS teamJobsInFlight
                FROM scoringJob j JOIN submission s ON s.id = j.submissionId
                WHERE j.state = 'queued' OR (j.state = 'leased' AND j.leaseExpiresAt < :now)
                ORDER BY
                  (SELECT COUNT(*) FROM scoringJob f
                   WHERE f.teamId = j.teamId AND f.state = 'leased' AND f.leaseExpiresAt >= :now),
                  (SELECT MAX(c.claimedAt) FROM scoringJob c WHERE c.teamId = j.teamId),
                  j.enqueuedAt, j.submissionId
                LIMIT :limit
                """, arguments: ["now": now, "limit": limit]
        ).map {
            ClaimCandidate(
                job: try ScoringJobRecord(row: $0), competition: $0["candidateCompetition"],
                round: $0["candidateRound"], teamJobsInFlight: $0["teamJobsInFlight"])
        }
    }

    func lease(submissionId: Int64, worker: String, until: Date, now: Date) throws {
        try db.execute(
            sql: """
                UPDATE scoringJob SET state = 'leased', leaseOwner = ?, leaseExpiresAt = ?, attempts = attempts + 1,
                claimedAt = ? WHERE submissionId = ?
                """, arguments: [worker, until, now, submissionId])
        try db.execute(sql: "UPDATE submission SET status = 'scoring' WHERE id = ?", arguments: [submissionId])
    }

    func renewLease(submissionId: Int64, worker: String, until: Date) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE scoringJob SET leaseExpiresAt = ? WHERE submissionId = ? AND state = 'leased' AND leaseOwner = ?
                """,
            arguments: [until, submissionId, worker])
        return db.changesCount == 1
    }

    func finishJob(submissionId: Int64) throws {
        try db.execute(
            sql: """
                UPDATE scoringJob SET state = 'done', leaseOwner = NULL, leaseExpiresAt = NULL WHERE submissionId = ?
                """,
            arguments: [submissionId])
    }

    func returnJob(submissionId: Int64, reason: String) throws {
        try db.execute(
            sql: """
                UPDATE scoringJob SET state = 'queued', leaseOwner = NULL, leaseExpiresAt = NULL, lastError = ?
                WHERE submissionId = ?
                """, arguments: [reason, submissionId])
        try db.execute(sql: "UPDATE submission SET status = 'queued' WHERE id = ?", arguments: [submissionId])
    }

    func giveUpJob(submissionId: Int64, reason: String, at now: Date) throws {
        try db.execute(
            sql:
                "UPDATE scoringJob SET state = 'failed', leaseOwner = NULL, leaseExpiresAt = NULL, lastError = ? WHERE submissionId = ?",
            arguments: [reason, submissionId])
        try db.execute(
            sql: """
                UPDATE submission SET status = 'failed', charged = 0, error = ?, errorDetail = ?, scoredAt = ?
                WHERE id = ?
                """,
            arguments: [ScoringQueue.refundMessage, reason, now, submissionId])
        if let competition = try String.fetchOne(
            db, sql: "SELECT competition FROM submission WHERE id = ?", arguments: [submissionId])
        {
            try emit(competition: competition, type: .submissionFailed, ["submission": submissionId], at: now)
        }
    }

    // MARK: The outbox

    func newestEventId() throws -> Int64 { try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0 }

    func cursor(target: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT lastEventId FROM notifyCursor WHERE target = ?", arguments: [target])
    }

    func setCursor(target: String, eventId: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO notifyCursor (target, lastEventId) VALUES (?, ?)
                ON CONFLICT(target) DO UPDATE SET lastEventId = excluded.lastEventId
                """, arguments: [target, eventId])
    }

    func events(after id: Int64) throws -> [EventRecord] {
        try EventRecord.filter(Column("id") > id).order(Column("id")).fetchAll(db)
    }

    func event(id: Int64) throws -> EventRecord? { try EventRecord.fetchOne(db, key: id) }

    func headDelivery(target: String) throws -> DeliveryRecord? {
        try DeliveryRecord.filter(Column("target") == target && Column("state") == "pending").order(Column("eventId"))
            .fetchOne(db)
    }

    func recentDeliveries(limit: Int) throws -> [DeliveryRecord] {
        try DeliveryRecord.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    func addDelivery(eventId: Int64, target: String, at now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO delivery (eventId, target, state, attempts, nextAttemptAt) VALUES (?, ?, 'pending', 0, ?)
                ON CONFLICT DO NOTHING
                """, arguments: [eventId, target, now])
    }

    func markDelivered(deliveryId: Int64, status: Int, response: String, at now: Date) throws {
        try db.execute(
            sql: """
                UPDATE delivery SET state = 'delivered', attempts = attempts + 1, lastStatus = ?, lastResponse = ?,
                deliveredAt = ? WHERE id = ?
                """, arguments: [status, response, now, deliveryId])
    }

    func markAttemptFailed(deliveryId: Int64, status: Int, response: String, next: Date?) throws {
        if let next {
            try db.execute(
                sql: """
                    UPDATE delivery SET attempts = attempts + 1, lastStatus = ?, lastResponse = ?, nextAttemptAt = ?
                    WHERE id = ?
                    """, arguments: [status, response, next, deliveryId])
        } else {
            try db.execute(
                sql: """
                    UPDATE delivery SET state = 'dead', attempts = attempts + 1, lastStatus = ?, lastResponse = ?
                    WHERE id = ?
                    """, arguments: [status, response, deliveryId])
        }
    }

    func reviveDeadDeliveries(target: String?, at now: Date) throws -> Int {
        try db.execute(
            sql: """
                UPDATE delivery SET state = 'pending', attempts = 0, nextAttemptAt = ?
                WHERE state = 'dead' AND (? IS NULL OR target = ?)
                """, arguments: [now, target, target])
        return db.changesCount
    }
}

extension AppDatabase: Store {
    /// Runs `body` on a snapshot of the pool.
    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteTransaction(db: db)) }
    }

    /// Runs `body` in one IMMEDIATE transaction.
    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try writer.write { db in try body(SQLiteTransaction(db: db)) }
    }

    /// Polls: SQLite has no way to hear another process's commit.
    public func waitForWork(upTo timeout: TimeInterval) { Thread.sleep(forTimeInterval: timeout) }

    /// `flock` on `<database>.<name>.lock`: one holder among the processes on this database file.
    public func holdsLock(_ name: String) throws -> Bool { try processLock(name).hold() }
}
