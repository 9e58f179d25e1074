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
        if method == .power && !(power > 0 && power.isFinite) {
            throw EnsembleError("--power must be a positive number, got \(power)")
        }
        var inputs: [[[Double]]] = []
        for file in files {
            switch file.values {
            case .labels:
                throw EnsembleError(
                    file: file.source, line: 1, "mean needs scores or class probabilities; this holds labels (use vote)"
                )
            case .scores(_, let scores): inputs.append([scores])
            case .probabilities(_, let columns): inputs.append(columns)
            }
            if method == .geometric || method == .power,
                let bad = inputs.last!.joined().first(where: { $0 < 0 || (method == .geometric && $0 > 1) })
            {
                throw EnsembleError(
                    file: file.source,
                    "\(method.rawValue) mean needs values in \(method == .geometric ? "[0, 1]" : "[0, ∞)"), found \(bad)"
                )
            }
        }
        let columns = blendColumns(inputs, weights: weights, method: method, power: power)
        switch files[0].values {
        case .scores(let name, _): return .scores(column: name, columns[0])
        case .probabilities(let classes, _):
            return .probabilities(classes: classes, columns: method == .geometric ? renormalised(columns) : columns)
        case .labels: fatalError("refused above")
        }
    }

    /// `inputs[file][column][row]` combined into `[column][row]`.
    static func blendColumns(_ inputs: [[[Double]]], weights: [Double], method: Method, power: Double) -> [[Double]] {
        let total = weights.reduce(0, +)
        let columnCount = inputs[0].count
        let rows = inputs[0][0].count
        var result = [[Double]](repeating: [Double](repeating: 0, count: rows), count: columnCount)
        for column in 0..<columnCount {
            result[column].withUnsafeMutableBufferPointer { out in
                for (file, columns) in inputs.enumerated() {
                    let w = weights[file] / total
                    guard w > 0 else { continue }
                    switch method {
                    case .arithmetic:
                        columns[column].withUnsafeBufferPointer { values in
                            for row in 0..<rows { out[row] += w * values[row] }
                        }
                    case .geometric:
                        for row in 0..<rows {
                            out[row] += w * log(min(max(columns[column][row], geometricClip), 1 - geometricClip))
                        }
                    case .rank:
                        let ranks = averageRanks(columns[column])
                        for row in 0..<rows { out[row] += w * ranks[row] }
                    case .power:
                        for row in 0..<rows { out[row] += w * pow(columns[column][row], power) }
                    }
                }
                for row in 0..<rows {
                    switch method {
                    case .arithmetic: break
                    case .geometric: out[row] = exp(out[row])
                    case .rank: out[row] = rows > 1 ? (out[row] - 1) / Double(rows - 1) : 0.5
                    case .power: out[row] = pow(out[row], 1 / power)
                    }
                }
            }
        }
        return result
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
