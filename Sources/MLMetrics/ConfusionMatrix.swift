/// Counts of (true class, predicted class) pairs over integer-coded labels.
///
/// Classes are codes `0..<classCount` in label order (Podium codes labels by sorted Unicode code point,
/// as `np.unique` does). A class that occurs in neither the truth nor the predictions is "absent" and
/// is ignored by every average, exactly as scikit-learn's `unique_labels(y_true, y_pred)` ignores it.
public struct ConfusionMatrix: Sendable, Equatable {
    /// Number of class codes.
    public let classCount: Int
    /// Row-major counts: `counts[truth * classCount + predicted]`.
    public let counts: [Int]

    /// Counts the pairs. Throws `.empty` for no rows and `.lengthMismatch` for unequal inputs.
    public init(truth: [Int32], predicted: [Int32], classCount: Int) throws(MetricError) {
        guard truth.count == predicted.count else { throw .lengthMismatch(truth.count, predicted.count) }
        guard !truth.isEmpty else { throw .empty }
        var counts = [Int](repeating: 0, count: classCount * classCount)
        counts.withUnsafeMutableBufferPointer { cells in
            truth.withUnsafeBufferPointer { t in
                predicted.withUnsafeBufferPointer { p in
                    for row in 0..<t.count { cells[Int(t[row]) * classCount + Int(p[row])] += 1 }
                }
            }
        }
        self.classCount = classCount
        self.counts = counts
    }

    /// Counts string labels; codes follow sorted code-point order of the union of both inputs.
    public init(truth: [String], predicted: [String]) throws(MetricError) {
        let labels = LabelCoding(truth + predicted)
        try self.init(truth: labels.encode(truth), predicted: labels.encode(predicted), classCount: labels.names.count)
    }

    /// Rows whose true class is `c`.
    public func trueCount(_ c: Int) -> Int { (0..<classCount).reduce(0) { $0 + counts[c * classCount + $1] } }
    /// Rows predicted as `c`.
    public func predictedCount(_ c: Int) -> Int { (0..<classCount).reduce(0) { $0 + counts[$1 * classCount + c] } }
    /// Rows of class `c` predicted as `c`.
    public func hits(_ c: Int) -> Int { counts[c * classCount + c] }
    /// All rows.
    public var total: Int { counts.reduce(0, +) }
    /// Classes present in the truth or the predictions, in code order.
    public var presentClasses: [Int] { (0..<classCount).filter { trueCount($0) + predictedCount($0) > 0 } }
}

/// Sorted distinct string labels and their codes.
public struct LabelCoding: Sendable {
    /// Distinct labels sorted by Unicode code point.
    public let names: [String]
    private let index: [String: Int32]

    /// Collects the distinct labels of `values`.
    public init<S: Sequence>(_ values: S) where S.Element == String {
        names = Array(Set(values)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
    }

    /// The code of each value (every value must be one of `names`).
    public func encode(_ values: [String]) -> [Int32] { values.map { index[$0]! } }

    /// The code of `label`, if known.
    public func code(of label: String) -> Int? { index[label].map(Int.init) }
}
