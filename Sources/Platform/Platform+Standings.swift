import Competitions
import Foundation
import GRDB
import Storage

extension Platform {
    /// A round's leaderboard. The private board is the organisers' until the round is revealed; callers
    /// that serve participants check `revealed` first.
    public func standings(competition slug: String, round id: String, board: Board) throws -> [Standing] {
        let (_, config) = try competition(slug)
        let round = try self.round(id, in: config, slug: slug)
        return try database.writer.read { db in
            try standings(db, slug: slug, config: config, round: round, board: board)
        }
    }

    func standings(_ db: Database, slug: String, config: CompetitionConfig, round: RoundConfig, board: Board) throws
        -> [Standing]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.createdAt, s.publicScore, s.privateScore, s.scores, s.selected, t.name, t.isBaseline
                FROM submission s JOIN team t ON t.id = s.teamId
                WHERE s.competition = ? AND s.round = ? AND s.status = 'scored' AND s.disqualified = 0 AND t.disqualified = 0
                """, arguments: [slug, round.id])
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
        return Leaderboard.build(
            entries, board: board, latest: round.usesLatest, higherIsBetter: higherIsBetter(config),
            baselines: baselines
        )
    }

    /// One team's rank movement caused by a rescore.
    public struct RankChange: Sendable {
        /// The round.
        public let round: String
        /// The team.
        public let team: String
        /// Rank before (nil: not on the board).
        public let before: Int?
        /// Rank after.
        public let after: Int?
    }

    /// Rescores every scored or failed submission of `slug` (or of one round) now, against the current
    /// solution files, and returns the public and private rank changes it caused.
    public func rescore(competition slug: String, round only: String? = nil) throws -> (
        count: Int, changes: [RankChange]
    ) {
        let (_, config) = try competition(slug)
        let rounds = try only.map { [try round($0, in: config, slug: slug)] } ?? config.rounds
        var changes: [RankChange] = []
        var count = 0
        for round in rounds {
            let before = try standings(competition: slug, round: round.id, board: .public)
            let submissions = try database.writer.read { db in
                try SubmissionRecord.filter(
                    Column("competition") == slug && Column("round") == round.id
                        && ["scored", "failed"].contains(Column("status"))
                ).fetchAll(db)
            }
            for submission in submissions {
                let now = self.now
                do {
                    let result = try score(submission)
                    try database.writer.write { db in try Self.store(result, for: submission.id!, db, now: now) }
                    count += 1
                } catch {
                    try database.writer.write { db in
                        try db.execute(
                            sql:
                                "UPDATE submission SET status = 'failed', error = ?, errorDetail = ?, scoredAt = ? WHERE id = ?",
                            arguments: ["rescoring failed", "\(error)", now, submission.id!])
                    }
                }
            }
            let after = try standings(competition: slug, round: round.id, board: .public)
            let teams = Set(before.map(\.team)).union(after.map(\.team))
            for team in teams.sorted() {
                let old = before.first { $0.team == team }?.rank
                let new = after.first { $0.team == team }?.rank
                if old != new { changes.append(RankChange(round: round.id, team: team, before: old, after: new)) }
            }
        }
        return (count, changes)
    }
}

extension Platform {
    /// Every scored, counted public score of a round in time order: (team, when, score), for charts.
    public func scoreHistory(competition slug: String, round id: String) throws -> [(
        team: String, at: Date, score: Double
    )] {
        try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.name, s.createdAt, s.publicScore FROM submission s JOIN team t ON t.id = s.teamId
                    WHERE s.competition = ? AND s.round = ? AND s.status = 'scored' AND s.disqualified = 0
                    AND t.disqualified = 0 AND t.isBaseline = 0 AND s.publicScore IS NOT NULL ORDER BY s.createdAt, s.id
                    """, arguments: [slug, id]
            ).map { ($0["name"], $0["createdAt"], $0["publicScore"]) }
        }
    }

    /// The newest submissions of a competition, for organisers.
    public func recentSubmissions(competition slug: String, limit: Int = 50) throws -> [SubmissionRecord] {
        try database.writer.read { db in
            try SubmissionRecord.filter(Column("competition") == slug).order(Column("id").desc).limit(limit).fetchAll(
                db)
        }
    }
}
