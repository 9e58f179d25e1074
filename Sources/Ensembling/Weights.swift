/// Per-file weights: one non-negative number per file with a positive sum; nil means all equal.
public enum Weights {
    /// The weights to use for `count` files.
    public static func resolve(_ weights: [Double]?, count: Int) throws(EnsembleError) -> [Double] {
        guard let weights else { return Array(repeating: 1, count: count) }
        guard weights.count == count else {
            throw EnsembleError("--weights has \(weights.count) values for \(count) files; give one weight per file")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
            throw EnsembleError("--weights must be non-negative numbers with a positive sum")
        }
        return weights
    }
}
