/// Regression metrics, matching scikit-learn 1.9 (uniform weights, single output).
public enum RegressionMetrics {
    /// `root_mean_squared_error`: √(mean((y − ŷ)²)).
    public static func rootMeanSquaredError(truth: [Double], predicted: [Double]) throws(MetricError) -> Double {
        try check(truth, predicted)
        return (compensatedSum(zip(truth, predicted).lazy.map { ($0 - $1) * ($0 - $1) }) / Double(truth.count))
            .squareRoot()
    }

    /// `mean_absolute_error`: mean(|y − ŷ|).
    public static func meanAbsoluteError(truth: [Double], predicted: [Double]) throws(MetricError) -> Double {
        try check(truth, predicted)
        return compensatedSum(zip(truth, predicted).lazy.map { abs($0 - $1) }) / Double(truth.count)
    }

    /// `r2_score` (force_finite=True): 1 − SS_res / SS_tot. When the truth is constant (SS_tot = 0) the
    /// score is 1 for a perfect prediction and 0 otherwise, as scikit-learn. Fewer than two rows throw
    /// (scikit-learn returns NaN with a warning).
    public static func r2(truth: [Double], predicted: [Double]) throws(MetricError) -> Double {
        try check(truth, predicted)
        guard truth.count >= 2 else {
            throw .singleClass(metric: "r2", detail: "R² needs at least two rows, got \(truth.count)")
        }
        let mean = compensatedSum(truth) / Double(truth.count)
        let residual = compensatedSum(zip(truth, predicted).lazy.map { ($0 - $1) * ($0 - $1) })
        let totalVariation = compensatedSum(truth.lazy.map { ($0 - mean) * ($0 - mean) })
        if totalVariation == 0 { return residual == 0 ? 1 : 0 }
        return 1 - residual / totalVariation
    }

    private static func check(_ truth: [Double], _ predicted: [Double]) throws(MetricError) {
        guard truth.count == predicted.count else { throw .lengthMismatch(truth.count, predicted.count) }
        guard !truth.isEmpty else { throw .empty }
    }
}
