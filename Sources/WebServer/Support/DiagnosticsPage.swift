import Competitions
import Foundation
import PodiumAPI

/// The diagnostics page's template values: for each task with slices, a heat map of the board's top entries and its
/// baselines side by side, slice by slice (rows) — each cell the entry's score on the slice with its 95% interval,
/// shaded from the slice's lowest score shown to its highest, and marked where the paired test the board uses tells
/// the entry apart from the slice's best.
enum DiagnosticsPage {
    /// How many ranked entries the page shows beside the baselines.
    static let topEntries = 5

    /// The rows of `snapshot` the page shows: the top ranked entries with slice scores, then the baselines.
    static func shownRows(_ snapshot: BoardSnapshot) -> [Standing] {
        let withSlices = snapshot.rows.filter { snapshot.slices[$0.team] != nil }
        return Array(withSlices.filter { $0.rank != nil }.prefix(topEntries)) + withSlices.filter { $0.rank == nil }
    }

    /// The view of `diagnostics.mustache`; `resamples(task)` gives the shown rows' slice resamples of a task by
    /// submission and slice.
    static func view(
        _ snapshot: BoardSnapshot, resamples: (String) throws -> [Int64: [String: [Double]]], _ language: Language,
        _ localizer: Localizer
    ) rethrows -> DiagnosticsView {
        let rows = shownRows(snapshot)
        let format = snapshot.config.scoreFormat
        let higherIsBetter = snapshot.config.higherIsBetter
        var tables: [DiagnosticsView.Table] = []
        for task in snapshot.tasks where rows.contains(where: { snapshot.slices[$0.team]?[task] != nil }) {
            let byTeam = Dictionary(
                rows.map { row in
                    (row.team, Dictionary((snapshot.slices[row.team]?[task] ?? []).map { ($0.name, $0) }) { a, _ in a })
                }
            ) { a, _ in a }
            let values = try resamples(task)
            let names = Set(byTeam.values.flatMap(\.keys)).sorted()
            let tableRows = names.map { name -> DiagnosticsView.Row in
                let scored = rows.compactMap { row in byTeam[row.team]?[name]?.score.map { (row: row, score: $0) } }
                let best = scored.max { higherIsBetter ? $0.score < $1.score : $0.score > $1.score }?.row
                let cells = rows.map { row -> DiagnosticsView.Cell in
                    guard let result = byTeam[row.team]?[name], let score = result.score else {
                        return .init(score: "—", interval: "", shade: "", apart: false)
                    }
                    var apart = false
                    if let best, best.team != row.team, let ours = values[row.submission]?[name],
                        let theirs = values[best.submission]?[name]
                    {
                        apart = !RankGroups.inseparable(ours, theirs)
                    }
                    return .init(
                        score: format.string(score), interval: format.interval(result),
                        shade: shade(score, among: scored.map(\.score), higherIsBetter: higherIsBetter), apart: apart)
                }
                let rowCount = byTeam.values.compactMap { $0[name]?.rows }.first ?? 0
                return .init(slice: name, family: !name.contains("/"), rows: rowCount, cells: cells)
            }
            tables.append(
                .init(
                    task: task,
                    columns: rows.map {
                        .init(team: $0.team, baseline: $0.rank == nil, rank: $0.rank.map(String.init) ?? "")
                    },
                    rows: tableRows))
        }
        let heading = localizer.text(
            "title_diagnostics", language,
            ["competition": snapshot.config.title, "round": snapshot.roundConfig.title ?? snapshot.key.round])
        return DiagnosticsView(
            title: heading, heading: heading, slug: snapshot.key.slug, round: snapshot.key.round,
            privateBoard: snapshot.key.board == .private, tables: tables)
    }

    /// A cell's background: from a pale red for the lowest score of its slice to a pale green for the highest
    /// (by the metric's direction); one score alone is neutral.
    static func shade(_ score: Double, among scores: [Double], higherIsBetter: Bool) -> String {
        guard let low = scores.min(), let high = scores.max(), high > low else { return "background:hsl(60,60%,90%)" }
        var position = (score - low) / (high - low)
        if !higherIsBetter { position = 1 - position }
        return "background:hsl(\(Int((position * 120).rounded())),60%,85%)"
    }
}
