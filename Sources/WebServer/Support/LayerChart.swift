import Competitions
import Foundation

/// An SVG line chart, drawn on the server, of one probing task's score against the layer, one line per entry (the
/// top teams and the baselines), RuSentEval's figures: where in a model the task's information lives.
enum LayerChart {
    /// One entry's line.
    struct Line: Equatable {
        let team: String
        /// The score from each layer (nil where undefined).
        let scores: [Double?]
        /// The layer the board takes.
        let chosen: Int
        let baseline: Bool
    }

    /// The palette the lines take in turn (baselines' lines are dashed).
    static let colours = ["#2457d6", "#d6452e", "#1b9e5a", "#8a3fd1", "#d18b00", "#0f8c9c"]

    /// The chart of `lines`, or nil when no line has two defined points.
    static func svg(_ lines: [Line], format: ScoreFormat, axis: (x: String, y: String)) -> String? {
        let drawn = lines.filter { $0.scores.compactMap { $0 }.count >= 1 }
        let values = drawn.flatMap { $0.scores.compactMap { $0 } }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max(), let layers = drawn.map(\.scores.count).max(),
            layers >= 2
        else { return nil }
        let (width, height, margin, left, legend) = (640.0, 300.0, 40.0, 64.0, 150.0)
        let range = max(high - low, 1e-9)
        func x(_ layer: Int) -> Double { left + (width - left - legend) * Double(layer) / Double(layers - 1) }
        func y(_ score: Double) -> Double { height - margin - (height - 2 * margin) * (score - low) / range }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Markdown.escape(axis.y)) against \(Markdown.escape(axis.x))\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>",
            "<line x1=\"\(left)\" y1=\"\(height - margin)\" x2=\"\(f(x(layers - 1)))\" y2=\"\(height - margin)\" stroke=\"#ccc\"/>",
            "<line x1=\"\(left)\" y1=\"\(margin)\" x2=\"\(left)\" y2=\"\(height - margin)\" stroke=\"#ccc\"/>",
            "<text x=\"\(f((left + x(layers - 1)) / 2))\" y=\"\(f(height - 8))\" font-size=\"12\" text-anchor=\"middle\">\(Markdown.escape(axis.x))</text>",
            "<text x=\"\(left - 6)\" y=\"\(f(y(high) + 4))\" font-size=\"11\" text-anchor=\"end\">\(format.string(high))</text>",
            "<text x=\"\(left - 6)\" y=\"\(f(y(low) + 4))\" font-size=\"11\" text-anchor=\"end\">\(format.string(low))</text>",
        ]
        let step = max(1, layers / 12)
        for layer in stride(from: 0, to: layers, by: step) {
            svg.append(
                "<text x=\"\(f(x(layer)))\" y=\"\(f(height - margin + 14))\" font-size=\"10\" text-anchor=\"middle\">\(layer)</text>"
            )
        }
        for (index, line) in drawn.enumerated() {
            let stroke = colours[index % colours.count]
            let points = line.scores.enumerated().compactMap { layer, score in
                score.map { "\(f(x(layer))),\(f(y($0)))" }
            }
            let dash = line.baseline ? " stroke-dasharray=\"4 3\"" : ""
            svg.append(
                "<polyline class=\"layer-line\" points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\"\(dash)><title>\(Markdown.escape(line.team))</title></polyline>"
            )
            if line.scores.indices.contains(line.chosen), let score = line.scores[line.chosen] {
                svg.append(
                    "<circle cx=\"\(f(x(line.chosen)))\" cy=\"\(f(y(score)))\" r=\"4\" fill=\"\(stroke)\"><title>\(Markdown.escape(line.team)): \(format.string(score)) [\(line.chosen)]</title></circle>"
                )
            }
            let labelY = margin + 16 * Double(index)
            svg.append(
                "<line x1=\"\(f(width - legend + 16))\" y1=\"\(f(labelY - 4))\" x2=\"\(f(width - legend + 36))\" y2=\"\(f(labelY - 4))\" stroke=\"\(stroke)\" stroke-width=\"2\"\(dash)/>"
            )
            svg.append(
                "<text x=\"\(f(width - legend + 42))\" y=\"\(f(labelY))\" font-size=\"11\">\(Markdown.escape(line.team))</text>"
            )
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}
