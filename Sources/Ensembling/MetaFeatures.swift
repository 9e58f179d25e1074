import Tabular

/// The meta-features of stacking, built as scikit-learn's `StackingClassifier` builds them, in model
/// order: a binary probability file contributes its positive-class column only (the first class column
/// in sorted order is dropped), a multiclass one all its columns (sorted class order), a score file its
/// one column, and a label file its one-hot encoding.
enum MetaFeatures {
    /// One model's contribution: columns for the training rows and for the test rows.
    static func columns(train: PredictionFile, test: PredictionFile) throws(EnsembleError) -> (
        train: [[Double]], test: [[Double]]
    ) {
        try Alignment.checkSameShape(test, as: train)
        switch (train.values, test.values) {
        case (.scores(_, let a), .scores(_, let b)):
            return ([a], [b])
        case (.probabilities(let classes, let a), .probabilities(let testClasses, let b)):
            let sorted = classes.indices.sorted {
                classes[$0].unicodeScalars.lexicographicallyPrecedes(classes[$1].unicodeScalars)
            }
            let kept = classes.count == 2 ? Array(sorted.dropFirst()) : sorted
            let testIndex = Dictionary(uniqueKeysWithValues: testClasses.enumerated().map { ($1, $0) })
            return (kept.map { a[$0] }, kept.map { b[testIndex[classes[$0]]!] })
        case (.labels(_, let a), .labels(_, let b)):
            let names = Array(Set(a.names + b.names)).sorted {
                $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
            }
            func oneHot(_ column: LabelColumn) -> [[Double]] {
                names.map { name in (0..<column.codes.count).map { column[$0] == name ? 1 : 0 } }
            }
            return (oneHot(a), oneHot(b))
        default:
            throw EnsembleError(
                file: test.source, line: 1, "holds \(test.shapeName), but \(train.source) holds \(train.shapeName)")
        }
    }
}
