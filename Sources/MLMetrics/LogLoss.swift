/// Logarithmic loss, matching `sklearn.metrics.log_loss` in scikit-learn 1.9.
public enum LogLoss {
    /// Clipping bound: probabilities are clipped to [ε, 1 − ε] with ε = `np.finfo(float64).eps`
    /// (2.22e-16), scikit-learn 1.9's rule since the `eps` argument was removed. Rows are not
    /// renormalised (scikit-learn only warns when they do not sum to one).
    public static let epsilon = Double.ulpOfOne

    /// Binary `log_loss(y_true == positive, p)`: `p[row]` is the probability of the positive class.
    /// Throws for probabilities outside [0, 1] (as scikit-learn does) and when the truth has one class
    /// only and no `labels` are known (pass `bothClassesKnown: true` when the task defines both).
    public static func binary(
        truth: [Bool], probabilities: [Double], bothClassesKnown: Bool = false
    ) throws(MetricError) -> Double {
        guard truth.count == probabilities.count else { throw .lengthMismatch(truth.count, probabilities.count) }
        guard !truth.isEmpty else { throw .empty }
        if !bothClassesKnown && (truth.allSatisfy { $0 } || truth.allSatisfy { !$0 }) {
            throw .singleClass(metric: "log_loss", detail: "the truth contains only one label")
        }
        var total = CompensatedSum()
        for row in truth.indices {
            let p = probabilities[row]
            guard p >= 0 && p <= 1 else { throw .invalidValue("probability \(p) is outside [0, 1]") }
            let q = truth[row] ? p : 1 - p
            total.add(-log(min(max(q, epsilon), 1 - epsilon)))
        }
        return total.value / Double(truth.count)
    }

    /// Multiclass `log_loss(y_true, P, labels=classes)`: `probabilities[c][row]` is the probability of
    /// class `c`; `truth[row]` is the true class code. Needs at least two classes.
    public static func multiclass(truth: [Int32], probabilities: [[Double]]) throws(MetricError) -> Double {
        guard !truth.isEmpty else { throw .empty }
        guard probabilities.count >= 2 else {
            throw .singleClass(metric: "log_loss", detail: "needs at least two classes, got \(probabilities.count)")
        }
        for column in probabilities {
            guard column.count == truth.count else { throw .lengthMismatch(truth.count, column.count) }
            if let bad = column.first(where: { !($0 >= 0 && $0 <= 1) }) {
                throw .invalidValue("probability \(bad) is outside [0, 1]")
            }
        }
        var total = CompensatedSum()
        for row in truth.indices {
            let p = probabilities[Int(truth[row])][row]
            total.add(-log(min(max(p, epsilon), 1 - epsilon)))
        }
        return total.value / Double(truth.count)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
