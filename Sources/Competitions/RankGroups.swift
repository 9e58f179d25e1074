/// What a board's bootstrap resamples say about its rows: each score's 95% percentile interval, which
/// neighbouring rows a paired test cannot tell apart (rank groups, for the board's separators), each row's
/// rank span, and which rows a baseline's score cannot be told apart from.
///
/// A row's rank span comes from the rows it cannot be told apart from, not from a chain of neighbours: it runs
/// from `1 + (rows significantly better)` to `N − (rows significantly worse)`. Scanning outward from the row, the
/// first row in each direction that the test separates from it ends the span there (rows further out score
/// further away). Three rows where only neighbours are inseparable get 1–2, 1–3 and 2–3, not 1–3 three times.
///
/// Every submission of a part is scored on the same resamples (see `Bootstrap`), so the difference of
/// two rows on resample `r` is their difference on one and the same resampled test set: the test is
/// paired. Two rows are told apart at the 5% level when fewer than 2.5% of the differences fall on
/// either side of zero (a two-sided percentile test); resamples where either score is undefined are
/// left out.
public enum RankGroups {
    /// The test's level.
    public static let level = 0.05

    /// `standings` with intervals, groups, shared ranks and inseparable baselines filled in from each row
    /// submission's resamples (rows without resamples get none and start a group of their own).
    public static func annotate(_ standings: [Standing], resamples: [Int64: [Double]]) -> [Standing] {
        var rows = standings
        for index in rows.indices {
            if let values = resamples[rows[index].submission] {
                rows[index].interval = interval(values, score: rows[index].score)
            }
        }
        guard rows.contains(where: { resamples[$0.submission] != nil }) else { return rows }
        var group = 0
        var previous: [Double]?
        for index in rows.indices where rows[index].rank != nil {
            let values = resamples[rows[index].submission]
            if group == 0 || !inseparable(previous, values) { group += 1 }
            rows[index].group = group
            previous = values
        }
        let spans = rankSpans(rows, resamples: resamples)
        let baselines = rows.filter(\.isBaseline)
        for index in rows.indices where rows[index].rank != nil {
            rows[index].sharedRanks = spans[index]
            let values = resamples[rows[index].submission]
            rows[index].inseparableBaselines = baselines.filter {
                inseparable(values, resamples[$0.submission])
            }.map(\.team)
        }
        return rows
    }

    /// Each ranked row's span, by its index in `rows`: from the rank of the furthest row above it that the test
    /// cannot tell apart from it, without crossing one it can, to the same below. Rows are in rank order, and a row
    /// further away scores further away, so the first separable row below a row never comes before the first
    /// separable row below the row above it: one pointer per direction walks the board once, O(rows) tests in all
    /// (a board of many identical submissions would otherwise test every pair).
    static func rankSpans(_ rows: [Standing], resamples: [Int64: [Double]]) -> [Int: ClosedRange<Int>] {
        let ranked = rows.indices.filter { rows[$0].rank != nil }
        let values = ranked.map { resamples[rows[$0].submission] }
        let ranks = ranked.map { rows[$0].rank! }
        var lowest = ranks
        var highest = ranks
        var below = 0  // the first position past the current row's inseparable run downwards
        for position in ranked.indices {
            below = max(below, position + 1)
            while below < ranked.count && inseparable(values[position], values[below]) { below += 1 }
            highest[position] = ranks[below - 1]
        }
        var above = ranked.count - 1  // the same upwards, from the bottom
        for position in ranked.indices.reversed() {
            above = min(above, position - 1)
            while above >= 0 && inseparable(values[position], values[above]) { above -= 1 }
            lowest[position] = ranks[above + 1]
        }
        var spans: [Int: ClosedRange<Int>] = [:]
        for (position, index) in ranked.enumerated() {
            spans[index] = min(lowest[position], ranks[position])...max(highest[position], ranks[position])
        }
        return spans
    }

    /// The 2.5th and 97.5th percentiles of the finite `values` (linear interpolation, numpy's default),
    /// widened to hold `score` itself; nil when fewer than half the resamples are finite.
    public static func interval(_ values: [Double], score: Double) -> ScoreInterval? {
        let finite = values.filter(\.isFinite).sorted()
        guard !finite.isEmpty, finite.count * 2 >= values.count else { return nil }
        let low = percentile(finite, level / 2)
        let high = percentile(finite, 1 - level / 2)
        return ScoreInterval(low: min(low, score), high: max(high, score))
    }

    /// Whether a paired test cannot tell the two rows' scores apart (false when either has no resamples).
    public static func inseparable(_ a: [Double]?, _ b: [Double]?) -> Bool {
        guard let a, let b, a.count == b.count else { return false }
        var below = 0
        var above = 0
        var compared = 0
        for (x, y) in zip(a, b) where x.isFinite && y.isFinite {
            compared += 1
            if x - y <= 0 { below += 1 }
            if x - y >= 0 { above += 1 }
        }
        guard compared > 0 else { return false }
        return 2 * Double(min(below, above)) / Double(compared) >= level
    }

    /// The `q` quantile of sorted `values`, interpolating linearly between neighbours.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
