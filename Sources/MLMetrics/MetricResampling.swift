/// Metrics on bootstrap resamples: each metric as a function of sums over the rows, so a resample is scored
/// from per-bucket sums (see `Bootstrap`).
extension BuiltinMetric {
    /// The metric on each of `bootstrap`'s resamples of aligned truth and predictions (NaN where a
    /// resample leaves it undefined). Call it after `evaluate` succeeded on the same values: it assumes
    /// they are valid.
    public func resampled(
        truth: TruthValues, predicted: PredictedValues, context: MetricContext, bootstrap: Bootstrap
    ) -> [Double] {
        let buckets = bootstrap.bucketOfRow
        switch (truth, predicted) {
        case (.labels(let t), .labels(let p)):
            if self == .museRCExactMatch {
                return museRCExactMatch(truth: t, predicted: p, context: context, bootstrap: bootstrap)
            }
            if self == .accuracy {  // two sums, not three per class
                return rowMeans(bootstrap) { t[$0] == p[$0] ? 1 : 0 }
            }
            let width = 3 * context.classes.count
            var sums = [Double](repeating: 0, count: bootstrap.bucketCount * width)
            sums.withUnsafeMutableBufferPointer { sums in
                for row in t.indices {
                    let base = Int(buckets[row]) * width
                    let actual = Int(t[row])
                    let guess = Int(p[row])
                    sums[base + 3 * guess + 1] += 1
                    sums[base + 3 * actual + 2] += 1
                    if actual == guess { sums[base + 3 * actual] += 1 }
                }
            }
            return bootstrap.values(of: sums, width: width) { totals in
                try labelMetric(ClassTally(interleaved: totals), context)
            }
        case (.labels(let t), .positiveProbabilities(let p)):
            let positive = Int32(context.positiveCode ?? -1)
            let isPositive = t.map { $0 == positive }
            if self == .rocAUC { return WeightedAUC(truth: isPositive, scores: p).resampled(bootstrap) }
            return rowMeans(bootstrap) { row in
                let q = isPositive[row] ? p[row] : 1 - p[row]
                return -log(min(max(q, LogLoss.epsilon), 1 - LogLoss.epsilon))
            }
        case (.labels(let t), .classProbabilities(let columns)):
            if self == .rocAUCOneVsRest {
                let perClass = columns.indices.map { c in
                    WeightedAUC(truth: t.map { Int($0) == c }, scores: columns[c]).resampled(bootstrap)
                }
                return (0..<bootstrap.resamples).map { r in
                    perClass.reduce(0) { $0 + $1[r] } / Double(perClass.count)
                }
            }
            return rowMeans(bootstrap) { row in
                -log(min(max(columns[Int(t[row])][row], LogLoss.epsilon), 1 - LogLoss.epsilon))
            }
        case (.numbers(let t), .numbers(let p)):
            switch self {
            case .mae: return rowMeans(bootstrap) { abs(t[$0] - p[$0]) }
            case .rmse: return rowMeans(bootstrap) { (t[$0] - p[$0]) * (t[$0] - p[$0]) }.map { $0.squareRoot() }
            default: return r2(truth: t, predicted: p, bootstrap: bootstrap)
            }
        case (.answers(let golds), .answers(let answers)):
            return rowMeans(bootstrap) { answerValue(answers[$0], golds[$0], context.normalization) }
        default:
            return Array(repeating: .nan, count: bootstrap.resamples)
        }
    }

    /// The metric on the rows and on each of `bootstrap`'s resamples. Answer metrics, whose per-row
    /// values cost the most (normalising text), compute them once for both; the value is `evaluate`'s.
    public func evaluated(
        truth: TruthValues, predicted: PredictedValues, context: MetricContext, bootstrap: Bootstrap
    ) throws(MetricError) -> (value: Double, resamples: [Double]) {
        guard case (.answers(let golds), .answers(let answers)) = (truth, predicted),
            self == .exactMatch || self == .tokenF1, golds.count == answers.count, !golds.isEmpty
        else {
            let value = try evaluate(truth: truth, predicted: predicted, context: context)
            return (value, resampled(truth: truth, predicted: predicted, context: context, bootstrap: bootstrap))
        }
        let values = zip(answers, golds).map { answerValue($0, $1, context.normalization) }
        return (compensatedSum(values) / Double(values.count), rowMeans(bootstrap) { values[$0] })
    }

    /// One answer's exact match or token F1 (whichever this metric is) against its gold answers.
    private func answerValue(_ answer: String, _ golds: [String], _ normalization: AnswerNormalization) -> Double {
        self == .exactMatch
            ? AnswerMetrics.exactMatch(answer, golds: golds, normalization: normalization)
            : AnswerMetrics.tokenF1(answer, golds: golds, normalization: normalization)
    }

    /// The mean of a per-row value on each resample.
    private func rowMeans(_ bootstrap: Bootstrap, _ value: (Int) -> Double) -> [Double] {
        var sums = [Double](repeating: 0, count: bootstrap.bucketCount * 2)
        for (row, bucket) in bootstrap.bucketOfRow.enumerated() {
            sums[2 * Int(bucket)] += value(row)
            sums[2 * Int(bucket) + 1] += 1
        }
        return bootstrap.values(of: sums, width: 2, value: Self.mean)
    }

    /// A mean from a (sum, count) pair of totals.
    private static func mean(_ totals: ArraySlice<Double>) -> Double {
        let count = totals[totals.startIndex + 1]
        return count == 0 ? .nan : totals[totals.startIndex] / count
    }

    /// R² from sums of squared residuals, targets and squared targets (0 or 1 where the targets are
    /// constant, as `RegressionMetrics.r2`).
    private func r2(truth: [Double], predicted: [Double], bootstrap: Bootstrap) -> [Double] {
        // Targets are centred on their mean first, so the sums of squares do not cancel catastrophically.
        let centre = truth.reduce(0, +) / Double(truth.count)
        var sums = [Double](repeating: 0, count: bootstrap.bucketCount * 4)
        for (row, bucket) in bootstrap.bucketOfRow.enumerated() {
            let base = 4 * Int(bucket)
            let y = truth[row] - centre
            sums[base] += (truth[row] - predicted[row]) * (truth[row] - predicted[row])
            sums[base + 1] += y
            sums[base + 2] += y * y
            sums[base + 3] += 1
        }
        return bootstrap.values(of: sums, width: 4) { totals in
            let s = totals.startIndex
            let (residual, sum, squares, count) = (totals[s], totals[s + 1], totals[s + 2], totals[s + 3])
            guard count >= 2 else { return .nan }
            let variation = squares - sum * sum / count
            if variation <= 1e-12 * max(squares, 1) { return residual == 0 ? 1 : 0 }
            return 1 - residual / variation
        }
    }

    /// MuSeRC's EM per resample: questions are the units, each right when all its answers are.
    private func museRCExactMatch(truth: [Int32], predicted: [Int32], context: MetricContext, bootstrap: Bootstrap)
        -> [Double]
    {
        let positive = Int32(context.positiveCode ?? -1)
        let groups = context.groups ?? []
        var questions: [Int32: (bucket: Int32, right: Bool)] = [:]
        for row in truth.indices {
            let right = (truth[row] == positive) == (predicted[row] == positive)
            let seen = questions[groups[row]] ?? (bootstrap.bucketOfRow[row], true)
            questions[groups[row]] = (seen.bucket, seen.right && right)
        }
        var sums = [Double](repeating: 0, count: bootstrap.bucketCount * 2)
        for question in questions.values {
            sums[2 * Int(question.bucket)] += question.right ? 1 : 0
            sums[2 * Int(question.bucket) + 1] += 1
        }
        return bootstrap.values(of: sums, width: 2, value: Self.mean)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
