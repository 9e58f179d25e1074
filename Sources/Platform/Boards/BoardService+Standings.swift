import Competitions
import Foundation
import Storage

extension BoardService {
    /// A round's leaderboard. The private board is the organisers' until the round is revealed; callers
    /// that serve participants check `revealed` first.
    public func standings(competition slug: String, round id: String, board: Board) throws -> [Standing] {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        return try store.read {
            try withIntervals(
                standings($0, slug: slug, config: config, round: round, board: board), $0, round: round, board: board)
        }
    }

    /// The public board as it stood at `moment` (a freeze): only submissions scored by then count.
    public func publicStandings(competition slug: String, round id: String, asOf moment: Date) throws -> [Standing] {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        return try store.read { try publicStandings($0, slug: slug, config: config, round: round, asOf: moment) }
    }

    /// `publicStandings(competition:round:asOf:)` inside a caller's read.
    func publicStandings(
        _ store: any StoreReader, slug: String, config: CompetitionConfig, round: RoundConfig, asOf moment: Date
    ) throws -> [Standing] {
        let (entries, baselines) = try store.scoredEntries(competition: slug, round: round.id, scoredBy: moment)
        return try withIntervals(
            publicBoard(entries, baselines: baselines, config: config, round: round), store, round: round,
            board: .public)
    }

    /// `rows` with each score's bootstrap interval, the rank groups and the baselines each row cannot be
    /// told apart from (see `RankGroups`), when the round resamples; public intervals rounded as the
    /// public scores are.
    func withIntervals(_ rows: [Standing], _ store: any StoreReader, round: RoundConfig, board: Board) throws
        -> [Standing]
    {
        guard round.resampleCount > 0, !rows.isEmpty else { return rows }
        let resamples = try store.resamples(submissionIds: rows.map(\.submission), part: board.rawValue)
        let annotated = RankGroups.annotate(rows, resamples: resamples)
        guard board == .public, round.publicPrecision != nil else { return annotated }
        return annotated.map { row in
            var row = row
            row.interval = row.interval.map {
                ScoreInterval(low: round.publicValue($0.low), high: round.publicValue($0.high))
            }
            return row
        }
    }

    /// The public board of `entries` as participants see it (rounded to `public_precision`, ranked by that).
    func publicBoard(_ entries: [ScoredEntry], baselines: Set<String>, config: CompetitionConfig, round: RoundConfig)
        -> [Standing]
    {
        let rows = Dictionary(grouping: entries, by: \.team).values.compactMap {
            Leaderboard.teamRow(
                $0, board: .public, rule: round.publicBoardRule, higherIsBetter: platform.higherIsBetter(config))
        }
        return Leaderboard.rank(
            publicRows(rows, round: round), higherIsBetter: platform.higherIsBetter(config), baselines: baselines)
    }

    func standings(
        _ store: any StoreReader, slug: String, config: CompetitionConfig, round: RoundConfig, board: Board
    ) throws -> [Standing] {
        // The public board is kept as state (a row per team, updated as submissions are scored); until a
        // round's state is first built, and for the private board, it is computed from the submissions.
        if board == .public, let state = try store.publicStandings(competition: slug, round: round.id) {
            return Leaderboard.rank(
                publicRows(state.rows, round: round), higherIsBetter: platform.higherIsBetter(config),
                baselines: state.baselines)
        }
        let (entries, baselines) = try store.scoredEntries(competition: slug, round: round.id)
        guard board == .public else {
            return Leaderboard.build(
                entries, board: board, rule: round.publicBoardRule, higherIsBetter: platform.higherIsBetter(config),
                baselines: baselines)
        }
        return publicBoard(entries, baselines: baselines, config: config, round: round)
    }

    /// A public board's rows as participants see them: rounded to the round's `public_precision`, so they rank
    /// by the rounded scores (a tie keeps the earlier submission first).
    func publicRows(_ rows: [Leaderboard.TeamRow], round: RoundConfig) -> [Leaderboard.TeamRow] {
        guard let decimals = round.publicPrecision else { return rows }
        return rows.map { PublicRounding.rounded($0, decimals: decimals) }
    }
}

extension Platform {
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
}

extension BoardService {
    /// Every scored, counted public score of a round in time order: (team, when, score), for charts; only
    /// those of `teams` when given.
    public func scoreHistory(competition slug: String, round id: String, teams: [String]? = nil) throws -> [(
        team: String, at: Date, score: Double
    )] {
        try store.read { try $0.scoreHistory(competition: slug, round: id, teams: teams) }
    }

    /// The newest submissions of a competition, for organisers.
    public func recentSubmissions(competition slug: String, limit: Int = 50) throws -> [SubmissionRecord] {
        try store.read { try $0.recentSubmissions(competition: slug, limit: limit) }
    }
}
