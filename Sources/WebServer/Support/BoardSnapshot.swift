import Competitions
import Foundation
import Platform
import PodiumAPI

/// One board as it is served: its ranked rows and everything drawn from them (the chart, the public
/// ranks the private board compares against), built once per board version and shared by every request
/// until something the board shows changes.
struct BoardSnapshot: Sendable {
    /// Which board.
    let key: BoardCache.Key
    /// The competition's version it was built at (see `CompetitionVersion.ofBoards`).
    let version: CompetitionVersion
    /// The competition's config it was built with.
    let config: CompetitionConfig
    /// The round.
    let roundConfig: RoundConfig
    /// Whether the round's private board was revealed.
    let revealed: Bool
    /// The rows, best first.
    let rows: [Standing]
    /// Each team's rank on the public board (for the private board's ▲▼ column).
    let publicRanks: [String: Int]
    /// The chart of the top teams' best public scores over time (public board only; none while frozen).
    let chart: String?
    /// When the public board froze, if this is the frozen board participants see (see `Platform+Freeze`).
    let frozenAt: Date?
    /// The rows' model cards, by team (self-reported).
    let cards: [String: ModelCard]
    /// The rows' slice scores by team and task, when this board's reader may see them (see `BoardRead.slices`).
    let slices: [String: [String: [SliceResult]]]
    /// A probing round's rows layer by layer, by team and task (see `BoardRead.layers`); empty for other rounds.
    let layers: [String: [String: LayerScores]]
    /// The round's task ids (columns of a multi-task board).
    let tasks: [String]
    /// Each task's metrics in the config's order (a task of two is shown as "F1 / EM").
    let taskMetrics: [String: [String]]
    /// Each team's position in `rows`.
    let positions: [String: Int]
    /// How many rows have a rank (every row but the baselines').
    var ranked: Int { rows.count - baselines }
    /// How many rows are baselines.
    let baselines: Int

    /// Score against inference speed, with the Pareto front, of the rows whose cards give a speed (nil: none do).
    func pareto(_ axis: (x: String, y: String)) -> String? {
        let points = rows.compactMap { row in
            cards[row.team]?.inferenceSpeed.map { ParetoChart.Point(team: row.team, speed: $0, score: row.score) }
        }
        return ParetoChart.svg(points, higherIsBetter: config.higherIsBetter, format: config.scoreFormat, axis: axis)
    }

    /// How many teams the chart draws.
    static let chartTeams = 5

    /// Builds the snapshot of `key` from the platform (blocking: one read transaction of the store).
    static func build(_ key: BoardCache.Key, version: CompetitionVersion, config: CompetitionConfig, platform: Platform)
        throws
        -> BoardSnapshot
    {
        guard config.round(key.round) != nil else {
            throw PlatformError(.notFound, "no round \"\(key.round)\" in \(key.slug)")
        }
        let read = try platform.boards.boardRead(
            competition: key.slug, round: key.round, board: key.board, live: key.live, chartTeams: chartTeams)
        let round = read.round
        let chart =
            key.board == .public && read.frozenAt == nil
            ? ScoreChart.svg(
                history: read.history, teams: read.chartTeams, higherIsBetter: config.higherIsBetter,
                format: config.scoreFormat)
            : nil
        return BoardSnapshot(
            key: key, version: version, config: config, roundConfig: round, revealed: read.revealed, rows: read.rows,
            publicRanks: Dictionary(read.publicRows.compactMap { row in row.rank.map { (row.team, $0) } }) { a, _ in a
            },
            chart: chart, frozenAt: key.board == .public ? read.frozenAt : nil, cards: read.cards, slices: read.slices,
            layers: read.layers, tasks: config.tasks(of: round).map(\.id),
            taskMetrics: Dictionary(config.tasks(of: round).map { ($0.id, $0.metricList) }) { a, _ in a },
            positions: Dictionary(read.rows.enumerated().map { ($1.team, $0) }) { a, _ in a },
            baselines: read.rows.filter { $0.rank == nil }.count)
    }

    /// A row's score on `task` as the board shows it: one value, or a task's metrics in order ("0.406 / 0.546",
    /// as the Russian SuperGLUE board shows RCB, MuSeRC and RuCoS).
    /// On a probing board, the layer the score comes from follows it, as RuSentEval's tables show it ("0.848 [8]").
    func cell(_ row: Standing, task: String) -> String {
        let score = config.scoreFormat.string(row, task: task, metrics: taskMetrics[task] ?? [])
        return layers[row.team]?[task].map { "\(score) [\($0.layer)]" } ?? score
    }

    /// The slices shown, as (task, slice) columns in the config's task order and each task's slice order.
    var sliceColumns: [(task: String, slice: String)] {
        tasks.flatMap { task in
            Set(slices.values.flatMap { ($0[task] ?? []).map(\.name) }).sorted().map { (task, $0) }
        }
    }

    /// How many layers the widest entry of each task has (the per-layer columns of a probing board's CSV).
    var layerCounts: [(task: String, layers: Int)] {
        tasks.compactMap { task in
            let count = layers.values.compactMap { $0[task]?.public.count }.max()
            return count.map { (task, $0) }
        }
    }

    /// The rows `page` selects.
    func rows(_ page: Pagination) -> ArraySlice<Standing> {
        let start = min(page.offset, rows.count)
        return rows[start..<min(rows.count, start + min(page.limit, rows.count))]
    }
}
