#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The same model and objective as `fit` (C·Σᵢ loss + ½‖W‖², the intercepts not penalised; binary as one sigmoid,
/// more classes as a softmax), fitted by limited-memory BFGS instead of Newton's method: each step costs one pass
/// over the rows (n·d·k) rather than a Hessian (n·(d·k)²), which is what a probe on 768-wide sentence embeddings
/// needs. Fitted until the largest gradient component is below `tolerance`, as scikit-learn's `lbfgs` solver stops.
extension LogisticRegression {
    /// Fits the model on `features` (n × d) and class codes `labels` by L-BFGS (memory `memory`), at most
    /// `maxIterations` steps.
    public static func fitLBFGS(
        features: Matrix, labels: [Int32], classCount: Int, inverseRegularization cost: Double,
        tolerance: Double = 1e-10, maxIterations: Int = 10_000, memory: Int = 10
    ) throws(EnsembleError) -> LogisticRegression {
        guard classCount >= 2 else { throw EnsembleError("a logistic model needs at least two classes") }
        guard cost > 0 && cost.isFinite else { throw EnsembleError("C must be a positive number, got \(cost)") }
        let d = features.columns
        let k = classCount == 2 ? 1 : classCount
        let width = d + 1
        var theta = [Double](repeating: 0, count: k * width)
        var (value, gradient) = valueAndGradient(theta, features, labels, k, cost)
        var steps: [(s: [Double], y: [Double], rho: Double)] = []
        var iterations = 0
        while iterations < maxIterations, (gradient.map(abs).max() ?? 0) > tolerance {
            iterations += 1
            let direction = twoLoopDirection(gradient, steps)
            let slope = dot(gradient, direction)
            guard slope < 0 else {
                steps.removeAll()  // not a descent direction: start again from the gradient
                continue
            }
            var t = iterations == 1 ? min(1, 1 / (gradient.map(abs).max() ?? 1)) : 1.0
            var candidate = theta
            var next = (value: value, gradient: gradient)
            var accepted = false
            for _ in 0..<60 {
                for i in theta.indices { candidate[i] = theta[i] + t * direction[i] }
                next = valueAndGradient(candidate, features, labels, k, cost)
                // Armijo's decrease; or, so close to the optimum that the objective's change is below its rounding,
                // a smaller gradient.
                let flat = abs(next.value - value) <= 1e-14 * max(1, abs(value))
                if next.value <= value + 1e-4 * t * slope
                    || (flat && (next.gradient.map(abs).max() ?? 0) < (gradient.map(abs).max() ?? 0))
                {
                    accepted = true
                    break
                }
                t /= 2
            }
            guard accepted else { break }  // no step improves anything in double precision: this is the optimum
            let s = zip(candidate, theta).map { $0 - $1 }
            let y = zip(next.gradient, gradient).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-16 * dot(y, y) {
                steps.append((s, y, 1 / sy))
                if steps.count > memory { steps.removeFirst() }
            }
            theta = candidate
            (value, gradient) = next
        }
        return LogisticRegression(theta: theta, classCount: classCount, featureCount: d, iterations: iterations)
    }

    /// −H·gradient by the two-loop recursion over the kept steps (the gradient itself, scaled, without any).
    private static func twoLoopDirection(_ gradient: [Double], _ steps: [(s: [Double], y: [Double], rho: Double)])
        -> [Double]
    {
        var q = gradient
        var alphas = [Double](repeating: 0, count: steps.count)
        for index in steps.indices.reversed() {
            alphas[index] = steps[index].rho * dot(steps[index].s, q)
            for i in q.indices { q[i] -= alphas[index] * steps[index].y[i] }
        }
        if let last = steps.last {
            let scale = 1 / (last.rho * dot(last.y, last.y))
            for i in q.indices { q[i] *= scale }
        }
        for index in steps.indices {
            let beta = steps[index].rho * dot(steps[index].y, q)
            for i in q.indices { q[i] += steps[index].s[i] * (alphas[index] - beta) }
        }
        return q.map { -$0 }
    }

    private static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    /// The objective and its gradient at `theta` (k blocks of d coefficients and an intercept), in one pass: each
    /// row's k dot products, then its k residuals added into the gradient while the row is still in cache.
    static func valueAndGradient(_ theta: [Double], _ x: Matrix, _ y: [Int32], _ k: Int, _ cost: Double)
        -> (value: Double, gradient: [Double])
    {
        let d = x.columns
        let width = d + 1
        var gradient = [Double](repeating: 0, count: k * width)
        var loss = 0.0
        var z = [Double](repeating: 0, count: k)
        var residuals = [Double](repeating: 0, count: k)
        x.values.withUnsafeBufferPointer { values in
            theta.withUnsafeBufferPointer { weights in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    for row in 0..<x.rows {
                        let features = values.baseAddress! + row * d
                        for c in 0..<k {
                            let w = weights.baseAddress! + c * width
                            z[c] = w[d] + Vector.dot(w, features, d)
                        }
                        if k == 1 {
                            let t = z[0]
                            let positive = y[row] == 1
                            loss += (t > 0 ? t + log1p(exp(-t)) : log1p(exp(t))) - (positive ? t : 0)
                            residuals[0] = 1 / (1 + exp(-t)) - (positive ? 1 : 0)
                        } else {
                            let top = z.max()!
                            var total = 0.0
                            for c in 0..<k { total += exp(z[c] - top) }
                            loss += top + log(total) - z[Int(y[row])]
                            for c in 0..<k { residuals[c] = exp(z[c] - top) / total - (Int(y[row]) == c ? 1 : 0) }
                        }
                        for c in 0..<k {
                            let r = cost * residuals[c]
                            let g = gradient.baseAddress! + c * width
                            Vector.addScaled(r, features, into: g, d)
                            g[d] += r
                        }
                    }
                }
            }
        }
        var penalty = 0.0
        for c in 0..<k {
            for j in 0..<d {
                let w = theta[c * width + j]
                penalty += w * w
                gradient[c * width + j] += w
            }
        }
        return (cost * loss + penalty / 2, gradient)
    }
}

/// Dot products and scaled sums over raw doubles, four lanes at a time (the compiler keeps a strict order for a
/// scalar sum and would not vectorise it).
enum Vector {
    /// Σ a[i]·b[i] for i < n.
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        var first = SIMD4<Double>()
        var second = SIMD4<Double>()
        var i = 0
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        while i + 8 <= n {
            first +=
                rawA.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
                * rawB.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
            second +=
                rawA.loadUnaligned(fromByteOffset: (i + 4) * 8, as: SIMD4<Double>.self)
                * rawB.loadUnaligned(fromByteOffset: (i + 4) * 8, as: SIMD4<Double>.self)
            i += 8
        }
        var sum = (first + second).sum()
        while i < n {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// y[i] += s·x[i] for i < n.
    static func addScaled(_ s: Double, _ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, _ n: Int) {
        let scale = SIMD4<Double>(repeating: s)
        let rawX = UnsafeRawPointer(x)
        let rawY = UnsafeMutableRawPointer(y)
        var i = 0
        while i + 4 <= n {
            let updated =
                rawY.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
                + scale * rawX.loadUnaligned(fromByteOffset: i * 8, as: SIMD4<Double>.self)
            rawY.storeBytes(of: updated, toByteOffset: i * 8, as: SIMD4<Double>.self)
            i += 4
        }
        while i < n {
            y[i] += s * x[i]
            i += 1
        }
    }
}
