import Competitions
import Foundation

/// An SVG line chart, drawn on the server, of each top team's best public score over time.
enum ScoreChart {
    static let colours = ["#2457d6", "#d6452e", "#1a7f37", "#8a3ffc", "#b8860b"]

    /// The chart for `history` (time-ordered scores), or nil when there is nothing to draw.
    static func svg(
        history: [(team: String, at: Date, score: Double)], teams: [String], higherIsBetter: Bool,
        format: ScoreFormat = .standard
    ) -> String? {
        let series: [(String, [(Date, Double)])] = teams.prefix(5).compactMap { team in
            var best: Double?
            var points: [(Date, Double)] = []
            for entry in history where entry.team == team {
                if best == nil || (higherIsBetter ? entry.score > best! : entry.score < best!) { best = entry.score }
                points.append((entry.at, best!))
            }
            return points.isEmpty ? nil : (team, points)
        }
        let all = series.flatMap(\.1)
        guard let first = all.map(\.0).min(), let last = all.map(\.0).max(), let low = all.map(\.1).min(),
            let high = all.map(\.1).max()
        else { return nil }
        let (width, height, margin, left) = (640.0, 260.0, 40.0, 64.0)
        let span = max(last.timeIntervalSince(first), 1)
        let range = max(high - low, 1e-9)
        func x(_ date: Date) -> Double { left + (width - left - margin) * date.timeIntervalSince(first) / span }
        func y(_ value: Double) -> Double { height - margin - (height - 2 * margin) * (value - low) / range }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"best score over time\">",
            "<line x1=\"\(left)\" y1=\"\(height - margin)\" x2=\"\(width - margin)\" y2=\"\(height - margin)\" stroke=\"#ccc\"/>",
            "<text x=\"\(left - 6)\" y=\"\(y(high) + 4)\" font-size=\"11\" text-anchor=\"end\">\(format.string(high))</text>",
            "<text x=\"\(left - 6)\" y=\"\(y(low) + 4)\" font-size=\"11\" text-anchor=\"end\">\(format.string(low))</text>",
        ]
        for (index, (team, points)) in series.enumerated() {
            let colour = colours[index % colours.count]
            var path = points.enumerated().map { i, p in
                "\(i == 0 ? "M" : "L")\(String(format: "%.1f", x(p.0))),\(String(format: "%.1f", y(p.1)))"
            }
            path.append("L\(String(format: "%.1f", width - margin)),\(String(format: "%.1f", y(points.last!.1)))")
            svg.append(
                "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>")
            svg.append(
                "<text x=\"\(width - margin + 4 - 100)\" y=\"\(16 + 14 * index)\" font-size=\"12\" fill=\"\(colour)\">\(Markdown.escape(team))</text>"
            )
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
