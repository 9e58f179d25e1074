import MLMetrics

/// Scores validated predictions against an answer key, on the Public and the Private part separately.
public enum TaskScorer {
    /// Every metric of the key's spec on both parts.
    public static func score(_ predictions: PredictedValues, key: AnswerKey) throws(ScoringError) -> TaskScore {
        var values: [Split: [Double]] = [:]
        for split in Split.allCases {
            let rows = key.isPrivate.indices.filter { key.isPrivate[$0] == (split == .private) }
            guard !rows.isEmpty else { continue }
            let truth = key.truth.subset(rows)
            let predicted = predictions.subset(rows)
            let context = MetricContext(
                classes: key.classes, positiveCode: key.positiveCode,
                groups: key.groups.map { g in rows.map { g[$0] } },
                normalization: key.spec.normalization)
            var splitValues: [Double] = []
            for metric in key.spec.metrics {
                do {
                    splitValues.append(try metric.evaluate(truth: truth, predicted: predicted, context: context))
                } catch {
                    throw .undefinedMetric(metric: metric, split: split, error)
                }
            }
            values[split] = splitValues
        }
        return TaskScore(metrics: key.spec.metrics, publicValues: values[.public], privateValues: values[.private])
    }
}
