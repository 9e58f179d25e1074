import Competitions
import Foundation

/// `StoreReader` and `StoreWriter` for both backends: every named operation defined once, as statements
/// (`SQL`) run through the transaction's executor. A backend supplies only the executor (`SQLiteExecutor`,
/// `PostgresExecutor`) and the transaction around it; what the operations mean lives here.
struct SQLTransaction<E: SQLExecutor>: StoreWriter {
    let sql: E

    // MARK: Competitions

    func competition(_ slug: String) throws -> CompetitionRecord? {
        try sql.record("SELECT \(raw: CompetitionRecord.columns) FROM competition WHERE slug = \(slug)")
    }

    func competitions() throws -> [CompetitionRecord] {
        try sql.records("SELECT \(raw: CompetitionRecord.columns) FROM competition ORDER BY slug")
    }

    func solution(competition: String, round: String, task: String) throws -> SolutionRecord? {
        try sql.record(
            """
            SELECT \(raw: SolutionRecord.columns) FROM solution
            WHERE competition = \(competition) AND round = \(round) AND task = \(task)
            """)
    }

    func save(_ record: CompetitionRecord) throws {
        try sql.perform(
            """
            INSERT INTO competition (slug, title, folder, loadedAt, calendarShiftDays)
            VALUES (\(record.slug), \(record.title), \(record.folder), \(record.loadedAt), \(record.calendarShiftDays))
            ON CONFLICT (slug) DO UPDATE SET title = excluded.title, folder = excluded.folder,
            loadedAt = excluded.loadedAt, calendarShiftDays = excluded.calendarShiftDays
            """)
        try bumpBoardVersion(record.slug)
    }

    func save(_ record: SolutionRecord) throws {
        try sql.perform(
            """
            INSERT INTO solution (competition, round, task, path, sha256)
            VALUES (\(record.competition), \(record.round), \(record.task), \(record.path), \(record.sha256))
            ON CONFLICT (competition, round, task) DO UPDATE SET path = excluded.path, sha256 = excluded.sha256
            """)
    }

    // MARK: Teams

    func team(id: Int64) throws -> TeamRecord? {
        try sql.record("SELECT \(raw: TeamRecord.columns) FROM team WHERE id = \(id)")
    }

    func team(competition: String, name: String) throws -> TeamRecord? {
        try sql.record(
            "SELECT \(raw: TeamRecord.columns) FROM team WHERE competition = \(competition) AND name = \(name)")
    }

    func team(competition: String, tokenHash: String) throws -> TeamRecord? {
        try sql.record(
            """
            SELECT \(raw: TeamRecord.columns) FROM team WHERE competition = \(competition) AND tokenHash = \(tokenHash)
            """)
    }

    func teams(competition: String) throws -> [TeamRecord] {
        try sql.records("SELECT \(raw: TeamRecord.columns) FROM team WHERE competition = \(competition) ORDER BY name")
    }

    func insert(_ team: TeamRecord) throws -> TeamRecord {
        var team = team
        team.id = try sql.value(
            """
            INSERT INTO team (competition, name, tokenHash, isBaseline, disqualified, createdAt, captainId, card)
            VALUES (\(team.competition), \(team.name), \(team.tokenHash), \(team.isBaseline), \(team.disqualified),
            \(team.createdAt), \(team.captainId), \(team.card)) RETURNING id
            """)
        try bumpBoardVersion(team.competition)
        return team
    }

    func update(_ team: TeamRecord) throws {
        guard let id = team.id else { return }
        try sql.perform(
            """
            UPDATE team SET name = \(team.name), captainId = \(team.captainId), disqualified = \(team.disqualified)
            WHERE id = \(id)
            """)
        try bumpBoardVersion(team.competition)
    }

    func deleteTeam(id: Int64) throws {
        guard let team = try team(id: id) else { return }
        try sql.perform(
            """
            UPDATE invite SET state = \(InviteState.revoked) WHERE teamId = \(id) AND state = \(InviteState.active)
            """)
        try sql.perform("DELETE FROM team WHERE id = \(id)")
        try bumpBoardVersion(team.competition)
    }

    // MARK: Rounds

    func lastOpenOrClose(competition: String, round: String) throws -> RoundActionRecord? {
        try sql.record(
            """
            SELECT \(raw: RoundActionRecord.columns) \(Self.openOrClose(competition: competition, round: round))
            ORDER BY id DESC LIMIT 1
            """)
    }

    /// `FROM roundAction WHERE …`: a round's opens and closes by hand.
    static func openOrClose(competition: String, round: String) -> SQL {
        """
        FROM roundAction
        WHERE competition = \(competition) AND round = \(round) AND kind IN \(list: [RoundActionKind.open, .close])
        """
    }

    func reveal(competition: String, round: String) throws -> RoundActionRecord? {
        try sql.record(
            """
            SELECT \(raw: RoundActionRecord.columns) FROM roundAction
            WHERE competition = \(competition) AND round = \(round) AND kind = \(RoundActionKind.reveal)
            ORDER BY id LIMIT 1
            """)
    }

    func advancedTeams(competition: String, round: String) throws -> Set<Int64> {
        Set(
            try sql.column(
                "SELECT teamId FROM advancement WHERE competition = \(competition) AND round = \(round)",
                as: Int64.self))
    }

    func insert(_ action: RoundActionRecord) throws {
        try sql.perform(
            """
            INSERT INTO roundAction (competition, round, kind, at, actor)
            VALUES (\(action.competition), \(action.round), \(action.kind), \(action.at), \(action.actor))
            """)
        try bumpBoardVersion(action.competition)
    }

    func save(_ advancement: AdvancementRecord) throws {
        try sql.perform(
            """
            INSERT INTO advancement (competition, round, teamId, at)
            VALUES (\(advancement.competition), \(advancement.round), \(advancement.teamId), \(advancement.at))
            ON CONFLICT (competition, round, teamId) DO UPDATE SET at = excluded.at
            """)
        try bumpBoardVersion(advancement.competition)
    }

    // MARK: Board versions

    /// Moves a competition's board version and its activity (see `versions`).
    func bumpBoardVersion(_ competition: String) throws {
        try bumpVersions(of: "SELECT \(competition) AS competition", boards: true)
    }

    /// Moves the board version and the activity of a submission's competition.
    func bumpBoardVersion(submissionId: Int64) throws {
        try bumpVersions(of: "SELECT competition FROM submission WHERE id = \(submissionId)", boards: true)
    }

    /// Moves the activity of a submission's competition: a change its pages show and its boards do not (a
    /// submission queued, claimed, at another stage).
    func bumpActivity(submissionId: Int64) throws {
        try bumpVersions(of: "SELECT competition FROM submission WHERE id = \(submissionId)", boards: false)
    }

    /// Moves the activity, and the board version when `boards`, of the competition `competition` selects.
    private func bumpVersions(of competition: SQL, boards: Bool) throws {
        try sql.perform(Self.versionsBump(of: competition, boards: boards))
    }

    /// The statement that moves the activity, and the board version when `boards`, of the competition `competition`
    /// selects.
    static func versionsBump(of competition: SQL, boards: Bool) -> SQL {
        let step = boards ? 1 : 0
        return """
            INSERT INTO boardVersion (competition, version, activity)
            SELECT competition, \(step), 1 FROM (\(competition)) AS c WHERE true  -- SQLite: WHERE before ON CONFLICT
            ON CONFLICT (competition) DO UPDATE
            SET version = boardVersion.version + \(step), activity = boardVersion.activity + 1
            """
    }

    func versions(competition: String) throws -> StoredVersions {
        try sql.fetch("SELECT version, activity FROM boardVersion WHERE competition = \(competition)") { row in
            StoredVersions(boards: try row.next(), activity: try row.next())
        }.first ?? StoredVersions(boards: 0, activity: 0)
    }

    // MARK: Files kept in the database

    func hasBlob(sha256: String) throws -> Bool {
        try sql.count("SELECT COUNT(*) FROM blob WHERE sha256 = \(sha256)") == 1
    }

    func blob(sha256: String) throws -> Data? {
        try sql.value("SELECT bytes FROM blob WHERE sha256 = \(sha256)", as: Data.self)
    }

    func competitionFiles(competition: String) throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try sql.fetch(
                "SELECT path, sha256 FROM competitionFile WHERE competition = \(competition)"
            ) { (try $0.next(String.self), try $0.next(String.self)) })
    }

    func saveBlob(sha256: String, bytes: Data) throws {
        try sql.perform("INSERT INTO blob (sha256, bytes) VALUES (\(sha256), \(bytes)) ON CONFLICT DO NOTHING")
    }

    func replaceCompetitionFiles(competition: String, files: [String: String]) throws {
        try sql.perform("DELETE FROM competitionFile WHERE competition = \(competition)")
        for (path, sha256) in files {
            try sql.perform(
                "INSERT INTO competitionFile (competition, path, sha256) VALUES (\(competition), \(path), \(sha256))")
        }
    }
}
