/// Per-class counts — rows right, rows predicted, rows true — which every label metric is a function of.
/// They are sums over rows, so a bootstrap resample's counts are a weighted sum of buckets' counts
/// (`Bootstrap`), and the metrics below score a resample exactly as they score the whole part.
public struct ClassTally: Sendable, Equatable {
    /// Rows of class `c` predicted as `c`.
    public var hits: [Double]
    /// Rows predicted as `c`.
    public var predicted: [Double]
    /// Rows whose true class is `c`.
    public var actual: [Double]

    /// Zero counts for `classCount` classes.
    public init(classCount: Int) {
        hits = Array(repeating: 0, count: classCount)
        predicted = hits
        actual = hits
    }

    /// Counts laid out as `Bootstrap` sums them: `[hits, predicted, actual]` per class.
    public init(interleaved counts: ArraySlice<Double>) {
        let classCount = counts.count / 3
        self.init(classCount: classCount)
        var index = counts.startIndex
        for c in 0..<classCount {
            hits[c] = counts[index]
            predicted[c] = counts[index + 1]
            actual[c] = counts[index + 2]
            index += 3
        }
    }

    /// Number of class codes.
    public var classCount: Int { hits.count }
    /// All rows.
    public var total: Double { actual.reduce(0, +) }
    /// Classes present in the truth or the predictions, in code order.
    public var presentClasses: [Int] { (0..<classCount).filter { actual[$0] + predicted[$0] > 0 } }
}
