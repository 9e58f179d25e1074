import Tabular

/// The organiser's fixed probe of a probing round (RuSentEval's protocol): a logistic regression with a fixed C
/// (binary as one sigmoid, more classes as a softmax; scikit-learn's `LogisticRegression(C=C)` with its default
/// `lbfgs` solver) fitted on one layer's train embeddings, then asked for the test sentences' classes.
public enum Probe {
    /// The class codes (into the train labels' classes, `classCount` of them) the probe fitted on `train` and
    /// `labels` gives each row of `test`; ties go to the lower code, as scikit-learn's `argmax` does.
    public static func predict(
        train: NumPyMatrix, labels: [Int32], classCount: Int, test: NumPyMatrix, inverseRegularization c: Double
    ) throws(EnsembleError) -> [Int32] {
        guard train.rows == labels.count else {
            throw EnsembleError("the train embeddings have \(train.rows) rows for \(labels.count) labels")
        }
        guard train.width == test.width else {
            throw EnsembleError(
                "the train embeddings are \(train.width) wide and the test embeddings \(test.width); one layer, one width"
            )
        }
        let model = try fit(features: Matrix(train), labels: labels, classCount: classCount, inverseRegularization: c)
        let probabilities = model.probabilities(Matrix(test))
        return (0..<test.rows).map { row in
            var best = 0
            for c in 1..<classCount where probabilities[c][row] > probabilities[best][row] { best = c }
            return Int32(best)
        }
    }
}

extension Probe {
    /// The probe fitted on `features` and `labels`: converged until the mean loss's gradient is below 1e-8
    /// (scikit-learn stops at its `tol`, 1e-4 by default, on the same mean; the objective here is C·n times it).
    public static func fit(features: Matrix, labels: [Int32], classCount: Int, inverseRegularization c: Double)
        throws(EnsembleError) -> LogisticRegression
    {
        try LogisticRegression.fitLBFGS(
            features: features, labels: labels, classCount: classCount, inverseRegularization: c,
            tolerance: 1e-8 * c * Double(max(features.rows, 1)), maxIterations: 10_000)
    }
}

extension Matrix {
    /// The float matrix's values as doubles.
    public init(_ matrix: NumPyMatrix) {
        self.init(rows: matrix.rows, columns: matrix.width)
        for index in matrix.values.indices { values[index] = Double(matrix.values[index]) }
    }
}
