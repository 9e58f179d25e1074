import Foundation
import MLMetrics

/// Several tasks at once, the way the Golden Transformer entry built its Russian SuperGLUE submission:
/// each model is a folder with `valid/<task>.csv` and `test/<task>.csv`, the validation labels are
/// `<labels>/<task>.csv`, and for every task the best single model on validation competes with a blend
/// of all the task's models (ensemble selection for scores and probabilities, a vote for labels); the
/// better one on validation writes `<out>/<task>.csv`.
public enum TaskEnsemble {
    /// What was chosen for one task.
    public struct TaskReport: Sendable {
        /// The task (file name without `.csv`).
        public let task: String
        /// The metric used.
        public let metric: BuiltinMetric
        /// Models that had both files for the task.
        public let models: [String]
        /// Each model's validation score.
        public let scores: [Double]
        /// The blend's validation score.
        public let blendScore: Double
        /// "best:<model>" or "blend".
        public let choice: String
        /// Blend weights per model (one 1 for a single model).
        public let weights: [Double]
    }

    /// Options for the whole run.
    public struct Options: Sendable {
        /// The metric per task; tasks not listed use `defaultMetric`.
        public var metrics: [String: BuiltinMetric] = [:]
        /// The metric of unlisted tasks.
        public var defaultMetric: BuiltinMetric = .accuracy
        /// Selection settings of the blends.
        public var selection = EnsembleSelection.Options()
        /// Write labels (argmax) instead of class probabilities.
        public var argmax = false
        /// Positive label of binary metrics on score files.
        public var positiveLabel = "1"
        /// The id column of every file.
        public var idColumn = "id"

        /// The defaults.
        public init() {}
    }

    /// Runs every task found in `labelsDirectory`; writes `<outDirectory>/<task>.csv` (atomically).
    public static func run(
        models: [String], labelsDirectory: String, outDirectory: String, options: Options = Options()
    ) throws(EnsembleError) -> [TaskReport] {
        let manager = FileManager.default
        guard let listing = try? manager.contentsOfDirectory(atPath: labelsDirectory) else {
            throw EnsembleError(file: labelsDirectory, "cannot list the labels folder")
        }
        let tasks = listing.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
        guard !tasks.isEmpty else { throw EnsembleError(file: labelsDirectory, "no <task>.csv files") }
        do {
            try manager.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
        } catch {
            throw EnsembleError(file: outDirectory, "cannot create the output folder")
        }
        var reports: [TaskReport] = []
        for task in tasks {
            let available = models.filter {
                manager.fileExists(atPath: "\($0)/valid/\(task).csv")
                    && manager.fileExists(atPath: "\($0)/test/\(task).csv")
            }
            guard !available.isEmpty else {
                throw EnsembleError("task \(task): no model folder has both valid/\(task).csv and test/\(task).csv")
            }
            reports.append(
                try runTask(
                    task, models: available, labelsPath: "\(labelsDirectory)/\(task).csv", outDirectory: outDirectory,
                    options: options))
        }
        return reports
    }

    private static func runTask(
        _ task: String, models: [String], labelsPath: String, outDirectory: String, options: Options
    ) throws(EnsembleError) -> TaskReport {
        let metric = options.metrics[task] ?? options.defaultMetric
        let labels = try LabelsFile.load(path: labelsPath, idColumn: options.idColumn)
        var validFiles: [PredictionFile] = []
        var test: [PredictionFile] = []
        for model in models {
            validFiles.append(try PredictionFile.load(path: "\(model)/valid/\(task).csv", idColumn: options.idColumn))
            test.append(try PredictionFile.load(path: "\(model)/test/\(task).csv", idColumn: options.idColumn))
        }
        let valid = try Alignment.align(validFiles, to: labels)
        let alignedTest = try Alignment.align(test)
        let names = models.map { URL(fileURLWithPath: $0).lastPathComponent }
        let output = "\(outDirectory)/\(task).csv"

        if case .labels = valid[0].values {
            let evaluation = try ModelEvaluation.evaluate(
                valid, labels: labels, metric: metric, positiveLabel: options.positiveLabel)
            let best = bestIndex(evaluation.scores, higherIsBetter: metric.higherIsBetter)
            let blendWins = models.count > 1 && isBetter(evaluation.blendScore, than: evaluation.scores[best], metric)
            let values = blendWins ? try HardVote.vote(alignedTest) : alignedTest[best].values
            try PredictionWriter.write(values, ids: alignedTest[0], to: output)
            return TaskReport(
                task: task, metric: metric, models: names, scores: evaluation.scores, blendScore: evaluation.blendScore,
                choice: blendWins ? "blend" : "best:\(names[best])",
                weights: blendWins
                    ? models.map { _ in 1 / Double(models.count) } : models.indices.map { $0 == best ? 1 : 0 })
        }

        let scorer = try BlendScorer(
            metric: metric, labels: labels, example: valid[0], positiveLabel: options.positiveLabel)
        var validColumns: [[[Double]]] = []
        for file in valid { validColumns.append(try ModelEvaluation.numericColumns(file)) }
        let selection = try EnsembleSelection.select(validColumns, scorer: scorer, options: options.selection)
        let best = bestIndex(selection.singleScores, higherIsBetter: metric.higherIsBetter)
        let blendWins = isBetter(selection.blendScore, than: selection.singleScores[best], metric)
        let weights = blendWins ? selection.weights : models.indices.map { $0 == best ? 1.0 : 0.0 }
        var testColumns: [[[Double]]] = []
        for file in alignedTest { testColumns.append(try ModelEvaluation.numericColumns(file)) }
        let blended = EnsembleSelection.weightedMean(testColumns, weights: weights)
        var values: PredictionFile.Values
        switch alignedTest[0].values {
        case .scores(let column, _): values = .scores(column: column, blended[0])
        case .probabilities(let classes, _): values = .probabilities(classes: classes, columns: blended)
        case .labels: fatalError("handled above")
        }
        if options.argmax, case .probabilities = values { values = try MeanBlend.argmax(values) }
        try PredictionWriter.write(values, ids: alignedTest[0], to: output)
        return TaskReport(
            task: task, metric: metric, models: names, scores: selection.singleScores, blendScore: selection.blendScore,
            choice: blendWins ? "blend" : "best:\(names[best])", weights: weights)
    }

    private static func bestIndex(_ scores: [Double], higherIsBetter: Bool) -> Int {
        scores.indices.reduce(0) { best, i in
            (higherIsBetter ? scores[i] > scores[best] : scores[i] < scores[best]) ? i : best
        }
    }

    private static func isBetter(_ a: Double, than b: Double, _ metric: BuiltinMetric) -> Bool {
        metric.higherIsBetter ? a > b : a < b
    }
}
