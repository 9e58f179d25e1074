import Foundation

/// A scored submission, as the leaderboard needs it.
public struct ScoredEntry: Sendable, Equatable {
    /// The submission's id.
    public let submission: Int64
    /// The team's name.
    public let team: String
    /// When it was submitted.
    public let submittedAt: Date
    /// Composite on the Public part.
    public let publicScore: Double?
    /// Composite on the Private part.
    public let privateScore: Double?
    /// Per-task scores on the Public part.
    public let publicTasks: [String: Double]
    /// Per-task scores on the Private part.
    public let privateTasks: [String: Double]
    /// Each metric of each task on the Public part (task → metric → value).
    public let publicMetrics: [String: [String: Double]]
    /// Each metric of each task on the Private part.
    public let privateMetrics: [String: [String: Double]]
    /// Picked by the team for the private board.
    public let selected: Bool

    /// Creates an entry.
    public init(
        submission: Int64, team: String, submittedAt: Date, publicScore: Double?, privateScore: Double?,
        publicTasks: [String: Double] = [:], privateTasks: [String: Double] = [:], selected: Bool = false,
        publicMetrics: [String: [String: Double]] = [:], privateMetrics: [String: [String: Double]] = [:]
    ) {
        self.publicMetrics = publicMetrics
        self.privateMetrics = privateMetrics
        self.submission = submission
        self.team = team
        self.submittedAt = submittedAt
        self.publicScore = publicScore
        self.privateScore = privateScore
        self.publicTasks = publicTasks
        self.privateTasks = privateTasks
        self.selected = selected
    }
}

/// One row of a leaderboard.
public struct Standing: Sendable, Equatable {
    /// 1-based rank; nil for baselines, which are shown but not ranked.
    public let rank: Int?
    /// The team.
    public let team: String
    /// Whether the team is a baseline (e.g. TF-IDF, majority class, human).
    public let isBaseline: Bool
    /// The composite score on this board.
    public let score: Double
    /// Per-task scores on this board.
    public let tasks: [String: Double]
    /// Each metric of each task on this board (task → metric → value), for tasks of several metrics.
    public let metrics: [String: [String: Double]]
    /// The submission that counts.
    public let submission: Int64
    /// When it was submitted.
    public let submittedAt: Date
    /// The team's scored submissions in the round.
    public let entries: Int
    /// The score's 95% bootstrap interval, when the round resamples (see `RankGroups`).
    public var interval: ScoreInterval? = nil
    /// The rank group, numbered from 1 at the top: rows of one group are not told apart by a paired
    /// bootstrap test at the 5% level (nil for baselines and boards without intervals).
    public var group: Int? = nil
    /// The ranks the row's group spans ("1–3"); nil for baselines and boards without intervals.
    public var sharedRanks: ClosedRange<Int>? = nil
    /// The baselines this row is not told apart from (same test as the groups).
    public var inseparableBaselines: [String] = []
}

/// A score's interval.
public struct ScoreInterval: Sendable, Equatable, Codable {
    /// The lower end.
    public var low: Double
    /// The upper end.
    public var high: Double

    /// Creates an interval.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }
}

/// Which board.
public enum Board: String, Sendable, Codable {
    /// Live, scored on the Public part.
    case `public`
    /// Scored on the Private part; hidden until the organisers reveal it.
    case `private`
}

/// Builds leaderboards from scored submissions.
public enum Leaderboard {
    /// The board: per team, its best (or latest) Public submission; on the Private board, the best
    /// Private score among the team's final selections, or — when it selected none — its best Public
    /// submission (Kaggle's default). Order by score, a tie going to the earlier submission; baselines
    /// appear in place without a rank.
    public static func build(
        _ entries: [ScoredEntry], board: Board, rule: PublicBoardRule, higherIsBetter: Bool,
        baselines: Set<String> = []
    ) -> [Standing] {
        var rows: [TeamRow] = []
        for (_, teamEntries) in Dictionary(grouping: entries, by: \.team) {
            if let row = teamRow(teamEntries, board: board, rule: rule, higherIsBetter: higherIsBetter) {
                rows.append(row)
            }
        }
        return rank(rows, higherIsBetter: higherIsBetter, baselines: baselines)
    }

    /// What one team shows on a board: the entry that counts, its score and task scores, and how many
    /// scored entries the team has. Nil when none of its entries has a score on that board.
    public struct TeamRow: Sendable, Equatable {
        /// The entry that counts.
        public let entry: ScoredEntry
        /// Its score on the board.
        public let score: Double
        /// Its per-task scores on the board.
        public let tasks: [String: Double]
        /// Each metric of each task on the board.
        public let metrics: [String: [String: Double]]
        /// The team's scored entries in the round.
        public let count: Int

        /// Creates a row.
        public init(
            entry: ScoredEntry, score: Double, tasks: [String: Double], metrics: [String: [String: Double]] = [:],
            count: Int
        ) {
            self.entry = entry
            self.score = score
            self.tasks = tasks
            self.metrics = metrics
            self.count = count
        }
    }

    /// One team's row from all its scored entries in the round (see `build` for the rules).
    public static func teamRow(
        _ teamEntries: [ScoredEntry], board: Board, rule: PublicBoardRule, higherIsBetter: Bool
    )
        -> TeamRow?
    {
        let candidates = teamEntries.filter { $0.publicScore != nil }
        guard let first = candidates.first else { return nil }
        let shown: ScoredEntry
        switch rule {
        case .latest: shown = candidates.reduce(first) { earlier($0, $1) ? $1 : $0 }
        case .best: shown = candidates.reduce(first) { pick($0, $1, \.publicScore, higherIsBetter) }
        case .ladder(let step):
            shown =
                ladder(candidates, step: step, higherIsBetter: higherIsBetter).last { $0.isReleased }?.entry ?? first
        }
        switch board {
        case .public:
            return TeamRow(
                entry: shown, score: shown.publicScore!, tasks: shown.publicTasks, metrics: shown.publicMetrics,
                count: teamEntries.count)
        case .private:
            let selected = teamEntries.filter(\.selected)
            let pool = selected.isEmpty ? [shown] : selected
            let chosen = pool.reduce(pool[0]) { pick($0, $1, \.privateScore, higherIsBetter) }
            guard let score = chosen.privateScore else { return nil }
            return TeamRow(
                entry: chosen, score: score, tasks: chosen.privateTasks, metrics: chosen.privateMetrics,
                count: teamEntries.count)
        }
    }

    /// The Ladder over a team's scored entries: each entry in submission order with the public score the
    /// board released when it was scored — its own when it beat the best released before by more than `step`
    /// (the first always does), else that best again — and whether it was the one released.
    public static func ladder(_ teamEntries: [ScoredEntry], step: Double, higherIsBetter: Bool)
        -> [(entry: ScoredEntry, released: Double, isReleased: Bool)]
    {
        var best: ScoredEntry?
        var steps: [(entry: ScoredEntry, released: Double, isReleased: Bool)] = []
        for entry in teamEntries.filter({ $0.publicScore != nil }).sorted(by: earlier) {
            let score = entry.publicScore!
            if best.map({ ladderBeats(score, best: $0.publicScore!, step: step, higherIsBetter: higherIsBetter) })
                ?? true
            {
                best = entry
            }
            steps.append((entry, best!.publicScore!, best!.submission == entry.submission))
        }
        return steps
    }

    /// The Ladder's rule: whether `score` beats the best released so far by more than `step`.
    public static func ladderBeats(_ score: Double, best: Double, step: Double, higherIsBetter: Bool) -> Bool {
        higherIsBetter ? score > best + step : score < best - step
    }

    /// The points of a score history (in time order) that a Ladder released: per team, the first, then each that
    /// beat the team's best released by more than `step`.
    public static func ladderHistory<Point>(
        _ points: [Point], team: (Point) -> String, score: (Point) -> Double, step: Double, higherIsBetter: Bool
    ) -> [Point] {
        var best: [String: Double] = [:]
        return points.filter { point in
            let (name, value) = (team(point), score(point))
            if let released = best[name],
                !ladderBeats(value, best: released, step: step, higherIsBetter: higherIsBetter)
            {
                return false
            }
            best[name] = value
            return true
        }
    }

    /// The teams' rows in board order — by score, a tie going to the earlier submission — with ranks;
    /// baselines appear in place without a rank.
    public static func rank(_ rows: [TeamRow], higherIsBetter: Bool, baselines: Set<String> = []) -> [Standing] {
        let sorted = rows.sorted { a, b in
            a.score != b.score ? better(a.score, b.score, higherIsBetter) : earlier(a.entry, b.entry)
        }
        var rank = 0
        return sorted.map { row in
            let isBaseline = baselines.contains(row.entry.team)
            if !isBaseline { rank += 1 }
            return Standing(
                rank: isBaseline ? nil : rank, team: row.entry.team, isBaseline: isBaseline, score: row.score,
                tasks: row.tasks, metrics: row.metrics, submission: row.entry.submission,
                submittedAt: row.entry.submittedAt,
                entries: row.count)
        }
    }

    private static func better(_ a: Double, _ b: Double, _ higherIsBetter: Bool) -> Bool {
        higherIsBetter ? a > b : a < b
    }

    private static func earlier(_ a: ScoredEntry, _ b: ScoredEntry) -> Bool {
        a.submittedAt != b.submittedAt ? a.submittedAt < b.submittedAt : a.submission < b.submission
    }

    /// The better of two entries by `score`, ties to the earlier.
    private static func pick(
        _ a: ScoredEntry, _ b: ScoredEntry, _ score: (ScoredEntry) -> Double?, _ higherIsBetter: Bool
    ) -> ScoredEntry {
        guard let sb = score(b) else { return a }
        guard let sa = score(a) else { return b }
        if sa == sb { return earlier(a, b) ? a : b }
        return better(sa, sb, higherIsBetter) ? a : b
    }

    /// The teams that advance from `standings`: the top N ranked teams, or every ranked team at or
    /// above `minScore` (at or below it when lower is better).
    public static func advancing(_ standings: [Standing], rule: AdvanceConfig, higherIsBetter: Bool) -> [String] {
        let ranked = standings.filter { $0.rank != nil }
        if let top = rule.top { return ranked.prefix(top).map(\.team) }
        if let minimum = rule.minScore {
            return ranked.filter { higherIsBetter ? $0.score >= minimum : $0.score <= minimum }.map(\.team)
        }
        return []
    }
}
