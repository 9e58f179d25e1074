import Tabular

/// Joins files on their ids, never by position.
public enum Alignment {
    /// For each row of `reference`, the row of `other` with the same id. Throws unless both files hold
    /// exactly the same id set, naming the file and the first ids that differ.
    public static func rows(of other: PredictionFile, matching reference: PredictionFile) throws(EnsembleError) -> [Int]
    {
        let referenceRowOf = try referenceRows(of: other, matching: reference)
        var otherRowOf = [Int](repeating: 0, count: reference.ids.count)
        for (row, referenceRow) in referenceRowOf.enumerated() { otherRowOf[Int(referenceRow)] = row }
        return otherRowOf
    }

    /// For each row of `other`, the row of `reference` with the same id, checked as `rows(of:matching:)` checks.
    public static func referenceRows(of other: PredictionFile, matching reference: PredictionFile)
        throws(EnsembleError) -> [Int32]
    {
        let referenceRowOf = reference.ids.rows(matching: other.ids)
        try check(referenceRowOf, of: other, matching: reference)
        return referenceRowOf
    }

    /// Checks that `referenceRowOf` maps the two id sets one to one; the error names the file and the first
    /// ids that differ (a duplicate first, by row, then ids unknown to `reference`, then ids it lacks). The
    /// reference rows met are kept as bits (a million fit in the processor's cache, where a row number for
    /// each would not).
    private static func check(_ referenceRowOf: [Int32], of other: PredictionFile, matching reference: PredictionFile)
        throws(EnsembleError)
    {
        var seen = [UInt64](repeating: 0, count: (reference.ids.count + 63) / 64)
        var unknown: [Int] = []
        var duplicate: Int?
        seen.withUnsafeMutableBufferPointer { seen in
            referenceRowOf.withUnsafeBufferPointer { referenceRowOf in
                for row in 0..<referenceRowOf.count {
                    let referenceRow = Int(referenceRowOf[row])
                    guard referenceRow >= 0 else {
                        unknown.append(row)
                        continue
                    }
                    let bit: UInt64 = 1 << (referenceRow & 63)
                    if seen[referenceRow >> 6] & bit != 0 {
                        duplicate = row
                        return
                    }
                    seen[referenceRow >> 6] |= bit
                }
            }
        }
        if let row = duplicate {
            // Files read without an id index find their duplicates here.
            let first = referenceRowOf.firstIndex(of: referenceRowOf[row])!
            throw EnsembleError(
                file: other.source, line: Int(other.lines[row]), column: other.idColumn,
                "duplicate id \"\(other.ids[row])\" (first at line \(other.lines[first]))")
        }
        if !unknown.isEmpty {
            let first = unknown.prefix(3).map { "\"\(other.ids[$0])\"" }.joined(separator: ", ")
            throw EnsembleError(
                file: other.source, line: Int(other.lines[unknown[0]]), column: other.idColumn,
                "\(unknown.count) ids are not in \(reference.source) (first: \(first)); every file needs the same ids")
        }
        // Every row of `other` met a different reference row: none is missing when the counts agree.
        guard referenceRowOf.count < reference.ids.count else { return }
        let missing = (0..<reference.ids.count).filter { seen[$0 >> 6] & (1 << ($0 & 63)) == 0 }
        let first = missing.prefix(3).map { "\"\(reference.ids[$0])\"" }.joined(separator: ", ")
        throw EnsembleError(
            file: other.source, column: other.idColumn,
            "\(missing.count) ids of \(reference.source) are missing (first: \(first)); every file needs the same ids")
    }

    /// `files` reordered to the first file's row order; all must have the same shape and classes.
    public static func align(_ files: [PredictionFile]) throws(EnsembleError) -> [PredictionFile] {
        guard let reference = files.first else { throw EnsembleError("no input files") }
        return [reference]
            + (try parallelMap(Array(files.dropFirst())) { (file) throws(EnsembleError) -> PredictionFile in
                try checkSameShape(file, as: reference)
                return reorder(file, to: try rows(of: file, matching: reference), like: reference)
            })
    }

    /// `files` reordered to the row order of `labels` (the same id set is required of each), checked to
    /// share one shape, with class columns in the first file's order.
    public static func align(_ files: [PredictionFile], to labels: LabelsFile) throws(EnsembleError) -> [PredictionFile]
    {
        guard let first = files.first else { throw EnsembleError("no input files") }
        let target = labels.asPredictions
        let reference = PredictionFile(
            source: first.source, idColumn: labels.idColumn, ids: labels.ids, lines: labels.lines, values: first.values)
        return try parallelMap(files) { (file) throws(EnsembleError) -> PredictionFile in
            try checkSameShape(file, as: first)
            return reorder(file, to: try rows(of: file, matching: target), like: reference)
        }
    }

    /// Files of one blend must agree in shape; class columns are matched by name.
    public static func checkSameShape(_ file: PredictionFile, as reference: PredictionFile) throws(EnsembleError) {
        switch (reference.values, file.values) {
        case (.labels, .labels), (.scores, .scores): return
        case (.probabilities(let expected, _), .probabilities(let found, _)):
            if let missing = expected.first(where: { !found.contains($0) }) {
                throw EnsembleError(
                    file: file.source, line: 1, column: missing,
                    "class column missing; \(reference.source) has \(expected.joined(separator: ","))")
            }
            if let extra = found.first(where: { !expected.contains($0) }) {
                throw EnsembleError(
                    file: file.source, line: 1, column: extra,
                    "class \"\(extra)\" is not in \(reference.source) (\(expected.joined(separator: ",")))")
            }
        default:
            throw EnsembleError(
                file: file.source, line: 1,
                "holds \(file.shapeName), but \(reference.source) holds \(reference.shapeName)")
        }
    }

    /// The file's values permuted by `rows` (and class columns put in `reference`'s order).
    static func reorder(_ file: PredictionFile, to rows: [Int], like reference: PredictionFile) -> PredictionFile {
        let values: PredictionFile.Values
        switch file.values {
        case .labels(let column, let labels):
            values = .labels(column: column, LabelColumn(codes: rows.map { labels.codes[$0] }, names: labels.names))
        case .scores(let column, let scores):
            values = .scores(column: column, rows.map { scores[$0] })
        case .probabilities(let classes, let columns):
            guard case .probabilities(let order, _) = reference.values else { fatalError("shapes checked") }
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            values = .probabilities(
                classes: order,
                columns: order.map { name in
                    let column = columns[index[name]!]  // one lookup per column, not per value
                    return rows.map { column[$0] }
                })
        }
        return PredictionFile(
            source: file.source, idColumn: reference.idColumn, ids: reference.ids,
            lines: LineNumbers(rows.map { file.lines[$0] }), values: values)
    }
}
