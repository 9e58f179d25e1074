import Foundation

/// How a score is written for people: a fixed number of decimals, the same in every table and page of
/// a competition. Machine outputs (JSON, CSV) never go through it: they carry the exact double.
public struct ScoreFormat: Sendable, Equatable {
    /// Digits after the decimal point.
    public let decimals: Int

    /// Four decimals, the default of every board.
    public static let standard = ScoreFormat(decimals: 4)

    /// A format with `decimals` digits after the point (clamped to 0…12).
    public init(decimals: Int) { self.decimals = min(max(decimals, 0), 12) }

    /// `0.9184` for 0.9183673469387755 with four decimals; `—` for no score.
    public func string(_ value: Double?) -> String {
        guard let value else { return "—" }
        guard value.isFinite else { return "\(value)" }
        return String(format: "%.\(decimals)f", value)
    }
}

extension ScoreFormat {
    /// A row's score on `task` as boards show it: one value, or — for a task of several metrics — each in
    /// the config's order, as the Russian SuperGLUE board shows RCB, MuSeRC and RuCoS ("0.406 / 0.546").
    public func string(_ row: Standing, task: String, metrics: [String]) -> String {
        if metrics.count > 1, let values = row.metrics[task], metrics.allSatisfy({ values[$0] != nil }) {
            return metrics.map { string(values[$0]) }.joined(separator: " / ")
        }
        return string(row.tasks[task])
    }
}
