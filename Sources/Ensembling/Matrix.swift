/// A dense row-major matrix of doubles.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// `values[row * columns + column]`.
    public var values: [Double]

    /// A zero matrix.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        values = [Double](repeating: 0, count: rows * columns)
    }

    /// A matrix from its columns.
    public init(columns: [[Double]]) {
        self.init(rows: columns.first?.count ?? 0, columns: columns.count)
        for (c, column) in columns.enumerated() {
            for (r, value) in column.enumerated() { values[r * self.columns + c] = value }
        }
    }

    /// The rows listed, in that order.
    public func selecting(rows selected: [Int]) -> Matrix {
        var result = Matrix(rows: selected.count, columns: columns)
        for (target, source) in selected.enumerated() {
            result.values.replaceSubrange(
                target * columns..<(target + 1) * columns, with: values[source * columns..<(source + 1) * columns])
        }
        return result
    }

    /// Element access.
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }
}

/// Solves `a · x = b` for a symmetric positive-definite `a` (n × n, row-major) by Cholesky
/// factorisation; nil when `a` is not positive definite.
func choleskySolve(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0...i {
            var sum = a[i * n + j]
            for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
            if i == j {
                guard sum > 0 else { return nil }
                l[i * n + i] = sum.squareRoot()
            } else {
                l[i * n + j] = sum / l[j * n + j]
            }
        }
    }
    var y = b
    for i in 0..<n {
        for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
        y[i] /= l[i * n + i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
        for k in (i + 1)..<n { y[i] -= l[k * n + i] * y[k] }
        y[i] /= l[i * n + i]
    }
    return y
}
