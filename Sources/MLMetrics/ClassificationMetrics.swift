/// Label metrics over per-class counts, each matching scikit-learn 1.9 with its defaults.
extension ClassTally {
    /// `sklearn.metrics.accuracy_score`: the share of rows predicted right.
    public var accuracy: Double { hits.reduce(0, +) / total }

    /// `sklearn.metrics.balanced_accuracy_score` (adjusted=False): the mean recall over the classes that
    /// occur in the truth; classes only predicted are left out, as scikit-learn does (with its warning).
    public var balancedAccuracy: Double {
        let recalls = (0..<classCount).compactMap { c -> Double? in actual[c] > 0 ? hits[c] / actual[c] : nil }
        return recalls.reduce(0, +) / Double(recalls.count)
    }

    /// `precision_score` with `average` and zero_division=0: tp / (tp + fp), 0 where nothing was predicted.
    public func precision(_ average: Averaging) throws(MetricError) -> Double {
        try averaged(average) { tp, predicted, _ in (tp, predicted) }
    }

    /// `recall_score` with `average` and zero_division=0: tp / (tp + fn), 0 where the class never occurs.
    public func recall(_ average: Averaging) throws(MetricError) -> Double {
        try averaged(average) { tp, _, actual in (tp, actual) }
    }

    /// `f1_score` with `average` and zero_division=0: 2·tp / (2·tp + fp + fn), scikit-learn's form since
    /// 1.3, which is 0 (not NaN) when a class has no true and no predicted rows.
    public func f1(_ average: Averaging) throws(MetricError) -> Double {
        try averaged(average) { tp, predicted, actual in (2 * tp, actual + predicted) }
    }

    /// `matthews_corrcoef`, binary and multiclass (the K-category correlation), computed in doubles as
    /// scikit-learn does; 0 when the truth or the predictions hold a single class.
    public var matthewsCorrelation: Double {
        let correct = hits.reduce(0, +)
        let samples = predicted.reduce(0, +)
        let dotTP = zip(actual, predicted).reduce(0) { $0 + $1.0 * $1.1 }
        let covariance = correct * samples - dotTP
        let predictedVariance = samples * samples - predicted.reduce(0) { $0 + $1 * $1 }
        let trueVariance = samples * samples - actual.reduce(0) { $0 + $1 * $1 }
        let product = predictedVariance * trueVariance
        return product == 0 ? 0 : covariance / product.squareRoot()
    }

    /// Applies scikit-learn's averaging to a per-class ratio built from (tp, predicted, actual) counts.
    private func averaged(
        _ average: Averaging, ratio: (_ tp: Double, _ predicted: Double, _ actual: Double) -> (Double, Double)
    ) throws(MetricError) -> Double {
        func divide(_ pair: (Double, Double)) -> Double { pair.1 == 0 ? 0 : pair.0 / pair.1 }
        func classRatio(_ c: Int) -> Double { divide(ratio(hits[c], predicted[c], actual[c])) }
        let present = presentClasses
        switch average {
        case .binary(let positive):
            guard present.count <= 2 else {
                throw .notBinary("binary averaging needs at most two labels, found \(present.count)")
            }
            guard let positive, present.contains(positive) else {
                // scikit-learn: a positive label that is absent is an error once two labels are present,
                // and otherwise scores 0 (zero_division=0).
                if present.count == 2 {
                    throw .notBinary("the positive label is not one of the two labels present")
                }
                return 0
            }
            return classRatio(positive)
        case .micro:
            var tp = 0.0
            var predictedTotal = 0.0
            var actualTotal = 0.0
            for c in present {
                tp += hits[c]
                predictedTotal += predicted[c]
                actualTotal += actual[c]
            }
            return divide(ratio(tp, predictedTotal, actualTotal))
        case .macro:
            let scores = present.map(classRatio)
            return scores.reduce(0, +) / Double(scores.count)
        case .weighted:
            var weighted = 0.0
            var weights = 0.0
            for c in present {
                weighted += actual[c] * classRatio(c)
                weights += actual[c]
            }
            return weights == 0 ? 0 : weighted / weights
        }
    }
}

/// The label metrics of a confusion matrix: those of its per-class counts.
extension ConfusionMatrix {
    /// Its per-class counts.
    public var tally: ClassTally {
        var tally = ClassTally(classCount: classCount)
        for t in 0..<classCount {
            for p in 0..<classCount {
                let n = Double(counts[t * classCount + p])
                tally.actual[t] += n
                tally.predicted[p] += n
                if t == p { tally.hits[t] += n }
            }
        }
        return tally
    }

    /// `accuracy_score` (see `ClassTally.accuracy`).
    public var accuracy: Double { tally.accuracy }
    /// `balanced_accuracy_score` (see `ClassTally.balancedAccuracy`).
    public var balancedAccuracy: Double { tally.balancedAccuracy }
    /// `precision_score` (see `ClassTally.precision`).
    public func precision(_ average: Averaging) throws(MetricError) -> Double { try tally.precision(average) }
    /// `recall_score` (see `ClassTally.recall`).
    public func recall(_ average: Averaging) throws(MetricError) -> Double { try tally.recall(average) }
    /// `f1_score` (see `ClassTally.f1`).
    public func f1(_ average: Averaging) throws(MetricError) -> Double { try tally.f1(average) }
    /// `matthews_corrcoef` (see `ClassTally.matthewsCorrelation`).
    public var matthewsCorrelation: Double { tally.matthewsCorrelation }
}
