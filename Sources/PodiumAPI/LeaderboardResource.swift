import Foundation
import Tabular

/// A board as `GET …/rounds/{round}/leaderboard` and `podium standings --format json` give it.
public struct LeaderboardResource: Codable, Sendable, Equatable {
    /// One row.
    public struct Row: Codable, Sendable, Equatable {
        /// 1-based rank; nil for a baseline.
        @Nullable public var rank: Int?
        /// The team.
        public var team: String
        /// The composite on this board.
        public var score: Double
        /// Each task's score.
        public var tasks: [String: Double]
        /// Each metric of each task (task → metric → value).
        public var metrics: [String: [String: Double]]
        /// Whether the team is a baseline.
        public var baseline: Bool
        /// The submission that counts.
        public var submission: Int64
        /// When it was submitted.
        public var submittedAt: Date
        /// The team's scored submissions in the round.
        public var entries: Int
        /// The model card of the submission that counts (a baseline's own), self-reported; null without one.
        @Nullable public var card: JSONValue?
        /// The score's 95% bootstrap interval `[low, high]`; null when the round has no intervals.
        @Nullable public var interval: [Double]?
        /// The rank group, from 1 at the top: rows a paired bootstrap test does not tell apart at the 5% level
        /// share one; null for baselines and rounds without intervals.
        @Nullable public var group: Int?
        /// The first and last rank of the row's group (`[1, 3]`: "1–3"); null when `group` is.
        @Nullable public var ranks: [Int]?
        /// The baselines whose scores the same test does not tell this row's apart from.
        public var inseparableFrom: [String]
        /// The entry's scores on the slices of the tasks that have them, by task (absent when none has, or when
        /// the round's `slices_visibility` does not show them to this reader yet).
        public var slices: [String: [SliceResult]]?
        /// A probing round's entry layer by layer, by task: each layer's score and the layer the board takes (the
        /// Private scores only on the private board); absent for other rounds.
        public var layers: [String: LayerScores]?

        enum CodingKeys: String, CodingKey {
            case rank, team, score, tasks, metrics, baseline, submission, entries, card, interval, group, ranks, slices
            case layers
            case submittedAt = "submitted_at"
            case inseparableFrom = "inseparable_from"
        }

        /// A row.
        public init(
            rank: Int?, team: String, score: Double, tasks: [String: Double], metrics: [String: [String: Double]],
            baseline: Bool, submission: Int64, submittedAt: Date, entries: Int, card: JSONValue? = nil,
            interval: [Double]? = nil, group: Int? = nil, ranks: [Int]? = nil, inseparableFrom: [String] = [],
            slices: [String: [SliceResult]]? = nil, layers: [String: LayerScores]? = nil
        ) {
            self.slices = slices
            self.layers = layers
            self.interval = interval
            self.group = group
            self.ranks = ranks
            self.inseparableFrom = inseparableFrom
            self.rank = rank
            self.team = team
            self.score = score
            self.tasks = tasks
            self.metrics = metrics
            self.baseline = baseline
            self.submission = submission
            self.submittedAt = submittedAt
            self.entries = entries
            self.card = card
        }
    }

    /// The round.
    public var round: String
    /// `public` or `private`.
    public var board: String
    /// Decimals the boards show.
    public var displayPrecision: Int
    /// Rows on the whole board.
    public var total: Int
    /// Rows skipped before `rows` (`?offset=`).
    public var offset: Int
    /// The rows, best first.
    public var rows: [Row]
    /// When the public board froze, if it shows the standings of that moment (null: live).
    @Nullable public var frozenAt: Date?
    /// The public board's rule: `standard`, or `ladder` — a team's public score changes only when a submission
    /// beats its best by more than `ladder_step`.
    public var publicBoard: String?
    /// The Ladder's step (a ladder board only).
    public var ladderStep: Double?

    enum CodingKeys: String, CodingKey {
        case round, board, total, offset, rows
        case displayPrecision = "display_precision"
        case frozenAt = "frozen_at"
        case publicBoard = "public_board"
        case ladderStep = "ladder_step"
    }

    /// A board.
    public init(
        round: String, board: String, displayPrecision: Int, total: Int, offset: Int, rows: [Row],
        frozenAt: Date? = nil, ladderStep: Double? = nil
    ) {
        self.publicBoard = ladderStep == nil ? "standard" : "ladder"
        self.ladderStep = ladderStep
        self.round = round
        self.board = board
        self.displayPrecision = displayPrecision
        self.total = total
        self.offset = offset
        self.rows = rows
        self.frozenAt = frozenAt
    }
}
