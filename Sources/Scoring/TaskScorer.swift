import MLMetrics

/// Scores validated predictions against an answer key, on the Public and the Private part separately, and on
/// each slice of the key's rows when it has slices.
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
            do {
                let scored = try score(
                    predictions, key: key, rows: rows, resamples: resamples, seed: "\(seed)/\(split.rawValue)")
                values[split] = scored.values
                resampled[split] = scored.resamples
            } catch let failure {
                throw .undefinedMetric(metric: failure.metric, split: split, failure.error)
            }
        }
        return TaskScore(
            metrics: key.spec.metrics, publicValues: values[.public], privateValues: values[.private],
            publicResamples: resampled[.public], privateResamples: resampled[.private],
            slices: slices(predictions, key: key, resamples: resamples, seed: seed))
    }

    /// The task's score on each slice of the key (both parts: a slice is scored on all its rows), resampled
    /// within the slice's rows with a seed of its own, the same for every submission, so that two submissions'
    /// slice resamples are paired as their parts' are.
    static func slices(_ predictions: PredictedValues, key: AnswerKey, resamples: Int, seed: String) -> [SliceScore] {
        guard let slices = key.slices else { return [] }
        return zip(slices.names, slices.rows).map { name, rows in
            let scored = try? score(
                predictions, key: key, rows: rows, resamples: resamples, seed: "\(seed)/slice/\(name)")
            return SliceScore(
                name: name, rows: rows.count, score: scored.map { $0.values.reduce(0, +) / Double($0.values.count) },
                resamples: scored?.resamples)
        }
    }

    /// A metric that is undefined on the rows scored.
    struct UndefinedMetric: Error {
        let metric: BuiltinMetric
        let error: MetricError
    }

    /// Every metric of the key's spec on `rows`, and the mean of the metrics on each resample of those rows.
    static func score(_ predictions: PredictedValues, key: AnswerKey, rows: [Int], resamples: Int, seed: String)
        throws(UndefinedMetric) -> (values: [Double], resamples: [Double]?)
    {
        let truth = key.truth.subset(rows)
        let predicted = predictions.subset(rows)
        let context = MetricContext(
            classes: key.classes, positiveCode: key.positiveCode, groups: key.groups.map { g in rows.map { g[$0] } },
            normalization: key.spec.normalization)
        let bootstrap =
            resamples > 0
            ? BootstrapCache.shared.bootstrap(
                resamples: resamples, seed: Bootstrap.seed(seed), rowCount: rows.count, units: context.groups) : nil
        var values: [Double] = []
        var perMetric: [[Double]] = []
        for metric in key.spec.metrics {
            do {
                if let bootstrap {
                    let (value, metricResamples) = try metric.evaluated(
                        truth: truth, predicted: predicted, context: context, bootstrap: bootstrap)
                    values.append(value)
                    perMetric.append(metricResamples)
                } else {
                    values.append(try metric.evaluate(truth: truth, predicted: predicted, context: context))
                }
            } catch {
                throw UndefinedMetric(metric: metric, error: error)
            }
        }
        let resampled = bootstrap.map { bootstrap in
            (0..<bootstrap.resamples).map { r in perMetric.reduce(0) { $0 + $1[r] } / Double(perMetric.count) }
        }
        return (values, resampled)
    }
}
