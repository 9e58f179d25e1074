import MLMetrics
import Tabular

/// Scores blended predictions (one score column, or class-probability columns in file order) against
/// validation labels with one metric. Label metrics see the argmax class (ties to the first class in
/// header order) or, for a score column, the positive label where the score is at least 0.5.
public struct BlendScorer: Sendable {
    /// The metric.
    public let metric: BuiltinMetric
    private let truth: TruthValues
    private let context: MetricContext
    /// For class probabilities: file column → index in the sorted classes.
    private let columnOrder: [Int]?
    private let negativeCode: Int32

    /// Prepares to score predictions shaped like `example` (already aligned to `labels`).
    public init(metric: BuiltinMetric, labels: LabelsFile, example: PredictionFile, positiveLabel: String = "1")
        throws(EnsembleError)
    {
        self.metric = metric
        if metric.input == .answers {
            throw EnsembleError("\(metric.rawValue) scores text answers; ensembles blend numbers")
        }
        if metric.input == .numbers {
            truth = .numbers(try labels.numbers())
            context = MetricContext()
            columnOrder = nil
            negativeCode = 0
            return
        }
        var classes: [String]
        switch example.values {
        case .probabilities(let fileClasses, _): classes = fileClasses
        case .scores, .labels: classes = labels.labels.names
        }
        classes.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let coding = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
        var codes: [Int32] = []
        for row in 0..<labels.ids.count {
            guard let code = coding[labels.labels[row]] else {
                throw EnsembleError(
                    file: labels.source, line: Int(labels.lines[row]), column: labels.column,
                    "\"\(labels.labels[row])\" is not one of the predicted classes \(classes.joined(separator: ", "))")
            }
            codes.append(code)
        }
        truth = .labels(codes)
        let positive = classes.firstIndex(of: positiveLabel)
        if case .scores = example.values {
            guard classes.count <= 2, positive != nil || classes.count < 2 else {
                throw EnsembleError(
                    file: example.source,
                    "a score file predicts one class; the labels have \(classes.joined(separator: ", ")) (set --positive-label)"
                )
            }
        }
        if [.precision, .recall, .f1, .rocAUC].contains(metric) && positive == nil {
            throw EnsembleError(
                "\(metric.rawValue) needs the positive label: set --positive-label to one of \(classes.joined(separator: ", "))"
            )
        }
        context = MetricContext(classes: classes, positiveCode: positive)
        negativeCode = Int32(classes.indices.first { $0 != positive } ?? 0)
        if case .probabilities(let fileClasses, _) = example.values {
            columnOrder = fileClasses.map { Int(coding[$0]!) }
        } else {
            columnOrder = nil
        }
    }

    /// The metric's value for `columns` (`[column][row]`, in the example file's column order).
    public func score(_ columns: [[Double]]) throws(EnsembleError) -> Double {
        do {
            return try metric.evaluate(truth: truth, predicted: predicted(columns), context: context)
        } catch {
            throw EnsembleError("\(metric.rawValue): \(error)")
        }
    }

    /// The metric's value for label codes in the sorted class order.
    public func score(labelCodes: [Int32]) throws(EnsembleError) -> Double {
        do {
            return try metric.evaluate(truth: truth, predicted: .labels(labelCodes), context: context)
        } catch {
            throw EnsembleError("\(metric.rawValue): \(error)")
        }
    }

    /// True values as sorted-class codes (nil for regression).
    public var truthCodes: [Int32]? {
        if case .labels(let codes) = truth { return codes }
        return nil
    }

    /// The sorted classes.
    public var classes: [String] { context.classes }

    /// Predicted class codes (argmax or threshold) for `columns`.
    public func predictedCodes(_ columns: [[Double]]) -> [Int32] {
        if let columnOrder {
            return (0..<columns[0].count).map { row in
                var best = 0
                for column in 1..<columns.count where columns[column][row] > columns[best][row] { best = column }
                return Int32(columnOrder[best])
            }
        }
        let positive = Int32(context.positiveCode ?? 0)
        return columns[0].map { $0 >= 0.5 ? positive : negativeCode }
    }

    private func predicted(_ columns: [[Double]]) -> PredictedValues {
        switch metric.input {
        case .labels: return .labels(predictedCodes(columns))
        case .numbers: return .numbers(columns[0])
        default:
            guard let columnOrder else { return .positiveProbabilities(columns[0]) }
            var sorted = columns
            for (column, target) in columnOrder.enumerated() { sorted[target] = columns[column] }
            if metric == .rocAUC, sorted.count == 2, let positive = context.positiveCode {
                return .positiveProbabilities(sorted[positive])
            }
            return .classProbabilities(sorted)
        }
    }
}
