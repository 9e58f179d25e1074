#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// L2-regularised logistic regression, fitted to convergence by Newton's method with a backtracking
/// line search, matching scikit-learn's `LogisticRegression(C=C)` (lbfgs, tol 1e-10):
/// it minimises C·Σᵢ loss(xᵢ, yᵢ) + ½‖W‖², the intercept not penalised. Two classes use the binary
/// (sigmoid) model with one coefficient vector, as scikit-learn does; more classes the multinomial
/// (softmax) model with one vector per class.
///
/// Kept rather than a numerical library: none in the package mirror fits a regularised logistic model, and this
/// small solver is checked against scikit-learn's stacked predictions on fixtures it computed (ScikitLearnFixtureTests).
public struct LogisticRegression: Sendable {
    /// Number of classes (codes 0..<classCount).
    public let classCount: Int
    /// Number of features.
    public let featureCount: Int
    /// Binary: d coefficients of class 1; multinomial: K × d, row-major by class.
    public let coefficients: [Double]
    /// Binary: one intercept; multinomial: one per class.
    public let intercepts: [Double]
    /// Newton iterations used.
    public let iterations: Int

    /// Fits the model on `features` (n × d) and class codes `labels` (0..<classCount, at least two classes).
    public static func fit(features: Matrix, labels: [Int32], classCount: Int, inverseRegularization cost: Double)
        throws(EnsembleError)
        -> LogisticRegression
    {
        guard classCount >= 2 else { throw EnsembleError("logistic stacking needs at least two classes in --labels") }
        guard cost > 0 && cost.isFinite else { throw EnsembleError("--C must be a positive number, got \(cost)") }
        let d = features.columns
        let k = classCount == 2 ? 1 : classCount
        let width = d + 1
        let dimension = k * width
        var theta = [Double](repeating: 0, count: dimension)
        var iterations = 0
        var value = objective(theta, features, labels, k, cost)
        while iterations < 200 {
            iterations += 1
            let (gradient, hessian) = derivatives(theta, features, labels, k, cost)
            guard let solved = choleskySolve(hessian, gradient, n: dimension) else {
                throw EnsembleError(
                    "logistic regression: the Hessian is not positive definite (are the features finite?)")
            }
            let step = solved.map { -$0 }
            let slope = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            if -slope < 1e-22 * max(1, abs(value)) { break }
            var t = 1.0
            var candidate = theta
            var candidateValue = value
            while t > 1e-12 {
                for i in 0..<dimension { candidate[i] = theta[i] + t * step[i] }
                candidateValue = objective(candidate, features, labels, k, cost)
                if candidateValue <= value + 1e-4 * t * slope { break }
                t /= 2
            }
            let largestStep = step.map { abs($0 * t) }.max() ?? 0
            theta = candidate
            value = candidateValue
            if largestStep < 1e-13 * (1 + (theta.map(abs).max() ?? 0)) { break }
        }
        return LogisticRegression(theta: theta, classCount: classCount, featureCount: d, iterations: iterations)
    }

    /// Class probabilities per row: `[class][row]`.
    public func probabilities(_ features: Matrix) -> [[Double]] {
        let k = intercepts.count
        var result = [[Double]](repeating: [Double](repeating: 0, count: features.rows), count: classCount)
        var z = [Double](repeating: 0, count: k)
        for row in 0..<features.rows {
            for c in 0..<k {
                var sum = intercepts[c]
                for j in 0..<featureCount { sum += coefficients[c * featureCount + j] * features[row, j] }
                z[c] = sum
            }
            if k == 1 {
                let p = 1 / (1 + exp(-z[0]))
                result[0][row] = 1 - p
                result[1][row] = p
            } else {
                let top = z.max()!
                let total = z.reduce(0) { $0 + exp($1 - top) }
                for c in 0..<k { result[c][row] = exp(z[c] - top) / total }
            }
        }
        return result
    }

    /// C·Σ loss + ½‖W‖² (intercepts excluded from the penalty).
    private static func objective(_ theta: [Double], _ x: Matrix, _ y: [Int32], _ k: Int, _ cost: Double) -> Double {
        let d = x.columns
        let width = d + 1
        var loss = 0.0
        var z = [Double](repeating: 0, count: k)
        for row in 0..<x.rows {
            for c in 0..<k {
                var sum = theta[c * width + d]
                for j in 0..<d { sum += theta[c * width + j] * x[row, j] }
                z[c] = sum
            }
            if k == 1 {
                let t = z[0]
                let softplus = t > 0 ? t + log1p(exp(-t)) : log1p(exp(t))
                loss += softplus - (y[row] == 1 ? t : 0)
            } else {
                let top = z.max()!
                loss += top + log(z.reduce(0) { $0 + exp($1 - top) }) - z[Int(y[row])]
            }
        }
        var penalty = 0.0
        for c in 0..<k {
            for j in 0..<d { penalty += theta[c * width + j] * theta[c * width + j] }
        }
        return cost * loss + penalty / 2
    }

    /// Gradient and Hessian (row-major, dimension k·(d+1)).
    private static func derivatives(_ theta: [Double], _ x: Matrix, _ y: [Int32], _ k: Int, _ cost: Double)
        -> ([Double], [Double])
    {
        let d = x.columns
        let width = d + 1
        let dimension = k * width
        var gradient = [Double](repeating: 0, count: dimension)
        var hessian = [Double](repeating: 0, count: dimension * dimension)
        var z = [Double](repeating: 0, count: k)
        var p = [Double](repeating: 0, count: k)
        var augmented = [Double](repeating: 1, count: width)
        for row in 0..<x.rows {
            for j in 0..<d { augmented[j] = x[row, j] }
            for c in 0..<k {
                var sum = theta[c * width + d]
                for j in 0..<d { sum += theta[c * width + j] * augmented[j] }
                z[c] = sum
            }
            if k == 1 {
                p[0] = 1 / (1 + exp(-z[0]))
            } else {
                let top = z.max()!
                var total = 0.0
                for c in 0..<k {
                    p[c] = exp(z[c] - top)
                    total += p[c]
                }
                for c in 0..<k { p[c] /= total }
            }
            for c in 0..<k {
                let target: Double = k == 1 ? (y[row] == 1 ? 1 : 0) : (Int(y[row]) == c ? 1 : 0)
                let residual = cost * (p[c] - target)
                for j in 0..<width { gradient[c * width + j] += residual * augmented[j] }
                for e in c..<k {
                    let s = k == 1 ? cost * p[0] * (1 - p[0]) : cost * p[c] * ((c == e ? 1 : 0) - p[e])
                    if s == 0 { continue }
                    for j in 0..<width {
                        let sj = s * augmented[j]
                        let base = (c * width + j) * dimension + e * width
                        for m in 0..<width { hessian[base + m] += sj * augmented[m] }
                    }
                }
            }
        }
        for c in 0..<k {
            for e in (c + 1)..<max(k, c + 1) {
                for j in 0..<width {
                    for m in 0..<width {
                        hessian[(e * width + m) * dimension + c * width + j] =
                            hessian[(c * width + j) * dimension + e * width + m]
                    }
                }
            }
            for j in 0..<d {
                gradient[c * width + j] += theta[c * width + j]
                hessian[(c * width + j) * dimension + c * width + j] += 1
            }
            // The intercepts of a softmax are determined only up to a common shift: a tiny ridge on the
            // Hessian (not the objective) keeps the Newton system solvable without moving the optimum.
            hessian[(c * width + d) * dimension + c * width + d] += 1e-10 * cost * Double(max(1, x.rows))
        }
        return (gradient, hessian)
    }
}

extension LogisticRegression {
    /// The model whose parameters are `theta`: per class (one for two classes) `featureCount` coefficients and then
    /// an intercept.
    init(theta: [Double], classCount: Int, featureCount d: Int, iterations: Int) {
        let k = classCount == 2 ? 1 : classCount
        var coefficients: [Double] = []
        var intercepts: [Double] = []
        for c in 0..<k {
            coefficients += theta[(c * (d + 1))..<(c * (d + 1) + d)]
            intercepts.append(theta[c * (d + 1) + d])
        }
        self.init(
            classCount: classCount, featureCount: d, coefficients: coefficients, intercepts: intercepts,
            iterations: iterations)
    }
}
