import Competitions
import Foundation

/// An SVG scatter, drawn on the server, of each team's score against its model's inference speed (log scale, from
/// the self-reported model cards), with the Pareto front — the teams no other team beats on both — joined and
/// labelled: MOROCCO's way of reading a board.
enum ParetoChart {
    /// One team's point.
    struct Point: Equatable {
        let team: String
        let speed: Double
        let score: Double
    }

    /// The points on the Pareto front of `points`: faster is better, and the score is better as `higherIsBetter`
    /// says; a point is on the front when no other point is at least as fast with a better score, or faster with
    /// an equal one. Fastest first.
    static func front(_ points: [Point], higherIsBetter: Bool) -> [Point] {
        let better: (Double, Double) -> Bool = higherIsBetter ? { $0 > $1 } : { $0 < $1 }
        let sorted = points.sorted { $0.speed != $1.speed ? $0.speed > $1.speed : better($0.score, $1.score) }
        var front: [Point] = []
        for point in sorted where front.last.map({ better(point.score, $0.score) }) ?? true {
            front.append(point)
        }
        return front
    }

    /// The chart of `points`, or nil when there is none to draw.
    static func svg(_ points: [Point], higherIsBetter: Bool, format: ScoreFormat, axis: (x: String, y: String))
        -> String?
    {
        let drawn = points.filter { $0.speed > 0 && $0.speed.isFinite && $0.score.isFinite }
        guard let slowest = drawn.map(\.speed).min(), let fastest = drawn.map(\.speed).max(),
            let low = drawn.map(\.score).min(), let high = drawn.map(\.score).max()
        else { return nil }
        let (width, height, margin, left) = (640.0, 300.0, 40.0, 64.0)
        let (lo, hi) = (log10(slowest) - 0.1, log10(fastest) + 0.1)
        let range = max(high - low, 1e-9)
        func x(_ speed: Double) -> Double { left + (width - left - margin) * (log10(speed) - lo) / (hi - lo) }
        func y(_ score: Double) -> Double { height - margin - (height - 2 * margin) * (score - low) / range }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        let front = Self.front(drawn, higherIsBetter: higherIsBetter)
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markdown.escape(axis.y)) against \(Markdown.escape(axis.x))\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
            "<line x1=\"\(left)\" y1=\"\(height - margin)\" x2=\"\(width - margin)\" y2=\"\(height - margin)\" stroke=\"#ccc\"/>",
            "<line x1=\"\(left)\" y1=\"\(margin)\" x2=\"\(left)\" y2=\"\(height - margin)\" stroke=\"#ccc\"/>",
            "<text x=\"\(f(width / 2))\" y=\"\(f(height - 8))\" font-size=\"12\" text-anchor=\"middle\">\(Markdown.escape(axis.x))</text>",
            "<text x=\"\(left - 6)\" y=\"\(f(y(high) + 4))\" font-size=\"11\" text-anchor=\"end\">\(format.string(high))</text>",
            "<text x=\"\(left - 6)\" y=\"\(f(y(low) + 4))\" font-size=\"11\" text-anchor=\"end\">\(format.string(low))</text>",
        ]
        var decade = pow(10, floor(lo))
        while decade <= pow(10, hi) {
            if log10(decade) >= lo {
                svg.append(
                    "<text x=\"\(f(x(decade)))\" y=\"\(f(height - margin + 14))\" font-size=\"10\" text-anchor=\"middle\">\(ModelCard.count(Int64(decade)))</text>"
                )
            }
            decade *= 10
        }
        if front.count > 1 {
            let path = front.enumerated().map { "\($0 == 0 ? "M" : "L")\(f(x($1.speed))),\(f(y($1.score)))" }
            svg.append(
                "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"#d6452e\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
            )
        }
        for point in drawn {
            let onFront = front.contains(point)
            svg.append(
                "<circle cx=\"\(f(x(point.speed)))\" cy=\"\(f(y(point.score)))\" r=\"\(onFront ? 5 : 3.5)\" fill=\"\(onFront ? "#d6452e" : "#2457d6")\" class=\"\(onFront ? "front" : "point")\"><title>\(Markdown.escape(point.team))</title></circle>"
            )
            if onFront {
                svg.append(
                    "<text x=\"\(f(x(point.speed) + 7))\" y=\"\(f(y(point.score) - 7))\" font-size=\"11\">\(Markdown.escape(point.team))</text>"
                )
            }
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
