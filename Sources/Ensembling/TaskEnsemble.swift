import Foundation
import MLMetrics
import Scoring

/// Several tasks at once, the way the Golden Transformer entry built its Russian SuperGLUE submission:
/// each model is a folder with `valid/<file>` and `test/<file>` per task, the validation labels are
/// `<labels>/<file>`, and for every task the best single model on validation competes with a blend
/// of all the task's models (ensemble selection for scores and probabilities, a vote for labels); the
/// better one on validation writes `<out>/<file>`. A task's file is `<task>.csv` or `<task>.jsonl`, or
/// whatever name and format the competition declares (`Options.tasks`), matched whatever its case.
public enum TaskEnsemble {
    /// One task's files: their name in every folder, their format and id column, and the metric.
    public struct TaskFile: Sendable {
        /// The task's id.
        public var id: String
        /// The file's name (`RCB.jsonl`).
        public var file: String
        /// How it is written.
        public var format: TaskFormat
        /// The id column or field.
        public var idColumn: String
        /// The metric (nil: `Options.metrics` or `defaultMetric`).
        public var metric: BuiltinMetric?

        /// A task.
        public init(id: String, file: String, format: TaskFormat, idColumn: String, metric: BuiltinMetric? = nil) {
            self.id = id
            self.file = file
            self.format = format
            self.idColumn = idColumn
            self.metric = metric
        }
    }

    /// What was chosen for one task.
    public struct TaskReport: Sendable {
        /// The task.
        public let task: String
        /// Its file's name, as written.
        public let file: String
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
        /// The id column of every file (nil: `id` for CSV files, `idx` for JSON Lines).
        public var idColumn: String?
        /// The tasks, as a competition declares them (empty: every `<task>.csv` or `<task>.jsonl` of the
        /// labels folder).
        public var tasks: [TaskFile] = []

        /// The defaults.
        public init() {}
    }

    /// Runs every task (`Options.tasks`, or each file of `labelsDirectory`); writes `<outDirectory>/<file>`
    /// (atomically).
    public static func run(
        models: [String], labelsDirectory: String, outDirectory: String, options: Options = Options()
    ) throws(EnsembleError) -> [TaskReport] {
        let manager = FileManager.default
        guard let listing = try? manager.contentsOfDirectory(atPath: labelsDirectory) else {
            throw EnsembleError(file: labelsDirectory, "cannot list the labels folder")
        }
        var tasks = options.tasks
        if tasks.isEmpty {
            tasks = listing.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".jsonl") }.sorted().map { name in
                let format = TaskFormat.guess(name)
                return TaskFile(
                    id: String(name.prefix { $0 != "." }), file: name, format: format,
                    idColumn: options.idColumn ?? (format == .csv ? "id" : "idx"))
            }
        }
        guard !tasks.isEmpty else { throw EnsembleError(file: labelsDirectory, "no <task>.csv or <task>.jsonl files") }
        do {
            try manager.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
        } catch {
            throw EnsembleError(file: outDirectory, "cannot create the output folder")
        }
        var reports: [TaskReport] = []
        for task in tasks {
            guard let labels = find(task.file, in: labelsDirectory) else {
                throw EnsembleError(file: labelsDirectory, "task \(task.id): no validation labels \(task.file)")
            }
            let available = models.compactMap { model -> (String, valid: String, test: String)? in
                guard let valid = find(task.file, in: "\(model)/valid"), let test = find(task.file, in: "\(model)/test")
                else { return nil }
                return (model, valid, test)
            }
            guard !available.isEmpty else {
                throw EnsembleError(
                    "task \(task.id): no model folder has both valid/\(task.file) and test/\(task.file)")
            }
            reports.append(
                try runTask(task, models: available, labelsPath: labels, outDirectory: outDirectory, options: options))
        }
        return reports
    }

    /// The path of `name` in `folder`, matched whatever its case; nil when absent.
    static func find(_ name: String, in folder: String) -> String? {
        if FileManager.default.fileExists(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return listing.first { $0.lowercased() == name.lowercased() }.map { "\(folder)/\($0)" }
    }

    private static func runTask(
        _ task: TaskFile, models: [(String, valid: String, test: String)], labelsPath: String, outDirectory: String,
        options: Options
    ) throws(EnsembleError) -> TaskReport {
        let metric = task.metric ?? options.metrics[task.id] ?? options.defaultMetric
        let labels = try LabelsFile.load(path: labelsPath, idColumn: task.idColumn, format: task.format)
        var validFiles: [PredictionFile] = []
        var test: [PredictionFile] = []
        for (_, validPath, testPath) in models {
            validFiles.append(try PredictionFile.load(path: validPath, idColumn: task.idColumn, format: task.format))
            test.append(try PredictionFile.load(path: testPath, idColumn: task.idColumn, format: task.format))
        }
        let valid = try Alignment.align(validFiles, to: labels)
        let alignedTest = try Alignment.align(test)
        let names = models.map { URL(fileURLWithPath: $0.0).lastPathComponent }
        let output = "\(outDirectory)/\(task.file)"

        if case .labels = valid[0].values {
            let evaluation = try ModelEvaluation.evaluate(
                valid, labels: labels, metric: metric, positiveLabel: options.positiveLabel)
            let best = bestIndex(evaluation.scores, higherIsBetter: metric.higherIsBetter)
            let blendWins = models.count > 1 && isBetter(evaluation.blendScore, than: evaluation.scores[best], metric)
            let values = blendWins ? try HardVote.vote(alignedTest) : alignedTest[best].values
            try PredictionWriter.write(values, ids: alignedTest[0], to: output, format: task.format)
            return TaskReport(
                task: task.id, file: task.file, metric: metric, models: names, scores: evaluation.scores,
                blendScore: evaluation.blendScore, choice: blendWins ? "blend" : "best:\(names[best])",
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
        try PredictionWriter.write(values, ids: alignedTest[0], to: output, format: task.format)
        return TaskReport(
            task: task.id, file: task.file, metric: metric, models: names, scores: selection.singleScores,
            blendScore: selection.blendScore, choice: blendWins ? "blend" : "best:\(names[best])", weights: weights)
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
