import ArgumentParser
import Ensembling
import Foundation
import MLMetrics

extension Ensemble {
    /// `ensemble evaluate`.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which models are worth blending: scores, the plain blend, the oracle, pairwise similarity.",
            discussion: """
                For each file its score; the score of the plain mean (scores, probabilities) or vote (labels); \
                the oracle, the share of rows at least one model gets right; and the pairwise correlation \
                (scores, probabilities) or disagreement (labels). Low correlation and a high oracle mean a \
                blend has room to help.
                """)

        @Option(help: "The true values (id and one target column).")
        var labels: String

        @Argument(help: "Prediction files of one shape.")
        var files: [String]

        @Option(help: "The metric (default: accuracy).")
        var metric: BuiltinMetric = .accuracy

        @Option(help: "The positive label for binary metrics on score files (default: 1).")
        var positiveLabel = "1"

        @OptionGroup var common: CommonOptions

        func run() throws {
            try reporting(json: common.json) { () throws(EnsembleError) in
                let labelsFile = try LabelsFile.load(path: labels, idColumn: common.idColumn)
                let aligned = try Alignment.align(
                    try loadAll(files, idColumn: common.idColumn, indexFirst: false), to: labelsFile)
                let result = try ModelEvaluation.evaluate(
                    aligned, labels: labelsFile, metric: metric, positiveLabel: positiveLabel)
                if common.json {
                    Report.json(
                        EvaluateReport(
                            metric: metric.rawValue,
                            scores: Dictionary(uniqueKeysWithValues: zip(files, result.scores)),
                            blend: result.blendScore, oracle: result.oracle, pairwiseKind: result.pairwiseKind,
                            pairwise: result.pairwise.map { $0.map { $0.isNaN ? nil : $0 } }, files: files))
                } else {
                    var lines = [
                        "\(metric.rawValue) (\(metric.higherIsBetter ? "higher" : "lower") is better) on \(labels)"
                    ]
                    for (index, path) in files.enumerated() {
                        lines.append("  [\(index + 1)] \(path)  \(Report.number(result.scores[index]))")
                    }
                    lines.append(
                        "  plain \(aligned.first.map { if case .labels = $0.values { "vote" } else { "mean" } } ?? "")  \(Report.number(result.blendScore))"
                    )
                    if let oracle = result.oracle {
                        lines.append("  oracle (some model right)  \(Report.number(oracle))")
                    }
                    lines.append("  \(result.pairwiseKind):")
                    for (index, row) in result.pairwise.enumerated() {
                        lines.append("    [\(index + 1)] " + row.map { Report.number($0) }.joined(separator: "  "))
                    }
                    Report.human(lines)
                }
            }
        }
    }
}
