import Scoring
import Tabular

/// Writes predictions in the shared shapes, atomically (a temporary file renamed into place), so a
/// failed run never leaves a half-written output.
public enum PredictionWriter {
    /// Writes `values` for the ids of `reference` (in its row order) to `path`, in `format`: CSV, JSON Lines
    /// (`{"idx": 0, "label": "entailment"}`: whole numbers stay numbers), or MuSeRC's passages — the
    /// passages, questions and answers of `reference`'s own file, each answer given its label.
    public static func write(
        _ values: PredictionFile.Values, ids reference: PredictionFile, to path: String, format: TaskFormat = .csv
    ) throws(EnsembleError) {
        switch format {
        case .csv: break
        case .jsonl: return try writeJSONLines(values, ids: reference, to: path)
        case .rsgMuserc: return try writeMuSeRC(values, ids: reference, to: path)
        }
        let ids = reference.ids
        let header: [String]
        switch values {
        case .labels(let column, _), .scores(let column, _): header = [reference.idColumn, column]
        case .probabilities(let classes, _): header = [reference.idColumn] + classes
        }
        // Rows are formatted in parts on every core (a million rows of shortest round-trip doubles take a
        // third of a second on one), each part written as soon as it and those before it are ready.
        let width = header.count
        let file = try EnsembleError.wrapping { () throws(CSVError) in try AtomicFileWriter(path: path) }
        try EnsembleError.wrapping { () throws(CSVError) in try file.append(CSVWriter(header: header).bytes) }
        try parallelForEach(rowRanges(ids.count)) { (range) throws(EnsembleError) -> CSVWriter in
            var writer = CSVWriter(rowsOf: width, capacity: range.count * width * 20)
            for row in range {
                ids.withIDBytes(ofRow: row) { writer.append(utf8: $0) }
                switch values {
                case .labels(_, let labels): writer.append(labels[row])
                case .scores(_, let scores): writer.append(scores[row])
                case .probabilities(_, let columns): for column in columns { writer.append(column[row]) }
                }
            }
            return writer
        } inOrder: { (part) throws(EnsembleError) in
            try EnsembleError.wrapping { () throws(CSVError) in try file.append(part.bytes) }
        }
        try EnsembleError.wrapping { () throws(CSVError) in try file.commit() }
    }

    /// The rows split into parts for `parallelForEach`: one part for small files.
    private static func rowRanges(_ count: Int) -> [Range<Int>] {
        let parts = count < 50_000 ? 1 : 16
        let size = (count + parts - 1) / parts
        return stride(from: 0, to: max(count, 1), by: max(size, 1)).map { $0..<min($0 + size, count) }
    }

    private static func writeJSONLines(_ values: PredictionFile.Values, ids reference: PredictionFile, to path: String)
        throws(EnsembleError)
    {
        var writer = JSONLinesWriter()
        let ids = reference.ids
        for row in 0..<ids.count {
            var members: [(String, JSONValue)] = [(reference.idColumn, JSONLinesWriter.value(ofText: ids[row]))]
            switch values {
            case .labels(let column, let labels): members.append((column, JSONLinesWriter.value(ofText: labels[row])))
            case .scores(let column, let scores): members.append((column, JSONLinesWriter.value(ofNumber: scores[row])))
            case .probabilities(let classes, let columns):
                for (name, column) in zip(classes, columns) {
                    members.append((name, JSONLinesWriter.value(ofNumber: column[row])))
                }
            }
            writer.append(members)
        }
        try EnsembleError.wrapping { () throws(CSVError) in try writer.write(to: path) }
    }

    private static func writeMuSeRC(_ values: PredictionFile.Values, ids reference: PredictionFile, to path: String)
        throws(EnsembleError)
    {
        guard case .labels(_, let labels) = values else {
            throw EnsembleError(file: path, "MuSeRC takes a label (0 or 1) per answer, not \(reference.shapeName)")
        }
        var byAnswer: [String: String] = [:]
        for row in 0..<reference.ids.count { byAnswer[reference.ids[row]] = labels[row] }
        let passages: [(line: Int, value: JSONValue)]
        passages = try EnsembleError.wrapping { () throws(CSVError) in
            try JSONLinesReader.values(path: reference.source)
        }
        var writer = JSONLinesWriter()
        for (line, passage) in passages {
            guard case .object(let fields) = passage, let id = fields[reference.idColumn],
                case .object(let body)? = fields["passage"], case .array(let questions)? = body["questions"]
            else { throw EnsembleError(file: reference.source, line: line, "not a MuSeRC passage line") }
            var filled: [JSONValue] = []
            for question in questions {
                guard case .object(let q) = question, let questionID = q[reference.idColumn],
                    case .array(let answers)? = q["answers"]
                else { throw EnsembleError(file: reference.source, line: line, "a question without idx and answers") }
                var written: [JSONValue] = []
                for answer in answers {
                    guard case .object(let a) = answer, let answerID = a[reference.idColumn]?.labelText,
                        let label = byAnswer[answerID]
                    else { throw EnsembleError(file: reference.source, line: line, "an answer without a prediction") }
                    written.append(
                        .object([
                            reference.idColumn: JSONLinesWriter.value(ofText: answerID),
                            "label": JSONLinesWriter.value(ofText: label),
                        ]))
                }
                filled.append(.object([reference.idColumn: questionID, "answers": .array(written)]))
            }
            writer.append([(reference.idColumn, id), ("passage", .object(["questions": .array(filled)]))])
        }
        try EnsembleError.wrapping { () throws(CSVError) in try writer.write(to: path) }
    }
}
