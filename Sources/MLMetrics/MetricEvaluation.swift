/// True values, by kind, for `BuiltinMetric.evaluate`.
public enum TruthValues: Sendable {
    /// Class codes into `MetricContext.classes`.
    case labels([Int32])
    /// Numeric targets.
    case numbers([Double])
    /// Gold answers per row.
    case answers([[String]])

    /// The same values restricted to `rows`, in that order.
    public func subset(_ rows: [Int]) -> TruthValues {
        switch self {
        case .labels(let values): return .labels(rows.map { values[$0] })
        case .numbers(let values): return .numbers(rows.map { values[$0] })
        case .answers(let values): return .answers(rows.map { values[$0] })
        }
    }
}

/// Predicted values, by kind, aligned row for row with `TruthValues`.
public enum PredictedValues: Sendable {
    /// Class codes into `MetricContext.classes`.
    case labels([Int32])
    /// Binary: the positive class's probability (or score) per row.
    case positiveProbabilities([Double])
    /// One column per class, in `MetricContext.classes` order.
    case classProbabilities([[Double]])
    /// Numeric predictions.
    case numbers([Double])
    /// Free-text answers.
    case answers([String])

    /// The same values restricted to `rows`, in that order.
    public func subset(_ rows: [Int]) -> PredictedValues {
        switch self {
        case .labels(let values): return .labels(rows.map { values[$0] })
        case .positiveProbabilities(let values): return .positiveProbabilities(rows.map { values[$0] })
        case .classProbabilities(let columns): return .classProbabilities(columns.map { c in rows.map { c[$0] } })
        case .numbers(let values): return .numbers(rows.map { values[$0] })
        case .answers(let values): return .answers(rows.map { values[$0] })
        }
    }
}

/// What a metric needs besides the values.
public struct MetricContext: Sendable {
    /// The label set in code order (sorted by code point).
    public var classes: [String]
    /// The code of the positive label for binary metrics, if it is one of the classes.
    public var positiveCode: Int?
    /// Group codes per row (MuSeRC's question), for `muserc_em`.
    public var groups: [Int32]?
    /// Answer normalisation for `exact_match` and `token_f1`.
    public var normalization: AnswerNormalization

    /// Creates a context.
    public init(
        classes: [String] = [], positiveCode: Int? = nil, groups: [Int32]? = nil,
        normalization: AnswerNormalization = .squad
    ) {
        self.classes = classes
        self.positiveCode = positiveCode
        self.groups = groups
        self.normalization = normalization
    }
}

extension BuiltinMetric {
    /// The metric's value for aligned truth and predictions of the kinds its `input` names.
    public func evaluate(truth: TruthValues, predicted: PredictedValues, context: MetricContext) throws(MetricError)
        -> Double
    {
        switch (truth, predicted) {
        case (.labels(let t), .labels(let p)):
            if self == .museRCExactMatch {
                let positive = Int32(context.positiveCode ?? -1)
                return try RussianSuperGLUE.museRC(
                    truth: t.map { $0 == positive }, predicted: p.map { $0 == positive }, groups: context.groups ?? []
                ).exactMatch
            }
            return try labelMetric(
                ConfusionMatrix(truth: t, predicted: p, classCount: context.classes.count).tally, context)
        case (.labels(let t), .positiveProbabilities(let p)):
            let positive = Int32(context.positiveCode ?? -1)
            let isPositive = t.map { $0 == positive }
            if self == .logLoss {
                return try LogLoss.binary(truth: isPositive, probabilities: p, bothClassesKnown: true)
            }
            if self == .rocAUC { return try RankingMetrics.rocAUC(truth: isPositive, scores: p) }
        case (.labels(let t), .classProbabilities(let columns)):
            if self == .logLoss { return try LogLoss.multiclass(truth: t, probabilities: columns) }
            if self == .rocAUCOneVsRest {
                return try RankingMetrics.rocAUCOneVsRest(truth: t, probabilities: columns, classNames: context.classes)
            }
        case (.numbers(let t), .numbers(let p)):
            switch self {
            case .rmse: return try RegressionMetrics.rootMeanSquaredError(truth: t, predicted: p)
            case .mae: return try RegressionMetrics.meanAbsoluteError(truth: t, predicted: p)
            case .r2: return try RegressionMetrics.r2(truth: t, predicted: p)
            default: break
            }
        case (.answers(let golds), .answers(let answers)):
            if self == .exactMatch {
                return try AnswerMetrics.meanExactMatch(
                    predictions: answers, golds: golds, normalization: context.normalization)
            }
            if self == .tokenF1 {
                return try AnswerMetrics.meanTokenF1(
                    predictions: answers, golds: golds, normalization: context.normalization)
            }
        default: break
        }
        throw .invalidValue("\(rawValue) cannot score these values; it reads \(input.rawValue)")
    }

    func labelMetric(_ matrix: ClassTally, _ context: MetricContext) throws(MetricError) -> Double {
        let binary = Averaging.binary(positive: context.positiveCode)
        switch self {
        case .accuracy: return matrix.accuracy
        case .balancedAccuracy: return matrix.balancedAccuracy
        case .precision: return try matrix.precision(binary)
        case .recall: return try matrix.recall(binary)
        case .f1: return try matrix.f1(binary)
        case .precisionMacro: return try matrix.precision(.macro)
        case .recallMacro: return try matrix.recall(.macro)
        case .f1Macro: return try matrix.f1(.macro)
        case .f1Micro: return try matrix.f1(.micro)
        case .f1Weighted: return try matrix.f1(.weighted)
        case .mcc: return matrix.matthewsCorrelation
        default: throw .invalidValue("\(rawValue) does not read labels")
        }
    }
}
