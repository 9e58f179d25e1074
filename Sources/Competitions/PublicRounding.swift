import Foundation

/// Public scores rounded to a round's `public_precision`, so the public part of the test set cannot be probed
/// row by row: a team sees its score move only when it moves by more than the rounding. The board ranks by the
/// rounded scores (a tie keeps the earlier submission first); the private board, after reveal, stays exact.
public enum PublicRounding {
    /// `value` to `decimals` places, halves away from zero.
    public static func rounded(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite else { return value }
        let scale = pow(10, Double(decimals))
        let result = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        return result == 0 ? 0 : result  // no -0 on a board
    }

    /// `row` with its score, task scores and metrics rounded.
    public static func rounded(_ row: Leaderboard.TeamRow, decimals: Int) -> Leaderboard.TeamRow {
        Leaderboard.TeamRow(
            entry: row.entry, score: rounded(row.score, decimals: decimals),
            tasks: row.tasks.mapValues { rounded($0, decimals: decimals) },
            metrics: row.metrics.mapValues { $0.mapValues { rounded($0, decimals: decimals) } }, count: row.count)
    }
}
