import Tabular

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Weighted means of score or class-probability files, column by column.
public enum MeanBlend {
    /// The kind of mean.
    public enum Method: String, Sendable, CaseIterable {
        /// Σwᵢpᵢ / Σwᵢ — scikit-learn's soft voting.
        case arithmetic
        /// exp(Σwᵢ·ln pᵢ / Σwᵢ) with p clipped to [1e-15, 1 − 1e-15]; class-probability rows are
        /// renormalised to sum to 1 afterwards. Needs values in [0, 1].
        case geometric
        /// Per file and column, the average ranks 1…n of the values (ties averaged, as
        /// `scipy.stats.rankdata`), then Σwᵢrᵢ / Σwᵢ, then (r − 1)/(n − 1) so the result lies in [0, 1]
        /// (0.5 for a single row). Scores, not probabilities: good for AUC, not for log loss.
        case rank
        /// (Σwᵢpᵢᴷ / Σwᵢ)^(1/K) for K > 0. Needs non-negative values.
        case power
    }

    /// Clipping bound of the geometric mean.
    public static let geometricClip = 1e-15

    /// Blends aligned files of one shape (scores or class probabilities).
    public static func blend(
        _ files: [PredictionFile], weights: [Double]? = nil, method: Method = .arithmetic, power: Double = 2
    ) throws(EnsembleError) -> PredictionFile.Values {
        let weights = try Weights.resolve(weights, count: files.count)
        try checkPower(method, power)
        var inputs: [[[Double]]] = []
        for file in files { inputs.append(try columns(of: file, method: method)) }
        let columns = blendColumns(inputs, weights: weights, method: method, power: power)
        return result(columns, shapedLike: files[0], method: method)
    }

    /// Refuses a power mean whose exponent is not a positive number.
    static func checkPower(_ method: Method, _ power: Double) throws(EnsembleError) {
        if method == .power && !(power > 0 && power.isFinite) {
            throw EnsembleError("--power must be a positive number, got \(power)")
        }
    }

    /// The file's value columns, checked to be what `method` can average.
    static func columns(of file: PredictionFile, method: Method) throws(EnsembleError) -> [[Double]] {
        let columns: [[Double]]
        switch file.values {
        case .labels:
            throw EnsembleError(
                file: file.source, line: 1, "mean needs scores or class probabilities; this holds labels (use vote)")
        case .scores(_, let scores): columns = [scores]
        case .probabilities(_, let values): columns = values
        }
        if method == .geometric || method == .power,
            let bad = columns.joined().first(where: { $0 < 0 || (method == .geometric && $0 > 1) })
        {
            throw EnsembleError(
                file: file.source,
                "\(method.rawValue) mean needs values in \(method == .geometric ? "[0, 1]" : "[0, ∞)"), found \(bad)")
        }
        return columns
    }

    /// Blended columns in the shape of `reference` (class rows renormalised after a geometric mean).
    static func result(_ columns: [[Double]], shapedLike reference: PredictionFile, method: Method)
        -> PredictionFile.Values
    {
        switch reference.values {
        case .scores(let name, _): return .scores(column: name, columns[0])
        case .probabilities(let classes, _):
            return .probabilities(classes: classes, columns: method == .geometric ? renormalised(columns) : columns)
        case .labels: fatalError("refused by columns(of:method:)")
        }
    }

    /// `inputs[file][column][row]` combined into `[column][row]`.
    static func blendColumns(_ inputs: [[[Double]]], weights: [Double], method: Method, power: Double) -> [[Double]] {
        let total = weights.reduce(0, +)
        let rows = inputs[0][0].count
        var result = [[Double]](repeating: [Double](repeating: 0, count: rows), count: inputs[0].count)
        for column in result.indices {
            for (file, columns) in inputs.enumerated() where weights[file] > 0 {
                add(
                    terms(columns[column], method: method, power: power), weight: weights[file] / total,
                    into: &result[column])
            }
            finish(&result[column], method: method, power: power)
        }
        return result
    }

    /// What the mean adds up for one column: the values, their clipped logarithms (geometric), their ranks
    /// (rank) or their K-th powers (power).
    static func terms(_ column: [Double], method: Method, power: Double) -> [Double] {
        switch method {
        case .arithmetic: return column
        case .geometric: return column.map { log(min(max($0, geometricClip), 1 - geometricClip)) }
        case .rank: return averageRanks(column)
        case .power: return column.map { pow($0, power) }
        }
    }

    /// `sums[row] += weight · terms[row]`: in file order, so a blend gives the same bits whichever way its
    /// files were read.
    static func add(_ terms: [Double], weight: Double, into sums: inout [Double]) {
        terms.withUnsafeBufferPointer { terms in
            sums.withUnsafeMutableBufferPointer { sums in
                for row in 0..<sums.count { sums[row] += weight * terms[row] }
            }
        }
    }

    /// The mean from the weighted sums of `terms`.
    static func finish(_ sums: inout [Double], method: Method, power: Double) {
        let rows = sums.count
        switch method {
        case .arithmetic: break
        case .geometric: for row in 0..<rows { sums[row] = exp(sums[row]) }
        case .rank: for row in 0..<rows { sums[row] = rows > 1 ? (sums[row] - 1) / Double(rows - 1) : 0.5 }
        case .power: for row in 0..<rows { sums[row] = pow(sums[row], 1 / power) }
        }
    }

    /// Each row scaled to sum to 1.
    static func renormalised(_ columns: [[Double]]) -> [[Double]] {
        var result = columns
        for row in 0..<(columns.first?.count ?? 0) {
            let sum = columns.reduce(0) { $0 + $1[row] }
            for column in result.indices { result[column][row] /= sum }
        }
        return result
    }

    /// `id,label` from class probabilities: the class with the largest value, ties to the first class
    /// in header order.
    public static func argmax(_ values: PredictionFile.Values) throws(EnsembleError) -> PredictionFile.Values {
        guard case .probabilities(let classes, let columns) = values else {
            throw EnsembleError("--argmax needs class-probability files (id,<class>,…)")
        }
        let rows = columns[0].count
        var winners = [String](repeating: "", count: rows)
        for row in 0..<rows {
            var best = 0
            for column in 1..<columns.count where columns[column][row] > columns[best][row] { best = column }
            winners[row] = classes[best]
        }
        return .labels(column: "label", LabelColumn(winners))
    }
}
