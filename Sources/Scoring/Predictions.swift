/// A validated submission's values, aligned to the answer key's rows (row `i` predicts key row `i`).
public enum Predictions: Sendable {
    /// Class codes into `AnswerKey.classes`.
    case labels([Int32])
    /// Binary: the positive class's probability per row.
    case positiveProbabilities([Double])
    /// Multiclass: one column per class, in `AnswerKey.classes` order.
    case classProbabilities([[Double]])
    /// Numeric predictions.
    case numbers([Double])
    /// Free-text answers.
    case answers([String])
}
