import Metrics

/// Scores validated predictions against an answer key, on the Public and the Private part separately.
public enum TaskScorer {
    /// Every metric of the key's spec on both parts.
    public static func score(_ predictions: Predictions, key: AnswerKey) throws(ScoringError) -> TaskScore {
        var values: [Split: [Double]] = [:]
        for split in Split.allCases {
            let rows = key.isPrivate.indices.filter { key.isPrivate[$0] == (split == .private) }
            guard !rows.isEmpty else { continue }
            var splitValues: [Double] = []
            for metric in key.spec.metrics {
                do {
                    splitValues.append(try evaluate(metric, predictions, key: key, rows: rows))
                } catch {
                    throw .undefinedMetric(metric: metric, split: split, error)
                }
            }
            values[split] = splitValues
        }
        return TaskScore(metrics: key.spec.metrics, publicValues: values[.public], privateValues: values[.private])
    }

    /// One metric over the key rows `rows`.
    public static func evaluate(
        _ metric: BuiltinMetric, _ predictions: Predictions, key: AnswerKey, rows: [Int]
    ) throws(MetricError) -> Double {
        switch (key.truth, predictions) {
        case (.labels(let truth), .labels(let predicted)):
            let t = rows.map { truth[$0] }
            let p = rows.map { predicted[$0] }
            if metric == .museRCExactMatch {
                let positive = Int32(key.positiveCode ?? -1)
                let groups = key.groups.map { g in rows.map { g[$0] } } ?? []
                return try RussianSuperGLUE.museRC(
                    truth: t.map { $0 == positive }, predicted: p.map { $0 == positive }, groups: groups
                ).exactMatch
            }
            return try labelMetric(metric, ConfusionMatrix(truth: t, predicted: p, classCount: key.classes.count), key)
        case (.labels(let truth), .positiveProbabilities(let probabilities)):
            let positive = Int32(key.positiveCode ?? -1)
            let t = rows.map { truth[$0] == positive }
            let p = rows.map { probabilities[$0] }
            if metric == .logLoss { return try LogLoss.binary(truth: t, probabilities: p, bothClassesKnown: true) }
            return try RankingMetrics.rocAUC(truth: t, scores: p)
        case (.labels(let truth), .classProbabilities(let columns)):
            let t = rows.map { truth[$0] }
            let p = columns.map { column in rows.map { column[$0] } }
            if metric == .logLoss { return try LogLoss.multiclass(truth: t, probabilities: p) }
            return try RankingMetrics.rocAUCOneVsRest(truth: t, probabilities: p, classNames: key.classes)
        case (.numbers(let truth), .numbers(let predicted)):
            let t = rows.map { truth[$0] }
            let p = rows.map { predicted[$0] }
            switch metric {
            case .rmse: return try RegressionMetrics.rootMeanSquaredError(truth: t, predicted: p)
            case .mae: return try RegressionMetrics.meanAbsoluteError(truth: t, predicted: p)
            default: return try RegressionMetrics.r2(truth: t, predicted: p)
            }
        case (.answers(let golds), .answers(let answers)):
            let g = rows.map { golds[$0] }
            let a = rows.map { answers[$0] }
            let normalization = key.spec.normalization
            if metric == .exactMatch {
                return try AnswerMetrics.meanExactMatch(predictions: a, golds: g, normalization: normalization)
            }
            return try AnswerMetrics.meanTokenF1(predictions: a, golds: g, normalization: normalization)
        default:
            throw .invalidValue("\(metric.rawValue) cannot read this submission shape")
        }
    }

    private static func labelMetric(_ metric: BuiltinMetric, _ matrix: ConfusionMatrix, _ key: AnswerKey)
        throws(MetricError) -> Double
    {
        let binary = Averaging.binary(positive: key.positiveCode)
        switch metric {
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
        default: throw .invalidValue("\(metric.rawValue) does not read labels")
        }
    }
}
