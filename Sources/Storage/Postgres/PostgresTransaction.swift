import Competitions
import Foundation
import Logging
import PostgresNIO

/// `StoreReader` and `StoreWriter` over one PostgreSQL connection inside a transaction: the PostgreSQL
/// dialect of every named operation (see `SQLiteTransaction` for the SQLite one).
struct PostgresTransaction: StoreWriter {
    let connection: PostgresConnection
    let logger: Logger

    /// The rows of `query`.
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try connection.query(query, logger: logger).wait().rows
        } catch {
            throw StoreError.database("\(String(reflecting: error))")
        }
    }

    /// Runs `query`; returns the rows it changed.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> Int {
        do {
            return try connection.query(query, logger: logger).wait().metadata.rows ?? 0
        } catch {
            throw StoreError.database("\(String(reflecting: error))")
        }
    }

    /// The first column of the first row, decoded.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        try rows(query).first.map { try $0.decode(T.self) }
    }

    // MARK: Competitions

    func competition(_ slug: String) throws -> CompetitionRecord? {
        try rows("SELECT \(unescaped: CompetitionRecord.columns) FROM competition WHERE slug = \(slug)").first
            .map(CompetitionRecord.init(row:))
    }

    func competitions() throws -> [CompetitionRecord] {
        try rows("SELECT \(unescaped: CompetitionRecord.columns) FROM competition ORDER BY slug")
            .map(CompetitionRecord.init(row:))
    }

    func solution(competition: String, round: String, task: String) throws -> SolutionRecord? {
        try rows(
            """
            SELECT competition, round, task, path, sha256 FROM solution
            WHERE competition = \(competition) AND round = \(round) AND task = \(task)
            """
        ).first.map { row in
            let (competition, round, task, path, sha256) = try row.decode((String, String, String, String, String).self)
            return SolutionRecord(competition: competition, round: round, task: task, path: path, sha256: sha256)
        }
    }

    // MARK: Teams

    func team(id: Int64) throws -> TeamRecord? {
        try rows("SELECT \(unescaped: TeamRecord.columns) FROM team WHERE id = \(id)").first.map(TeamRecord.init(row:))
    }

    func team(competition: String, name: String) throws -> TeamRecord? {
        try rows(
            "SELECT \(unescaped: TeamRecord.columns) FROM team WHERE competition = \(competition) AND name = \(name)"
        )
        .first.map(TeamRecord.init(row:))
    }

    func team(competition: String, tokenHash: String) throws -> TeamRecord? {
        try rows(
            "SELECT \(unescaped: TeamRecord.columns) FROM team WHERE competition = \(competition) AND tokenHash = \(tokenHash)"
        ).first.map(TeamRecord.init(row:))
    }

    func teams(competition: String) throws -> [TeamRecord] {
        try rows("SELECT \(unescaped: TeamRecord.columns) FROM team WHERE competition = \(competition) ORDER BY name")
            .map(TeamRecord.init(row:))
    }

    // MARK: Rounds

    func lastOpenOrClose(competition: String, round: String) throws -> RoundActionRecord? {
        try rows(
            """
            SELECT \(unescaped: RoundActionRecord.columns) FROM roundAction
            WHERE competition = \(competition) AND round = \(round) AND kind IN ('open', 'close') ORDER BY id DESC LIMIT 1
            """
        ).first.map(RoundActionRecord.init(row:))
    }

    func reveal(competition: String, round: String) throws -> RoundActionRecord? {
        try rows(
            """
            SELECT \(unescaped: RoundActionRecord.columns) FROM roundAction
            WHERE competition = \(competition) AND round = \(round) AND kind = 'reveal' ORDER BY id LIMIT 1
            """
        ).first.map(RoundActionRecord.init(row:))
    }

    func advancedTeams(competition: String, round: String) throws -> Set<Int64> {
        Set(
            try rows("SELECT teamId FROM advancement WHERE competition = \(competition) AND round = \(round)").map {
                try $0.decode(Int64.self)
            })
    }

    // MARK: Submissions

    func chargeTimes(competition: String, round: String, teamId: Int64) throws -> [Date] {
        try rows(
            """
            SELECT createdAt FROM submission
            WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId) AND charged
            """
        ).map { try $0.decode(Date.self) }
    }

    func submission(id: Int64) throws -> SubmissionRecord? {
        try rows("SELECT \(unescaped: SubmissionRecord.columns) FROM submission WHERE id = \(id)").first
            .map(SubmissionRecord.init(row:))
    }

    func submissions(competition: String, round: String, teamId: Int64) throws -> [SubmissionRecord] {
        try rows(
            """
            SELECT \(unescaped: SubmissionRecord.columns) FROM submission
            WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId) ORDER BY id DESC
            """
        ).map(SubmissionRecord.init(row:))
    }

    func submissions(competition: String, round: String, statuses: [SubmissionStatus]) throws -> [SubmissionRecord] {
        try rows(
            """
            SELECT \(unescaped: SubmissionRecord.columns) FROM submission
            WHERE competition = \(competition) AND round = \(round) AND status = ANY(\(statuses.map(\.rawValue)))
            ORDER BY id
            """
        ).map(SubmissionRecord.init(row:))
    }

    func recentSubmissions(competition: String, limit: Int) throws -> [SubmissionRecord] {
        try rows(
            """
            SELECT \(unescaped: SubmissionRecord.columns) FROM submission WHERE competition = \(competition)
            ORDER BY id DESC LIMIT \(limit)
            """
        ).map(SubmissionRecord.init(row:))
    }

    func scoredCount(competition: String, round: String) throws -> Int {
        try value(
            """
            SELECT COUNT(*) FROM submission WHERE competition = \(competition) AND round = \(round) AND status = 'scored'
            """, as: Int.self) ?? 0
    }

    func files(submissionId: Int64) throws -> [SubmissionFileRecord] {
        try rows(
            "SELECT submissionId, task, sha256, name, size FROM submissionFile WHERE submissionId = \(submissionId)"
        )
        .map { row in
            let (id, task, sha256, name, size) = try row.decode((Int64, String, String, String, Int64).self)
            return SubmissionFileRecord(submissionId: id, task: task, sha256: sha256, name: name, size: size)
        }
    }

    // MARK: Boards

    func scoredEntries(competition: String, round: String) throws -> (entries: [ScoredEntry], baselines: Set<String>) {
        try scoredEntries(
            competition: competition, round: round, scoredBy: Date(timeIntervalSince1970: 253_402_300_799))
    }

    func scoredEntries(competition: String, round: String, scoredBy moment: Date) throws -> (
        entries: [ScoredEntry], baselines: Set<String>
    ) {
        var baselines = Set<String>()
        let entries = try rows(
            """
            SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name, t.isBaseline
            FROM submission s JOIN team t ON t.id = s.teamId
            WHERE s.competition = \(competition) AND s.round = \(round) AND s.status = 'scored'
            AND NOT s.disqualified AND NOT t.disqualified AND s.scoredAt <= \(moment) ORDER BY s.id
            """
        ).map { row -> ScoredEntry in
            let (id, createdAt, publicScore, privateScore, scores, selected, name, isBaseline) = try row.decode(
                (Int64, Date, Double?, Double?, String?, Bool, String, Bool).self)
            if isBaseline { baselines.insert(name) }
            return PublicStandingCoding.entry(
                submission: id, team: name, submittedAt: createdAt, publicScore: publicScore,
                privateScore: privateScore, scores: scores, selected: selected)
        }
        return (entries, baselines)
    }

    func teamEntries(competition: String, round: String, teamId: Int64) throws -> [ScoredEntry] {
        try rows(
            """
            SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name
            FROM submission s JOIN team t ON t.id = s.teamId
            WHERE s.competition = \(competition) AND s.round = \(round) AND s.teamId = \(teamId)
            AND s.status = 'scored' AND NOT s.disqualified ORDER BY s.id
            """
        ).map { row -> ScoredEntry in
            let (id, createdAt, publicScore, privateScore, scores, selected, name) = try row.decode(
                (Int64, Date, Double?, Double?, String?, Bool, String).self)
            return PublicStandingCoding.entry(
                submission: id, team: name, submittedAt: createdAt, publicScore: publicScore,
                privateScore: privateScore, scores: scores, selected: selected)
        }
    }

    func publicStandings(competition: String, round: String) throws -> (
        rows: [Leaderboard.TeamRow], baselines: Set<String>
    )? {
        guard
            try value(
                "SELECT COUNT(*) FROM standingBuild WHERE competition = \(competition) AND round = \(round)",
                as: Int.self) == 1
        else { return nil }
        var baselines = Set<String>()
        let standings = try rows(
            """
            SELECT p.submission, p.submittedAt, p.publicScore, p.publicTasks, p.entries, t.name, t.isBaseline
            FROM publicStanding p JOIN team t ON t.id = p.teamId
            WHERE p.competition = \(competition) AND p.round = \(round) AND NOT t.disqualified
            """
        ).map { row -> Leaderboard.TeamRow in
            let (submission, submittedAt, score, json, entries, name, isBaseline) = try row.decode(
                (Int64, Date, Double, String, Int, String, Bool).self)
            if isBaseline { baselines.insert(name) }
            let (tasks, metrics) = PublicStandingCoding.parts(json)
            let entry = ScoredEntry(
                submission: submission, team: name, submittedAt: submittedAt, publicScore: score, privateScore: nil,
                publicTasks: tasks, publicMetrics: metrics)
            return Leaderboard.TeamRow(entry: entry, score: score, tasks: tasks, metrics: metrics, count: entries)
        }
        return (standings, baselines)
    }

    func hasPublicStandings(competition: String, round: String) throws -> Bool {
        try value(
            "SELECT COUNT(*) FROM standingBuild WHERE competition = \(competition) AND round = \(round)", as: Int.self)
            == 1
    }

    func publicLeader(competition: String, round: String, higherIsBetter: Bool) throws -> (
        team: String, score: Double
    )? {
        try rows(
            """
            SELECT t.name, p.publicScore FROM publicStanding p JOIN team t ON t.id = p.teamId
            WHERE p.competition = \(competition) AND p.round = \(round) AND NOT t.disqualified AND NOT t.isBaseline
            ORDER BY p.publicScore \(unescaped: higherIsBetter ? "DESC" : "ASC"), p.submittedAt, p.submission LIMIT 1
            """
        ).first.map { row in
            let (name, score) = try row.decode((String, Double).self)
            return (name, score)
        }
    }

    func scoreHistory(competition: String, round: String, teams: [String]?) throws -> [(
        team: String, at: Date, score: Double
    )] {
        try rows(
            """
            SELECT t.name, s.createdAt, s.publicScore FROM submission s JOIN team t ON t.id = s.teamId
            WHERE s.competition = \(competition) AND s.round = \(round) AND s.status = 'scored' AND NOT s.disqualified
            AND NOT t.disqualified AND NOT t.isBaseline AND s.publicScore IS NOT NULL
            AND (\(teams == nil) OR t.name = ANY(\(teams ?? []))) ORDER BY s.createdAt, s.id
            """
        ).map { row in
            let (name, at, score) = try row.decode((String, Date, Double).self)
            return (name, at, score)
        }
    }

    func boardVersion(competition: String) throws -> Int64 {
        try value("SELECT version FROM boardVersion WHERE competition = \(competition)", as: Int64.self) ?? 0
    }

    // MARK: Events and the queue, for operators

    func events(limit: Int) throws -> [EventRecord] {
        try rows("SELECT \(unescaped: EventRecord.columns) FROM event ORDER BY id DESC LIMIT \(limit)")
            .map(EventRecord.init(row:))
    }

    func scoringTotals() throws -> (count: Int, latencySeconds: Double) {
        let row = try rows(
            """
            SELECT COUNT(*), COALESCE(SUM(EXTRACT(EPOCH FROM (scoredAt - createdAt)))::float8, 0)
            FROM submission WHERE status = 'scored' AND scoredAt IS NOT NULL
            """
        ).first
        guard let row else { return (0, 0) }
        let (count, total) = try row.decode((Int, Double).self)
        return (count, total)
    }

    func failingJobs(minAttempts: Int) throws -> [FailingJob] {
        try rows(
            """
            SELECT j.submissionId, j.attempts, j.lastError, s.competition
            FROM scoringJob j JOIN submission s ON s.id = j.submissionId
            WHERE j.state IN ('queued', 'leased') AND j.attempts >= \(minAttempts) ORDER BY j.submissionId
            """
        ).map { row in
            let (id, attempts, lastError, competition) = try row.decode((Int64, Int, String?, String).self)
            return FailingJob(submissionId: id, attempts: attempts, lastError: lastError, competition: competition)
        }
    }

    func oldestQueuedJob() throws -> (enqueuedAt: Date, competition: String, depth: Int)? {
        guard
            let row = try rows(
                """
                SELECT j.enqueuedAt, s.competition FROM scoringJob j JOIN submission s ON s.id = j.submissionId
                WHERE j.state = 'queued' ORDER BY j.enqueuedAt LIMIT 1
                """
            ).first
        else { return nil }
        let (enqueuedAt, competition) = try row.decode((Date, String).self)
        let depth = try value("SELECT COUNT(*) FROM scoringJob WHERE state = 'queued'", as: Int.self) ?? 0
        return (enqueuedAt, competition, depth)
    }

    // MARK: Files

    func hasBlob(sha256: String) throws -> Bool {
        try value("SELECT COUNT(*) FROM blob WHERE sha256 = \(sha256)", as: Int.self) == 1
    }

    func blob(sha256: String) throws -> Data? {
        try value("SELECT bytes FROM blob WHERE sha256 = \(sha256)", as: Data.self)
    }

    func competitionFiles(competition: String) throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try rows(
                "SELECT path, sha256 FROM competitionFile WHERE competition = \(competition)"
            )
            .map { try $0.decode((String, String).self) })
    }

    func savePublicStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws {
        try writeStanding(competition: competition, round: round, teamId: teamId, row: row)
        try bumpBoardVersion(competition)
    }

    private func writeStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws {
        guard let row else {
            try run(
                """
                DELETE FROM publicStanding WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId)
                """)
            return
        }
        try run(
            """
            INSERT INTO publicStanding (competition, round, teamId, submission, submittedAt, publicScore, publicTasks,
            entries) VALUES (\(competition), \(round), \(teamId), \(row.entry.submission), \(row.entry.submittedAt),
            \(row.score), \(PublicStandingCoding.json(row.tasks, metrics: row.metrics)), \(row.count))
            ON CONFLICT (competition, round, teamId) DO UPDATE SET submission = excluded.submission,
            submittedAt = excluded.submittedAt, publicScore = excluded.publicScore,
            publicTasks = excluded.publicTasks, entries = excluded.entries
            """)
    }

    func bumpBoardVersion(_ competition: String) throws {
        try run(
            """
            INSERT INTO boardVersion (competition, version) VALUES (\(competition), 1)
            ON CONFLICT (competition) DO UPDATE SET version = boardVersion.version + 1
            """)
    }

    private func bumpBoardVersion(submissionId: Int64) throws {
        try run(
            """
            INSERT INTO boardVersion (competition, version) SELECT competition, 1 FROM submission WHERE id = \(submissionId)
            ON CONFLICT (competition) DO UPDATE SET version = boardVersion.version + 1
            """)
    }

    func replacePublicStandings(competition: String, round: String, rows: [Int64: Leaderboard.TeamRow]) throws {
        try run("DELETE FROM publicStanding WHERE competition = \(competition) AND round = \(round)")
        for (teamId, row) in rows {
            try writeStanding(competition: competition, round: round, teamId: teamId, row: row)
        }
        try bumpBoardVersion(competition)
        try run(
            """
            INSERT INTO standingBuild (competition, round, builtAt) VALUES (\(competition), \(round), now())
            ON CONFLICT (competition, round) DO UPDATE SET builtAt = excluded.builtAt
            """)
    }

    func saveBlob(sha256: String, bytes: Data) throws {
        try run("INSERT INTO blob (sha256, bytes) VALUES (\(sha256), \(bytes)) ON CONFLICT DO NOTHING")
    }

    func replaceCompetitionFiles(competition: String, files: [String: String]) throws {
        try run("DELETE FROM competitionFile WHERE competition = \(competition)")
        for (path, sha256) in files {
            try run(
                "INSERT INTO competitionFile (competition, path, sha256) VALUES (\(competition), \(path), \(sha256))")
        }
    }

    // MARK: The scoring queue

    func job(submissionId: Int64) throws -> ScoringJobRecord? {
        try rows("SELECT \(unescaped: ScoringJobRecord.columns) FROM scoringJob WHERE submissionId = \(submissionId)")
            .first.map(ScoringJobRecord.init(row:))
    }

    func queuedJobs(before job: ScoringJobRecord) throws -> Int {
        // Compared with the stored row, not the decoded date: a timestamp need not survive a round trip
        // through Double to the microsecond.
        try value(
            """
            SELECT COUNT(*) FROM scoringJob j, scoringJob me
            WHERE me.submissionId = \(job.submissionId) AND j.state = 'queued'
            AND (j.enqueuedAt, j.submissionId) < (me.enqueuedAt, me.submissionId)
            """, as: Int.self) ?? 0
    }

    func waitingJobs(now: Date) throws -> Int {
        try value(
            """
            SELECT COUNT(*) FROM scoringJob WHERE state = 'queued' OR (state = 'leased' AND leaseExpiresAt < \(now))
            """, as: Int.self) ?? 0
    }

    /// The fair order (see `ScoringQueue`); `FOR UPDATE SKIP LOCKED` so concurrent claims never wait on,
    /// or take, the same job.
    func claimCandidates(now: Date, limit: Int) throws -> [ClaimCandidate] {
        try rows(
            """
            SELECT \(unescaped: ScoringJobRecord.columns("j")), s.competition, s.round,
              (SELECT COUNT(*) FROM scoringJob f JOIN submission fs ON fs.id = f.submissionId
               WHERE f.teamId = j.teamId AND fs.teamId = j.teamId AND fs.competition = s.competition AND fs.round = s.round
               AND f.state = 'leased' AND f.leaseExpiresAt >= \(now))
            FROM scoringJob j JOIN submission s ON s.id = j.submissionId
            WHERE j.state = 'queued' OR (j.state = 'leased' AND j.leaseExpiresAt < \(now))
            ORDER BY
              (SELECT COUNT(*) FROM scoringJob f
               WHERE f.teamId = j.teamId AND f.state = 'leased' AND f.leaseExpiresAt >= \(now)),
              (SELECT MAX(c.claimedAt) FROM scoringJob c WHERE c.teamId = j.teamId) NULLS FIRST,
              j.enqueuedAt, j.submissionId
            LIMIT \(limit) FOR UPDATE OF j SKIP LOCKED
            """
        ).map { row in
            let (
                submissionId, state, attempts, leaseOwner, leaseExpiresAt, enqueuedAt, lastError, competition, round,
                inFlight
            ) =
                try row.decode((Int64, String, Int, String?, Date?, Date, String?, String, String, Int).self)
            guard let jobState = JobState(rawValue: state) else {
                throw StoreError.database("the job of submission \(submissionId) has an unknown state \"\(state)\"")
            }
            let job = ScoringJobRecord(
                submissionId: submissionId, state: jobState, attempts: attempts, leaseOwner: leaseOwner,
                leaseExpiresAt: leaseExpiresAt, enqueuedAt: enqueuedAt, lastError: lastError)
            return ClaimCandidate(job: job, competition: competition, round: round, teamJobsInFlight: inFlight)
        }
    }

    func lease(submissionId: Int64, worker: String, until: Date, now: Date) throws {
        try run(
            """
            UPDATE scoringJob SET state = 'leased', leaseOwner = \(worker), leaseExpiresAt = \(until),
            attempts = attempts + 1, claimedAt = \(now) WHERE submissionId = \(submissionId)
            """)
        try run("UPDATE submission SET status = 'scoring' WHERE id = \(submissionId)")
    }

    func renewLease(submissionId: Int64, worker: String, until: Date) throws -> Bool {
        try run(
            """
            UPDATE scoringJob SET leaseExpiresAt = \(until)
            WHERE submissionId = \(submissionId) AND state = 'leased' AND leaseOwner = \(worker)
            """) == 1
    }

    func finishJob(submissionId: Int64) throws {
        try run(
            """
            UPDATE scoringJob SET state = 'done', leaseOwner = NULL, leaseExpiresAt = NULL
            WHERE submissionId = \(submissionId)
            """)
    }

    func returnJob(submissionId: Int64, reason: String) throws {
        try run(
            """
            UPDATE scoringJob SET state = 'queued', leaseOwner = NULL, leaseExpiresAt = NULL, lastError = \(reason)
            WHERE submissionId = \(submissionId)
            """)
        try run("UPDATE submission SET status = 'queued' WHERE id = \(submissionId)")
        try wakeWorkers()
    }

    func giveUpJob(submissionId: Int64, reason: String, at now: Date) throws {
        try run(
            """
            UPDATE scoringJob SET state = 'failed', leaseOwner = NULL, leaseExpiresAt = NULL, lastError = \(reason)
            WHERE submissionId = \(submissionId)
            """)
        try run(
            """
            UPDATE submission SET status = 'failed', charged = FALSE, error = \(ScoringQueue.refundMessage),
            errorDetail = \(reason), scoredAt = \(now) WHERE id = \(submissionId)
            """)
        if let competition = try value("SELECT competition FROM submission WHERE id = \(submissionId)", as: String.self)
        {
            try emit(competition: competition, type: .submissionFailed, ["submission": submissionId], at: now)
        }
    }

    // MARK: The outbox

    func newestEventId() throws -> Int64 { try value("SELECT COALESCE(MAX(id), 0) FROM event", as: Int64.self) ?? 0 }

    func cursor(target: String) throws -> Int64? {
        try value("SELECT lastEventId FROM notifyCursor WHERE target = \(target)", as: Int64.self)
    }

    func setCursor(target: String, eventId: Int64) throws {
        try run(
            """
            INSERT INTO notifyCursor (target, lastEventId) VALUES (\(target), \(eventId))
            ON CONFLICT (target) DO UPDATE SET lastEventId = excluded.lastEventId
            """)
    }

    func events(after id: Int64) throws -> [EventRecord] {
        try rows("SELECT \(unescaped: EventRecord.columns) FROM event WHERE id > \(id) ORDER BY id")
            .map(EventRecord.init(row:))
    }

    func event(id: Int64) throws -> EventRecord? {
        try rows("SELECT \(unescaped: EventRecord.columns) FROM event WHERE id = \(id)").first.map(
            EventRecord.init(row:))
    }

    func headDelivery(target: String) throws -> DeliveryRecord? {
        try rows(
            """
            SELECT \(unescaped: DeliveryRecord.columns) FROM delivery WHERE target = \(target) AND state = 'pending'
            ORDER BY eventId LIMIT 1
            """
        ).first.map(DeliveryRecord.init(row:))
    }

    func recentDeliveries(limit: Int) throws -> [DeliveryRecord] {
        try rows("SELECT \(unescaped: DeliveryRecord.columns) FROM delivery ORDER BY id DESC LIMIT \(limit)")
            .map(DeliveryRecord.init(row:))
    }

    func addDelivery(eventId: Int64, target: String, at now: Date) throws {
        try run(
            """
            INSERT INTO delivery (eventId, target, state, attempts, nextAttemptAt)
            VALUES (\(eventId), \(target), 'pending', 0, \(now)) ON CONFLICT DO NOTHING
            """)
    }

    func markDelivered(deliveryId: Int64, status: Int, response: String, at now: Date) throws {
        try run(
            """
            UPDATE delivery SET state = 'delivered', attempts = attempts + 1, lastStatus = \(status),
            lastResponse = \(response), deliveredAt = \(now) WHERE id = \(deliveryId)
            """)
    }

    func markAttemptFailed(deliveryId: Int64, status: Int, response: String, next: Date?) throws {
        if let next {
            try run(
                """
                UPDATE delivery SET attempts = attempts + 1, lastStatus = \(status), lastResponse = \(response),
                nextAttemptAt = \(next) WHERE id = \(deliveryId)
                """)
        } else {
            try run(
                """
                UPDATE delivery SET state = 'dead', attempts = attempts + 1, lastStatus = \(status),
                lastResponse = \(response) WHERE id = \(deliveryId)
                """)
        }
    }

    func reviveDeadDeliveries(target: String?, at now: Date) throws -> Int {
        try run(
            """
            UPDATE delivery SET state = 'pending', attempts = 0, nextAttemptAt = \(now)
            WHERE state = 'dead' AND (\(target)::text IS NULL OR target = \(target))
            """)
    }

    // MARK: Writes

    func save(_ record: CompetitionRecord) throws {
        try run(
            """
            INSERT INTO competition (slug, title, folder, loadedAt, calendarShiftDays)
            VALUES (\(record.slug), \(record.title), \(record.folder), \(record.loadedAt), \(Int32(record.calendarShiftDays)))
            ON CONFLICT (slug) DO UPDATE SET title = excluded.title, folder = excluded.folder, loadedAt = excluded.loadedAt,
            calendarShiftDays = excluded.calendarShiftDays
            """)
        try bumpBoardVersion(record.slug)
    }

    func save(_ record: SolutionRecord) throws {
        try run(
            """
            INSERT INTO solution (competition, round, task, path, sha256)
            VALUES (\(record.competition), \(record.round), \(record.task), \(record.path), \(record.sha256))
            ON CONFLICT (competition, round, task) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256
            """)
    }

    func insert(_ team: TeamRecord) throws -> TeamRecord {
        var team = team
        team.id = try value(
            """
            INSERT INTO team (competition, name, tokenHash, isBaseline, disqualified, createdAt, captainId, card)
            VALUES (\(team.competition), \(team.name), \(team.tokenHash), \(team.isBaseline), \(team.disqualified),
            \(team.createdAt), \(team.captainId), \(team.card)) RETURNING id
            """, as: Int64.self)
        try bumpBoardVersion(team.competition)
        return team
    }

    func insert(_ submission: SubmissionRecord) throws -> SubmissionRecord {
        var record = submission
        record.id = try value(
            """
            INSERT INTO submission (competition, round, teamId, createdAt, message, status, charged, selected,
            disqualified, publicScore, privateScore, scores, error, errorDetail, solutionHash, scorerVersion, scoredAt,
            submittedBy, card)
            VALUES (\(record.competition), \(record.round), \(record.teamId), \(record.createdAt), \(record.message),
            \(record.status.rawValue), \(record.charged), \(record.selected), \(record.disqualified),
            \(record.publicScore), \(record.privateScore), \(record.scores), \(record.error), \(record.errorDetail),
            \(record.solutionHash), \(record.scorerVersion), \(record.scoredAt), \(record.submittedBy), \(record.card))
            RETURNING id
            """, as: Int64.self)
        return record
    }

    func insert(_ file: SubmissionFileRecord) throws {
        try run(
            """
            INSERT INTO submissionFile (submissionId, task, sha256, name, size)
            VALUES (\(file.submissionId), \(file.task), \(file.sha256), \(file.name), \(file.size))
            """)
    }

    func enqueue(submissionId: Int64, at now: Date) throws {
        try run(
            """
            INSERT INTO scoringJob (submissionId, state, attempts, enqueuedAt, teamId)
            SELECT id, 'queued', 0, \(now), teamId FROM submission WHERE id = \(submissionId)
            """)
        try wakeWorkers()
    }

    /// Wakes the workers listening on any machine, when this transaction commits.
    func wakeWorkers() throws { try run("SELECT pg_notify(\(PostgresStore.jobsChannel), '')") }

    func requeue(submissionId: Int64, at now: Date) throws {
        try run("UPDATE submission SET status = 'queued' WHERE id = \(submissionId)")
        try bumpBoardVersion(submissionId: submissionId)
        let changed = try run(
            """
            UPDATE scoringJob SET state = 'queued', attempts = 0, leaseOwner = NULL, leaseExpiresAt = NULL,
            enqueuedAt = \(now), lastError = NULL WHERE submissionId = \(submissionId)
            """)
        if changed == 0 { try enqueue(submissionId: submissionId, at: now) } else { try wakeWorkers() }
    }

    func select(competition: String, round: String, teamId: Int64, submissions ids: [Int64]) throws {
        try run(
            """
            UPDATE submission SET selected = (id = ANY(\(ids)))
            WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId)
            """)
        try bumpBoardVersion(competition)
    }

    func insert(_ action: RoundActionRecord) throws {
        try run(
            """
            INSERT INTO roundAction (competition, round, kind, at, actor)
            VALUES (\(action.competition), \(action.round), \(action.kind.rawValue), \(action.at), \(action.actor))
            """)
        try bumpBoardVersion(action.competition)
    }

    func save(_ advancement: AdvancementRecord) throws {
        try run(
            """
            INSERT INTO advancement (competition, round, teamId, at)
            VALUES (\(advancement.competition), \(advancement.round), \(advancement.teamId), \(advancement.at))
            ON CONFLICT (competition, round, teamId) DO UPDATE SET at = excluded.at
            """)
        try bumpBoardVersion(advancement.competition)
    }

    func recordScore(_ score: StoredScore, submissionId: Int64, at now: Date) throws {
        try run(
            """
            UPDATE submission SET status = 'scored', publicScore = \(score.publicScore),
            privateScore = \(score.privateScore), scores = \(score.json), error = NULL, errorDetail = NULL,
            solutionHash = \(score.solutionHash), scorerVersion = \(score.scorerVersion), scoredAt = \(now)
            WHERE id = \(submissionId)
            """)
        try run("DELETE FROM resamples WHERE submissionId = \(submissionId)")
        if score.publicResamples != nil || score.privateResamples != nil {
            try run(
                """
                INSERT INTO resamples (submissionId, publicValues, privateValues) VALUES (\(submissionId),
                \(ResampleCoding.encode(score.publicResamples)), \(ResampleCoding.encode(score.privateResamples)))
                """)
        }
        try bumpBoardVersion(submissionId: submissionId)
    }

    func markFailed(submissionId: Int64, error: String, detail: String, at now: Date) throws {
        try run(
            """
            UPDATE submission SET status = 'failed', error = \(error), errorDetail = \(detail), scoredAt = \(now)
            WHERE id = \(submissionId)
            """)
        try bumpBoardVersion(submissionId: submissionId)
    }

    func disqualify(submissionId: Int64) throws {
        try run("UPDATE submission SET disqualified = TRUE WHERE id = \(submissionId)")
        try bumpBoardVersion(submissionId: submissionId)
    }

    func emit(competition: String, type: EventType, _ data: [String: Any], at now: Date) throws {
        try run(
            """
            INSERT INTO event (competition, type, payload, createdAt)
            VALUES (\(competition), \(type.rawValue), \(try EventRecord.payload(data)), \(now))
            """)
    }

    @discardableResult
    func emitOnce(key: String, competition: String, type: EventType, _ data: [String: Any], at now: Date) throws -> Bool
    {
        guard try value("SELECT COUNT(*) FROM scheduledEvent WHERE key = \(key)", as: Int.self) == 0 else {
            return false
        }
        let id = try value(
            """
            INSERT INTO event (competition, type, payload, createdAt)
            VALUES (\(competition), \(type.rawValue), \(try EventRecord.payload(data)), \(now)) RETURNING id
            """, as: Int64.self)
        try run("INSERT INTO scheduledEvent (key, eventId) VALUES (\(key), \(id))")
        return true
    }
}
