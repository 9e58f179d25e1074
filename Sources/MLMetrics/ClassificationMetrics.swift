/// Label metrics over a confusion matrix, each matching scikit-learn 1.9 with its defaults.
extension ConfusionMatrix {
    /// `sklearn.metrics.accuracy_score`: the share of rows predicted right.
    public var accuracy: Double { Double((0..<classCount).reduce(0) { $0 + hits($1) }) / Double(total) }

    /// `sklearn.metrics.balanced_accuracy_score` (adjusted=False): the mean recall over the classes that
    /// occur in the truth; classes only predicted are left out, as scikit-learn does (with its warning).
    public var balancedAccuracy: Double {
        let recalls = (0..<classCount).compactMap { c -> Double? in
            let support = trueCount(c)
            return support > 0 ? Double(hits(c)) / Double(support) : nil
        }
        return recalls.reduce(0, +) / Double(recalls.count)
    }

    /// `precision_score` with `average` and zero_division=0: tp / (tp + fp), 0 where nothing was predicted.
    public func precision(_ average: Averaging) throws(MetricError) -> Double {
        try averaged(average) { tp, predicted, _ in (Double(tp), Double(predicted)) }
    }

    /// `recall_score` with `average` and zero_division=0: tp / (tp + fn), 0 where the class never occurs.
    public func recall(_ average: Averaging) throws(MetricError) -> Double {
        try averaged(average) { tp, _, actual in (Double(tp), Double(actual)) }
    }

    /// `f1_score` with `average` and zero_division=0: 2·tp / (2·tp + fp + fn), scikit-learn's form since
    /// 1.3, which is 0 (not NaN) when a class has no true and no predicted rows.
    public func f1(_ average: Averaging) throws(MetricError) -> Double {
        try averaged(average) { tp, predicted, actual in (2 * Double(tp), Double(actual + predicted)) }
    }

    /// `matthews_corrcoef`, binary and multiclass (the K-category correlation), computed in doubles as
    /// scikit-learn does; 0 when the truth or the predictions hold a single class.
    public var matthewsCorrelation: Double {
        var trueSums = [Double](repeating: 0, count: classCount)
        var predictedSums = [Double](repeating: 0, count: classCount)
        var correct = 0.0
        for t in 0..<classCount {
            for p in 0..<classCount {
                let n = Double(counts[t * classCount + p])
                trueSums[t] += n
                predictedSums[p] += n
                if t == p { correct += n }
            }
        }
        let samples = predictedSums.reduce(0, +)
        let dotTP = zip(trueSums, predictedSums).reduce(0) { $0 + $1.0 * $1.1 }
        let covariance = correct * samples - dotTP
        let predictedVariance = samples * samples - predictedSums.reduce(0) { $0 + $1 * $1 }
        let trueVariance = samples * samples - trueSums.reduce(0) { $0 + $1 * $1 }
        let product = predictedVariance * trueVariance
        return product == 0 ? 0 : covariance / product.squareRoot()
    }

    /// Applies scikit-learn's averaging to a per-class ratio built from (tp, predicted, actual) counts.
    private func averaged(
        _ average: Averaging, ratio: (_ tp: Int, _ predicted: Int, _ actual: Int) -> (Double, Double)
    ) throws(MetricError) -> Double {
        func divide(_ pair: (Double, Double)) -> Double { pair.1 == 0 ? 0 : pair.0 / pair.1 }
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
            return divide(ratio(hits(positive), predictedCount(positive), trueCount(positive)))
        case .micro:
            var tp = 0
            var predicted = 0
            var actual = 0
            for c in present {
                tp += hits(c)
                predicted += predictedCount(c)
                actual += trueCount(c)
            }
            return divide(ratio(tp, predicted, actual))
        case .macro:
            let scores = present.map { divide(ratio(hits($0), predictedCount($0), trueCount($0))) }
            return scores.reduce(0, +) / Double(scores.count)
        case .weighted:
            var weighted = 0.0
            var weights = 0.0
            for c in present {
                let support = Double(trueCount(c))
                weighted += support * divide(ratio(hits(c), predictedCount(c), trueCount(c)))
                weights += support
            }
            return weights == 0 ? 0 : weighted / weights
        }
    }
}
