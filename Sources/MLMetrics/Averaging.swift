/// How per-class precision, recall and F1 combine into one number (scikit-learn's `average=`).
public enum Averaging: Sendable, Equatable {
    /// Only the positive class (`average="binary"`). `positive` is its code, or nil when the positive
    /// label occurs in neither input (then every score is 0, as scikit-learn's zero_division=0 gives).
    case binary(positive: Int?)
    /// Unweighted mean over the classes present in truth or predictions.
    case macro
    /// Global counts of true positives, false positives and false negatives.
    case micro
    /// Mean weighted by each class's true count (support).
    case weighted
}
