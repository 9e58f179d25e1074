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
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name, t.isBaseline
                FROM submission s JOIN team t ON t.id = s.teamId
                WHERE s.competition = ? AND s.round = ? AND s.status = 'scored' AND s.disqualified = 0 AND t.disqualified = 0
                """, arguments: [competition, round])
        var baselines = Set<String>()
        let entries = rows.map { row -> ScoredEntry in
            let name: String = row["name"]
            if row["isBaseline"] as Bool { baselines.insert(name) }
            let scores = (row["scores"] as String?).flatMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            return ScoredEntry(
                submission: row["id"], team: name, submittedAt: row["createdAt"], publicScore: row["publicScore"],
                privateScore: row["privateScore"], publicTasks: scores?["public"] as? [String: Double] ?? [:],
                privateTasks: scores?["private"] as? [String: Double] ?? [:], selected: row["selected"])
        }
        return (entries, baselines)
    }

    func scoreHistory(competition: String, round: String) throws -> [(team: String, at: Date, score: Double)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT t.name, s.createdAt, s.publicScore FROM submission s JOIN team t ON t.id = s.teamId
                WHERE s.competition = ? AND s.round = ? AND s.status = 'scored' AND s.disqualified = 0
                AND t.disqualified = 0 AND t.isBaseline = 0 AND s.publicScore IS NOT NULL ORDER BY s.createdAt, s.id
                """, arguments: [competition, round]
        ).map { ($0["name"], $0["createdAt"], $0["publicScore"]) }
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

    func save(_ competition: CompetitionRecord) throws { try competition.save(db) }

    func save(_ solution: SolutionRecord) throws { try solution.save(db) }

    func insert(_ team: TeamRecord) throws -> TeamRecord {
        var team = team
        try team.insert(db)
        return team
    }

    func insert(_ submission: SubmissionRecord) throws -> SubmissionRecord {
        var submission = submission
        try submission.insert(db)
        return submission
    }

    func insert(_ file: SubmissionFileRecord) throws { try file.insert(db) }

    func enqueue(submissionId: Int64, at now: Date) throws {
        try ScoringQueue.enqueue(db, submissionId: submissionId, at: now)
    }

    func requeue(submissionId: Int64, at now: Date) throws {
        try db.execute(sql: "UPDATE submission SET status = 'queued' WHERE id = ?", arguments: [submissionId])
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
    }

    func insert(_ action: RoundActionRecord) throws {
        var action = action
        try action.insert(db)
    }

    func save(_ advancement: AdvancementRecord) throws { try advancement.save(db) }

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
    }

    func markFailed(submissionId: Int64, error: String, detail: String, at now: Date) throws {
        try db.execute(
            sql: "UPDATE submission SET status = 'failed', error = ?, errorDetail = ?, scoredAt = ? WHERE id = ?",
            arguments: [error, detail, now, submissionId])
    }

    func disqualify(submissionId: Int64) throws {
        try db.execute(sql: "UPDATE submission SET disqualified = 1 WHERE id = ?", arguments: [submissionId])
    }

    func emit(competition: String, type: String, _ data: [String: Any], at now: Date) throws {
        try Events.emit(db, competition: competition, type: type, data, at: now)
    }

    @discardableResult
    func emitOnce(key: String, competition: String, type: String, _ data: [String: Any], at now: Date) throws -> Bool {
        try Outbox.emitOnce(db, key: key, competition: competition, type: type, data, at: now)
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
}
