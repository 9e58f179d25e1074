import Competitions
import Foundation
import Storage

extension Platform {
    /// A round's leaderboard. The private board is the organisers' until the round is revealed; callers
    /// that serve participants check `revealed` first.
    public func standings(competition slug: String, round id: String, board: Board) throws -> [Standing] {
        let (_, config) = try competition(slug)
        let round = try self.round(id, in: config, slug: slug)
        return try store.read {
            try withIntervals(
                standings($0, slug: slug, config: config, round: round, board: board), $0, round: round, board: board)
        }
    }

    /// The public board as it stood at `moment` (a freeze): only submissions scored by then count.
    public func publicStandings(competition slug: String, round id: String, asOf moment: Date) throws -> [Standing] {
        let (_, config) = try competition(slug)
        let round = try self.round(id, in: config, slug: slug)
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
            Leaderboard.teamRow($0, board: .public, latest: round.usesLatest, higherIsBetter: higherIsBetter(config))
        }
        return Leaderboard.rank(
            publicRows(rows, round: round), higherIsBetter: higherIsBetter(config), baselines: baselines)
    }

    func standings(
        _ store: any StoreReader, slug: String, config: CompetitionConfig, round: RoundConfig, board: Board
    ) throws -> [Standing] {
        // The public board is kept as state (a row per team, updated as submissions are scored); until a
        // round's state is first built, and for the private board, it is computed from the submissions.
        if board == .public, let state = try store.publicStandings(competition: slug, round: round.id) {
            return Leaderboard.rank(
                publicRows(state.rows, round: round), higherIsBetter: higherIsBetter(config),
                baselines: state.baselines)
        }
        let (entries, baselines) = try store.scoredEntries(competition: slug, round: round.id)
        guard board == .public else {
            return Leaderboard.build(
                entries, board: board, latest: round.usesLatest, higherIsBetter: higherIsBetter(config),
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
    /// solution files, and returns the public and private rank changes it caused. A code round's submissions
    /// are queued to run again instead (their programs run on the code workers).
    public func rescore(competition slug: String, round only: String? = nil, actor: String = Platform.localActor)
        throws -> (count: Int, changes: [RankChange])
    {
        let (_, config) = try competition(slug)
        let rounds = try only.map { [try round($0, in: config, slug: slug)] } ?? config.rounds
        var changes: [RankChange] = []
        var count = 0
        for round in rounds {
            let before = try standings(competition: slug, round: round.id, board: .public)
            let submissions = try store.read {
                try $0.submissions(competition: slug, round: round.id, statuses: [.scored, .failed])
            }
            if round.submissionKind == .code {
                // Programs are run again by the code workers, not here: their jobs go back in the queue.
                try store.write { store in
                    for submission in submissions {
                        try store.requeue(submissionId: submission.id!, kind: .code, at: self.now)
                    }
                }
                workSignal.signal(.code)
            }
            for submission in submissions where round.submissionKind == .files {
                let now = self.now
                do {
                    let result = try score(submission, worker: "rescore")
                    try store.write { try $0.recordScore(result, submissionId: submission.id!, at: now) }
                    count += 1
                } catch {
                    try store.write {
                        try $0.markFailed(
                            submissionId: submission.id!, error: "rescoring failed", detail: "\(error)", at: now)
                    }
                }
            }
            let rescored = submissions.count
            try store.write { store in
                try rebuildPublicStandings(store, slug: slug, config: config, round: round)
                try audit(
                    store, actor: actor, action: "round.rescore", competition: slug, subject: round.id,
                    details: AuditDetails.rescore(submissions: rescored), at: self.now)
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
