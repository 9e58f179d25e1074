import ArgumentParser
import Ensembling
import MLMetrics

extension Ensemble {
    /// `ensemble select`.
    struct Select: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Caruana et al. (2004) ensemble selection with replacement on validation predictions.",
            discussion: """
                Starts from the --init best single models, then each round adds the model whose addition makes \
                the running unweighted mean score best on the validation labels (a tie goes to a model already \
                selected, then to the lowest index). Weights = selection counts / total; --bags B averages the \
                weights of B runs on random half-subsets of the models. Writes the weighted test blend.
                """)

        @Option(parsing: .upToNextOption, help: "Each model's validation predictions (scores or class probabilities).")
        var valid: [String]

        @Option(help: "The validation rows' true values (id and one target column).")
        var labels: String

        @Option(parsing: .upToNextOption, help: "The same models' test predictions, in the same order as --valid.")
        var test: [String]

        @Option(help: "The metric to optimise (a podium score name).")
        var metric: BuiltinMetric

        @Option(name: .shortAndLong, help: "Where to write the test blend.")
        var output: String

        @Option(help: "Rounds of selection (default: 50).")
        var rounds = 50

        @Option(name: .customLong("init"), help: "Start from this many best single models (default: 0).")
        var initial = 0

        @Option(help: "Bag over this many random half-subsets of the models (default: 0, no bagging).")
        var bags = 0

        @Option(help: "Seed of the bags (default: 0).")
        var seed: UInt64 = 0

        @Option(help: "The positive label for binary metrics on score files (default: 1).")
        var positiveLabel = "1"

        @OptionGroup var common: CommonOptions

        func validate() throws {
            if valid.count != test.count {
                throw ValidationError(
                    "--valid and --test need one file per model each (\(valid.count) and \(test.count))")
            }
            if valid.isEmpty { throw ValidationError("select needs at least one model") }
        }

        func run() throws {
            try reporting(json: common.json) { () throws(EnsembleError) in
                let labelsFile = try LabelsFile.load(path: labels, idColumn: common.idColumn)
                let validFiles = try Alignment.align(
                    try loadAll(valid, idColumn: common.idColumn, indexFirst: false), to: labelsFile)
                let testFiles = try Alignment.align(try loadAll(test, idColumn: common.idColumn))
                let scorer = try BlendScorer(
                    metric: metric, labels: labelsFile, example: validFiles[0], positiveLabel: positiveLabel)
                var options = EnsembleSelection.Options()
                options.rounds = rounds
                options.initial = initial
                options.bags = bags
                options.seed = seed
                var validColumns: [[[Double]]] = []
                for file in validFiles { validColumns.append(try ModelEvaluation.numericColumns(file)) }
                let result = try EnsembleSelection.select(validColumns, scorer: scorer, options: options)
                var testColumns: [[[Double]]] = []
                for file in testFiles { testColumns.append(try ModelEvaluation.numericColumns(file)) }
                let blend = EnsembleSelection.weightedMean(testColumns, weights: result.weights)
                let values: PredictionFile.Values
                switch testFiles[0].values {
                case .scores(let column, _): values = .scores(column: column, blend[0])
                case .probabilities(let classes, _): values = .probabilities(classes: classes, columns: blend)
                case .labels: throw EnsembleError(file: test[0], line: 1, "select needs scores or class probabilities")
                }
                try PredictionWriter.write(values, ids: testFiles[0], to: output)
                if common.json {
                    Report.json(
                        SelectReport(
                            output: output, metric: metric.rawValue,
                            weights: Dictionary(uniqueKeysWithValues: zip(valid, result.weights)),
                            singleScores: Dictionary(uniqueKeysWithValues: zip(valid, result.singleScores)),
                            blendScore: result.blendScore,
                            trajectories: result.trajectories.map {
                                $0.map { .init(model: valid[$0.model], score: $0.score) }
                            }))
                } else {
                    var lines = [
                        "\(metric.rawValue) (\(metric.higherIsBetter ? "higher" : "lower") is better) on \(labels)"
                    ]
                    for (index, path) in valid.enumerated() {
                        lines.append(
                            "  \(path): alone \(Report.number(result.singleScores[index])), weight \(Report.number(result.weights[index]))"
                        )
                    }
                    if let trajectory = result.trajectories.first {
                        lines.append(
                            "  trajectory: " + trajectory.map { Report.number($0.score) }.joined(separator: " "))
                    }
                    lines.append("  blend \(Report.number(result.blendScore)); test blend written to \(output)")
                    Report.human(lines)
                }
            }
        }
    }
}
