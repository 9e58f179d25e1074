/// `leaderboard.mustache`: one page of a board's table, shared by every visitor of that board version.
struct LeaderboardView: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let rank: String
        let team: String
        let baseline: Bool
        let anchor: String
        let score: String
        let taskScores: [String]
        let entries: Int
        /// HTML.
        let submittedAt: String
        let delta: String
        let cardCells: [CardCell]
        let cardLink: String?
        let rankTitle: String?
        let groupStart: Bool
        /// SVG.
        let intervalBar: String?
        let inseparable: [Inseparable]
    }

    struct CardCell: Encodable, Sendable {
        let text: String
        let measured: Bool
        let declared: Bool
    }

    struct Inseparable: Encodable, Sendable {
        let title: String
    }

    struct TaskHeading: Encodable, Sendable {
        let name: String
        let metrics: String
    }

    struct Pager: Encodable, Sendable {
        let from: Int
        let to: Int
        let total: Int
        let first: String?
        let previous: String?
        let next: String?
        let last: String?
        var range: String = ""
    }

    let competitionTitle: String
    let slug: String
    let round: String
    let roundName: String
    let `private`: Bool
    let rows: [Row]
    let tasks: [TaskHeading]
    let chartTeams: String
    let cardColumns: [String]
    let selfReported: Bool
    let measuredNote: Bool
    let intervals: Bool
    var pareto: String? = nil
    /// The address of the round's diagnostics page, when the board shows slice scores.
    var diagnostics: String? = nil
    /// SVG.
    var chart: String? = nil
    var frozen: String? = nil
    /// The note a Ladder board carries.
    var ladder: String? = nil
    var pager: Pager? = nil
    /// A probing board's charts, one per task: score against layer (SVG).
    var layerCharts: [LayerChartView] = [] {
        didSet { hasLayerCharts = !layerCharts.isEmpty }
    }
    /// Whether there are any (the section's heading).
    private(set) var hasLayerCharts = false

    /// One task's chart of score against layer.
    struct LayerChartView: Encodable {
        let task: String
        let title: String
        let svg: String
    }
}

/// `leaderboard-you.mustache`: where the logged-in team stands, or that it has no row yet.
struct YouView: Encodable, Sendable {
    struct Standing: Encodable, Sendable {
        let anchor: String
        /// HTML.
        let text: String
        let href: String
    }

    struct Absent: Encodable, Sendable {
        /// HTML.
        let text: String
    }

    var you: Standing? = nil
    var absent: Absent? = nil
}

/// The view of `diagnostics.mustache`: per task with slices, a heat map of entries (columns) by slices (rows).
struct DiagnosticsView: Encodable, Sendable {
    struct Column: Encodable, Sendable {
        let team: String
        let baseline: Bool
        let rank: String
    }

    struct Cell: Encodable, Sendable {
        let score: String
        /// The 95% interval, "low – high" (empty without intervals).
        let interval: String
        /// The cell's inline style: its background.
        let shade: String
        /// The paired test tells this entry apart from the slice's best.
        let apart: Bool
    }

    struct Row: Encodable, Sendable {
        let slice: String
        /// A family of tags (`logic`), not a tag (`logic/negation`).
        let family: Bool
        let rows: Int
        let cells: [Cell]
    }

    struct Table: Encodable, Sendable {
        let task: String
        let columns: [Column]
        let rows: [Row]
    }

    let title: String
    let heading: String
    let slug: String
    let round: String
    let privateBoard: Bool
    let tables: [Table]
}
