import Competitions
import Foundation

/// Boards: scored entries, the public board kept as state, its leader and history.
extension SQLTransaction {
    func scoredEntries(competition: String, round: String) throws -> (entries: [ScoredEntry], baselines: Set<String>) {
        try scoredEntries(competition: competition, round: round, scoredBy: .distantFuture)
    }

    func scoredEntries(competition: String, round: String, scoredBy moment: Date) throws -> (
        entries: [ScoredEntry], baselines: Set<String>
    ) {
        var baselines = Set<String>()
        let entries = try sql.fetch(
            """
            SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name, t.isBaseline
            FROM submission s JOIN team t ON t.id = s.teamId
            WHERE s.competition = \(competition) AND s.round = \(round) AND s.status = \(SubmissionStatus.scored)
            AND s.disqualified = \(false) AND t.disqualified = \(false) AND s.scoredAt <= \(moment) ORDER BY s.id
            """
        ) { row -> ScoredEntry in
            let entry = try Self.entry(&row)
            if try row.next(Bool.self) { baselines.insert(entry.team) }
            return entry
        }
        return (entries, baselines)
    }

    func teamEntries(competition: String, round: String, teamId: Int64) throws -> [ScoredEntry] {
        try sql.fetch(
            """
            SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name
            FROM submission s JOIN team t ON t.id = s.teamId
            WHERE s.competition = \(competition) AND s.round = \(round) AND s.teamId = \(teamId)
            AND s.status = \(SubmissionStatus.scored) AND s.disqualified = \(false) ORDER BY s.id
            """
        ) { try Self.entry(&$0) }
    }

    /// A scored entry from `id, createdAt, publicScore, privateScore, scores, selected, name`.
    private static func entry(_ row: inout RowReader<E.Row>) throws -> ScoredEntry {
        let (id, createdAt, publicScore, privateScore) = (
            try row.next(Int64.self), try row.next(Date.self), try row.next(Double?.self), try row.next(Double?.self)
        )
        let (scores, selected, name) = (try row.next(String?.self), try row.next(Bool.self), try row.next(String.self))
        return PublicStandingCoding.entry(
            submission: id, team: name, submittedAt: createdAt, publicScore: publicScore, privateScore: privateScore,
            scores: scores, selected: selected)
    }

    func publicStandings(competition: String, round: String) throws -> (
        rows: [Leaderboard.TeamRow], baselines: Set<String>
    )? {
        guard try hasPublicStandings(competition: competition, round: round) else { return nil }
        var baselines = Set<String>()
        let rows = try sql.fetch(
            """
            SELECT p.submission, p.submittedAt, p.publicScore, p.publicTasks, p.entries, t.name, t.isBaseline
            FROM publicStanding p JOIN team t ON t.id = p.teamId
            WHERE p.competition = \(competition) AND p.round = \(round) AND t.disqualified = \(false)
            """
        ) { row -> Leaderboard.TeamRow in
            let (submission, submittedAt, score) = (
                try row.next(Int64.self), try row.next(Date.self), try row.next(Double.self)
            )
            let (json, entries, name) = (try row.next(String.self), try row.next(Int.self), try row.next(String.self))
            if try row.next(Bool.self) { baselines.insert(name) }
            let (tasks, metrics) = PublicStandingCoding.parts(json)
            let entry = ScoredEntry(
                submission: submission, team: name, submittedAt: submittedAt, publicScore: score, privateScore: nil,
                publicTasks: tasks, publicMetrics: metrics)
            return Leaderboard.TeamRow(entry: entry, score: score, tasks: tasks, metrics: metrics, count: entries)
        }
        return (rows, baselines)
    }

    func hasPublicStandings(competition: String, round: String) throws -> Bool {
        try sql.count("SELECT COUNT(*) FROM standingBuild WHERE competition = \(competition) AND round = \(round)")
            == 1
    }

    func publicLeader(competition: String, round: String, higherIsBetter: Bool) throws -> (
        team: String, score: Double
    )? {
        try sql.fetch(
            """
            SELECT t.name, p.publicScore FROM publicStanding p JOIN team t ON t.id = p.teamId
            WHERE p.competition = \(competition) AND p.round = \(round) AND t.disqualified = \(false)
            AND t.isBaseline = \(false)
            ORDER BY p.publicScore \(raw: higherIsBetter ? "DESC" : "ASC"), p.submittedAt, p.submission LIMIT 1
            """
        ) { (try $0.next(String.self), try $0.next(Double.self)) }.first
    }

    func publicStandingScore(competition: String, round: String, teamId: Int64) throws -> Double? {
        try sql.value(
            """
            SELECT publicScore FROM publicStanding
            WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId)
            """, as: Double.self)
    }

    func publicStandings(competition: String, round: String, scoresFrom low: Double, to high: Double) throws -> [(
        team: String, score: Double
    )] {
        try sql.fetch(
            """
            SELECT t.name, p.publicScore FROM publicStanding p JOIN team t ON t.id = p.teamId
            WHERE p.competition = \(competition) AND p.round = \(round) AND p.publicScore >= \(low)
            AND p.publicScore <= \(high) AND t.disqualified = \(false) AND t.isBaseline = \(false)
            ORDER BY t.name
            """
        ) { (try $0.next(String.self), try $0.next(Double.self)) }
    }

    func scoreHistory(competition: String, round: String, teams: [String]?) throws -> [(
        team: String, at: Date, score: Double
    )] {
        let only: SQL = teams.map { "AND t.name IN \(list: $0)" } ?? ""
        return try sql.fetch(
            """
            SELECT t.name, s.createdAt, s.publicScore FROM submission s JOIN team t ON t.id = s.teamId
            WHERE s.competition = \(competition) AND s.round = \(round) AND s.status = \(SubmissionStatus.scored)
            AND s.disqualified = \(false) AND t.disqualified = \(false) AND t.isBaseline = \(false)
            AND s.publicScore IS NOT NULL \(only) ORDER BY s.createdAt, s.id
            """
        ) { (try $0.next(String.self), try $0.next(Date.self), try $0.next(Double.self)) }
    }

    func savePublicStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws {
        try writeStanding(competition: competition, round: round, teamId: teamId, row: row)
        try bumpBoardVersion(competition)
    }

    func replacePublicStandings(competition: String, round: String, rows: [Int64: Leaderboard.TeamRow]) throws {
        try sql.perform("DELETE FROM publicStanding WHERE competition = \(competition) AND round = \(round)")
        for (teamId, row) in rows {
            try writeStanding(competition: competition, round: round, teamId: teamId, row: row)
        }
        try bumpBoardVersion(competition)
        try sql.perform(
            """
            INSERT INTO standingBuild (competition, round, builtAt) VALUES (\(competition), \(round), \(Date()))
            ON CONFLICT (competition, round) DO UPDATE SET builtAt = excluded.builtAt
            """)
    }

    private func writeStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws {
        guard let row else {
            try sql.perform(
                """
                DELETE FROM publicStanding WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId)
                """)
            return
        }
        try sql.perform(
            """
            INSERT INTO publicStanding (competition, round, teamId, submission, submittedAt, publicScore, publicTasks,
            entries) VALUES (\(competition), \(round), \(teamId), \(row.entry.submission), \(row.entry.submittedAt),
            \(row.score), \(PublicStandingCoding.json(row.tasks, metrics: row.metrics)), \(row.count))
            ON CONFLICT (competition, round, teamId) DO UPDATE SET submission = excluded.submission,
            submittedAt = excluded.submittedAt, publicScore = excluded.publicScore,
            publicTasks = excluded.publicTasks, entries = excluded.entries
            """)
    }
}
