import MLMetrics

/// Scores validated predictions against an answer key, on the Public and the Private part separately.
public enum TaskScorer {
    /// Every metric of the key's spec on both parts; with `resamples` above 0, also the task's score on
    /// that many bootstrap resamples of each part, seeded by `seed` and the part's name (see `Bootstrap`).
    public static func score(_ predictions: PredictedValues, key: AnswerKey, resamples: Int = 0, seed: String = "")
        throws(ScoringError) -> TaskScore
    {
        var values: [Split: [Double]] = [:]
        var resampled: [Split: [Double]] = [:]
        for split in Split.allCases {
            var rows: [Int] = []
            rows.reserveCapacity(key.isPrivate.count { $0 == (split == .private) })  // no copies as it grows
            for row in key.isPrivate.indices where key.isPrivate[row] == (split == .private) { rows.append(row) }
            guard !rows.isEmpty else { continue }
            let truth = key.truth.subset(rows)
            let predicted = predictions.subset(rows)
            let context = MetricContext(
                classes: key.classes, positiveCode: key.positiveCode,
                groups: key.groups.map { g in rows.map { g[$0] } },
                normalization: key.spec.normalization)
            let bootstrap =
                resamples > 0
                ? BootstrapCache.shared.bootstrap(
                    resamples: resamples, seed: Bootstrap.seed("\(seed)/\(split.rawValue)"), rowCount: rows.count,
                    units: context.groups) : nil
            var splitValues: [Double] = []
            var perMetric: [[Double]] = []
            for metric in key.spec.metrics {
                do {
                    if let bootstrap {
                        let (value, metricResamples) = try metric.evaluated(
                            truth: truth, predicted: predicted, context: context, bootstrap: bootstrap)
                        splitValues.append(value)
                        perMetric.append(metricResamples)
                    } else {
                        splitValues.append(try metric.evaluate(truth: truth, predicted: predicted, context: context))
                    }
                } catch {
                    throw .undefinedMetric(metric: metric, split: split, error)
                }
            }
            values[split] = splitValues
            if let bootstrap {
                resampled[split] = (0..<bootstrap.resamples).map { r in
                    perMetric.reduce(0) { $0 + $1[r] } / Double(perMetric.count)
                }
            }
        }
        return TaskScore(
            metrics: key.spec.metrics, publicValues: values[.public], privateValues: values[.private],
            publicResamples: resampled[.public], privateResamples: resampled[.private])
    }
}
