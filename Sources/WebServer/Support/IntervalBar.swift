import Competitions
import Foundation

/// A score's interval drawn as a small inline SVG: a bar from low to high and a tick at the score, on a
/// scale shared by every row of the board so that overlapping bars read as overlapping intervals.
enum IntervalBar {
    /// The bar's size in pixels.
    static let width = 120.0
    static let height = 12.0

    /// The scale of `rows`: from the lowest interval end to the highest (nil: no row has an interval).
    static func domain(_ rows: [Standing]) -> ClosedRange<Double>? {
        let ends = rows.compactMap(\.interval).flatMap { [$0.low, $0.high] }
        guard let low = ends.min(), let high = ends.max() else { return nil }
        return low...high
    }

    /// The bar of `interval` around `score` on `domain`, with `title` as its tooltip.
    static func svg(_ interval: ScoreInterval, score: Double, domain: ClosedRange<Double>, title: String) -> String {
        let span = domain.upperBound - domain.lowerBound
        func x(_ value: Double) -> Double {
            let inset = 2.0
            let share = span > 0 ? (value - domain.lowerBound) / span : 0.5
            return inset + share * (width - 2 * inset)
        }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        let (low, high, at) = (x(interval.low), x(interval.high), x(score))
        return """
            <svg class="interval" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" \
            role="img" aria-label="\(title)"><title>\(title)</title>\
            <rect x="\(number(low))" y="4" width="\(number(max(high - low, 1)))" height="4" rx="2" fill="#9fb3d9"/>\
            <rect x="\(number(at - 1))" y="1" width="2" height="10" fill="#1f3a70"/></svg>
            """
    }
}
