/// Why a metric has no value for the given input. scikit-learn answers some of these cases with NaN
/// and a warning; Podium refuses them with an error that says what is missing, so a leaderboard never
/// shows a NaN.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No rows at all.
    case empty
    /// Inputs of different lengths.
    case lengthMismatch(Int, Int)
    /// The metric needs both classes (ROC AUC) or at least two labels (log loss) among the true values.
    case singleClass(metric: String, detail: String)
    /// A value the metric cannot take, such as a probability outside [0, 1].
    case invalidValue(String)
    /// Binary averaging over data with more than two labels, or a positive label that is not present.
    case notBinary(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .empty: return "no rows to score"
        case .lengthMismatch(let a, let b): return "inputs have different lengths (\(a) and \(b))"
        case .singleClass(let metric, let detail): return "\(metric) is undefined: \(detail)"
        case .invalidValue(let detail): return detail
        case .notBinary(let detail): return detail
        }
    }
}
