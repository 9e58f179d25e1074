import Tabular

/// Weighted majority vote over label files.
///
/// Each row's label is the one with the largest sum of weights of the files voting for it. Ties:
/// - `lowest` (default): the tied label that sorts first by Unicode code point — scikit-learn's
///   `VotingClassifier(voting="hard")`, whose `argmax` over sorted classes takes the first maximum;
/// - `first`: the tied label chosen by the earliest file that voted for one of the tied labels;
/// - `soft`: the tied label with the largest weighted mean probability in the matching probability
///   files (one per label file, same weights), then `lowest` if still tied.
/// File order and hashing never decide silently.
public enum HardVote {
    /// How ties are broken.
    public enum TieBreak: String, Sendable, CaseIterable {
        /// The lowest label by code point.
        case lowest
        /// The earliest file's label.
        case first
        /// The weighted mean of probability files.
        case soft
    }

    /// The voted labels, in the first file's row order. `files` must be aligned label files.
    public static func vote(
        _ files: [PredictionFile], weights: [Double]? = nil, tie: TieBreak = .lowest,
        probabilities: [PredictionFile] = []
    ) throws(EnsembleError) -> PredictionFile.Values {
        let weights = try Weights.resolve(weights, count: files.count)
        var votes: [LabelColumn] = []
        var column = "label"
        for file in files {
            guard case .labels(let name, let labels) = file.values else {
                throw EnsembleError(
                    file: file.source, line: 1, "vote needs label files (id,label); this holds \(file.shapeName)")
            }
            column = votes.isEmpty ? name : column
            votes.append(labels)
        }
        let names = LabelColumnUnion(votes)
        var soft: [[Double]] = []
        if tie == .soft {
            guard probabilities.count == files.count else {
                throw EnsembleError(
                    "--tie soft needs one --proba file per label file (\(files.count)), got \(probabilities.count)")
            }
            soft = try softScores(probabilities, names: names.names, weights: weights, reference: files[0])
        }
        let rows = files[0].ids.count
        var codes = [Int32](repeating: 0, count: rows)
        var tally = [Double](repeating: 0, count: names.names.count)
        for row in 0..<rows {
            for label in tally.indices { tally[label] = 0 }
            for (file, labels) in votes.enumerated() { tally[names.code(file, labels.codes[row])] += weights[file] }
            let best = tally.max()!
            let tied = tally.indices.filter { tally[$0] == best }
            var winner = tied[0]
            if tied.count > 1 {
                switch tie {
                case .lowest: winner = tied[0]
                case .first:
                    winner = votes.indices.lazy.map { names.code($0, votes[$0].codes[row]) }.first(
                        where: tied.contains)!
                case .soft:
                    let scores = tied.map { soft[$0][row] }
                    winner = tied[scores.firstIndex(of: scores.max()!)!]
                }
            }
            codes[row] = Int32(winner)
        }
        return .labels(column: column, LabelColumn(codes: codes, names: names.names))
    }

    /// Weighted mean probability per label and row from aligned probability files.
    private static func softScores(
        _ files: [PredictionFile], names: [String], weights: [Double], reference: PredictionFile
    ) throws(EnsembleError) -> [[Double]] {
        let total = weights.reduce(0, +)
        var scores = [[Double]](repeating: [Double](repeating: 0, count: reference.ids.count), count: names.count)
        for (index, file) in files.enumerated() {
            guard case .probabilities(let classes, let columns) = file.values else {
                throw EnsembleError(
                    file: file.source, line: 1, "--proba files need class probabilities; this holds \(file.shapeName)")
            }
            let rows = try Alignment.rows(of: file, matching: reference)
            for (label, name) in names.enumerated() {
                guard let column = classes.firstIndex(of: name) else {
                    throw EnsembleError(
                        file: file.source, line: 1, column: name,
                        "no probability column for the voted label \"\(name)\"")
                }
                for row in rows.indices { scores[label][row] += weights[index] * columns[column][rows[row]] / total }
            }
        }
        return scores
    }
}

/// The sorted union of several label columns' names, with each column's codes mapped into it.
struct LabelColumnUnion {
    let names: [String]
    private let maps: [[Int]]

    init(_ columns: [LabelColumn]) {
        names = Array(Set(columns.flatMap(\.names))).sorted {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
        }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        maps = columns.map { column in column.names.map { index[$0]! } }
    }

    /// The union code of `code` in column `column`.
    @inline(__always)
    func code(_ column: Int, _ code: Int32) -> Int { maps[column][Int(code)] }
}
