/// Ridge regression with an unpenalised intercept, as scikit-learn's `Ridge(alpha)`: the features and
/// the target are centred, then (XᵀX + αI) w = Xᵀy is solved exactly, and b = ȳ − x̄·w.
public struct RidgeRegression: Sendable {
    /// One coefficient per feature.
    public let coefficients: [Double]
    /// The intercept.
    public let intercept: Double

    /// Fits on `features` (n × d) and `targets`.
    public static func fit(features: Matrix, targets: [Double], alpha: Double) throws(EnsembleError) -> RidgeRegression
    {
        guard alpha >= 0 && alpha.isFinite else {
            throw EnsembleError("--alpha must be a non-negative number, got \(alpha)")
        }
        let n = features.rows
        let d = features.columns
        var means = [Double](repeating: 0, count: d)
        for row in 0..<n {
            for j in 0..<d { means[j] += features[row, j] / Double(n) }
        }
        let targetMean = targets.reduce(0, +) / Double(n)
        var gram = [Double](repeating: 0, count: d * d)
        var moment = [Double](repeating: 0, count: d)
        for row in 0..<n {
            let centredTarget = targets[row] - targetMean
            for j in 0..<d {
                let xj = features[row, j] - means[j]
                moment[j] += xj * centredTarget
                for m in 0..<d { gram[j * d + m] += xj * (features[row, m] - means[m]) }
            }
        }
        for j in 0..<d { gram[j * d + j] += alpha }
        guard let coefficients = choleskySolve(gram, moment, n: d) else {
            throw EnsembleError("ridge: the features are collinear; use --alpha > 0")
        }
        let intercept = targetMean - zip(means, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
        return RidgeRegression(coefficients: coefficients, intercept: intercept)
    }

    /// Predictions for `features`.
    public func predict(_ features: Matrix) -> [Double] {
        (0..<features.rows).map { row in
            intercept + coefficients.indices.reduce(0) { $0 + coefficients[$1] * features[row, $1] }
        }
    }
}
