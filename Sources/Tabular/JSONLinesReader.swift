#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the rows of a JSON Lines file are laid out.
public enum JSONLinesLayout: Sendable, Equatable {
    /// One object per line and one row per line: the object's fields are the columns
    /// (`{"idx": 0, "label": "entailment"}`).
    case flat
    /// Russian SuperGLUE's MuSeRC: one passage per line,
    /// `{"idx": 0, "passage": {"questions": [{"idx": 0, "answers": [{"idx": 0, "label": 1}]}]}}`, read as one
    /// row per answer: the id column holds the answer's idx, `groupColumn` its question's idx, the other
    /// columns the answer's fields — or, when the answer lacks one, the passage line's (`Usage`).
    case museRC(groupColumn: String)
}

/// Reads JSON Lines files into the same `CSVTable` the CSV reader makes, so answer keys and submissions
/// in Russian SuperGLUE's formats are checked and scored by the same code as CSV ones. Values become
/// columns as the options say: labels from strings, numbers (as written) and booleans (`true`/`false`);
/// numbers from JSON numbers (anything else is kept as unparsed text, for the validator to name); text from
/// strings, numbers and booleans, and an array (several gold answers) as its JSON. Each problem names the
/// line and the field (`passage.questions[2].answers[0].label` inside a MuSeRC passage); a line with a
/// problem is left out, as a malformed CSV row is.
public enum JSONLinesReader {
    /// Reads the file at `path`.
    public static func read(path: String, options: CSVReadOptions, layout: JSONLinesLayout = .flat) throws(CSVError)
        -> CSVTable
    {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(CSVError) -> CSVTable in
            try read(bytes: file.bytes, source: path, options: options, layout: layout)
        }
    }

    /// Every non-blank line of the file at `path` as a JSON value with its line number; the first line that
    /// is not JSON is an error (for files read as they are, such as a MuSeRC layout to fill in).
    public static func values(path: String) throws(CSVError) -> [(line: Int, value: JSONValue)] {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(CSVError) -> [(line: Int, value: JSONValue)] in
            try checkEncoding(file.bytes, source: path)
            var values: [(line: Int, value: JSONValue)] = []
            try forEachLine(file.bytes) { (text, line) throws(CSVError) in
                do throws(JSONParser.Failure) {
                    values.append((line, try JSONParser.parse(text)))
                } catch {
                    throw CSVError(file: path, line: line, message: "not JSON: \(error.message) (byte \(error.offset))")
                }
            }
            return values
        }
    }

    /// One JSON value written as `text` (an event's stored fields, say).
    public static func value(of text: String) throws(CSVError) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(CSVError) -> JSONValue in
            do throws(JSONParser.Failure) {
                return try JSONParser.parse(buffer)
            } catch {
                throw CSVError(file: "JSON", line: 1, message: "not JSON: \(error.message) (byte \(error.offset))")
            }
        }
    }

    /// Reads JSON Lines text held in memory; `source` names it in messages.
    public static func read(text: String, source: String, options: CSVReadOptions, layout: JSONLinesLayout = .flat)
        throws(CSVError) -> CSVTable
    {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(CSVError) -> CSVTable in
            try read(bytes: buffer, source: source, options: options, layout: layout)
        }
    }

    /// Reads JSON Lines bytes; `source` names them in messages.
    public static func read(
        bytes: UnsafeBufferPointer<UInt8>, source: String, options: CSVReadOptions, layout: JSONLinesLayout = .flat
    ) throws(CSVError) -> CSVTable {
        try checkEncoding(bytes, source: source)
        var builder = RowsBuilder(options: options, layout: layout)
        forEachLine(bytes) { text, line in
            builder.lines += 1
            do throws(JSONParser.Failure) {
                builder.add(try JSONParser.parse(text), line: line)
            } catch {
                builder.problem(line: line, field: nil, "not JSON: \(error.message) (byte \(error.offset) of the line)")
            }
        }
        guard builder.lines > 0 else {
            throw CSVError(
                file: source,
                message:
                    "the file has no lines; expected one JSON object per line such as {\"\(options.idColumn)\": 0, \"label\": …}"
            )
        }
        return builder.table(source: source)
    }

    /// Refuses a file that is not UTF-8 as a whole (UTF-16, or an invalid byte, with its line).
    private static func checkEncoding(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(CSVError) {
        if let encoding = UTF16Detection.encoding(of: bytes) {
            throw CSVError(file: source, line: 1, message: "the file is \(encoding), not UTF-8; save it as UTF-8")
        }
        if let bad = firstInvalidUTF8(bytes) {
            let line = 1 + bytes[..<bad].lazy.filter { $0 == 0x0A }.count
            throw CSVError(
                file: source, line: line,
                message:
                    "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); save the file as UTF-8")
        }
    }

    /// Calls `body` with each line that is not blank (without its CR LF or LF) and its 1-based number; a
    /// UTF-8 byte-order mark is skipped.
    private static func forEachLine<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws(E) -> Void
    ) throws(E) {
        var start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var last = end
            if last > start && bytes[last - 1] == 0x0D { last -= 1 }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<last])
            if text.contains(where: { ![0x20, 0x09].contains($0) }) { try body(text, line) }
            start = end + 1
            line += 1
        }
    }
}

/// The rows of a JSON Lines file as they are read: each kept value by column, the problems so far.
private struct RowsBuilder {
    let options: CSVReadOptions
    let layout: JSONLinesLayout
    /// Non-blank lines seen.
    var lines = 0
    var ids: [String] = []
    var rowLines = LineNumbers()
    /// Column name → per-row value (nil: absent on that row).
    var values: [String: [JSONValue?]] = [:]
    /// Column names in the order first seen.
    var header: [String] = []
    var problems: [CSVProblem] = []
    var moreProblems = 0

    init(options: CSVReadOptions, layout: JSONLinesLayout) {
        self.options = options
        self.layout = layout
        header = [options.idColumn]
    }

    mutating func problem(line: Int, field: String?, _ message: String) {
        if problems.count < options.problemLimit {
            problems.append(CSVProblem(line: line, column: field, message: message))
        } else {
            moreProblems += 1
        }
    }

    /// Whether a field other than the id is kept, and how.
    func kind(of field: String) -> ColumnKind? { options.columns[field] ?? options.otherColumns }

    mutating func add(_ value: JSONValue, line: Int) {
        guard case .object(let object) = value else {
            problem(
                line: line, field: nil,
                "expected a JSON object such as {\"\(options.idColumn)\": 0, …}, found \(value.kind)")
            return
        }
        switch layout {
        case .flat: addRow(object, line: line, path: "", inherited: [:])
        case .museRC(let groupColumn): addPassage(object, line: line, groupColumn: groupColumn)
        }
    }

    /// One row from `object`; fields it lacks come from `inherited` (the passage line's).
    mutating func addRow(_ object: [String: JSONValue], line: Int, path: String, inherited: [String: JSONValue]) {
        let idField = options.idColumn
        guard let id = object[idField] else {
            problem(line: line, field: path + idField, "missing field; every object needs its \"\(idField)\"")
            return
        }
        let idText: String
        switch id {
        case .string(let text), .number(let text): idText = text
        default:
            problem(line: line, field: path + idField, "expected a number or a string, found \(id.kind)")
            return
        }
        var kept: [(String, JSONValue)] = []
        let merged = inherited.merging(object, uniquingKeysWith: { $1 })
        for name in merged.keys.sorted() where name != idField {
            let value = merged[name]!
            guard kind(of: name) != nil else { continue }
            let field = (object[name] != nil ? path : "") + name
            if let problem = check(value, kind: kind(of: name)!) {
                self.problem(line: line, field: field, problem)
                return
            }
            kept.append((name, value))
        }
        let row = ids.count
        ids.append(idText)
        rowLines.append(Int32(clamping: line))
        for (name, value) in kept {
            if values[name] == nil {
                values[name] = [JSONValue?](repeating: nil, count: row)
                header.append(name)
            }
            values[name]!.append(value)
        }
        for name in values.keys where values[name]!.count == row { values[name]!.append(nil) }
    }

    /// A problem with `value` as a column of `kind`, or nil.
    func check(_ value: JSONValue, kind: ColumnKind) -> String? {
        switch (kind, value) {
        case (.label, .object), (.label, .array), (.label, .null):
            "expected a string, a number or true/false, found \(value.kind)"
        case (.text, .object), (.text, .null):
            "expected a string (or an array of strings), found \(value.kind)"
        default: nil
        }
    }

    /// The answers of one MuSeRC passage, as rows.
    mutating func addPassage(_ object: [String: JSONValue], line: Int, groupColumn: String) {
        guard case .object(let passage)? = object["passage"] else {
            problem(
                line: line, field: "passage",
                "missing or not an object; a MuSeRC line is {\"idx\": …, \"passage\": {\"questions\": […]}}")
            return
        }
        guard case .array(let questions)? = passage["questions"] else {
            problem(line: line, field: "passage.questions", "missing or not an array of questions")
            return
        }
        var inherited = object.filter { $0.key != "passage" && $0.key != options.idColumn }
        for (q, question) in questions.enumerated() {
            let path = "passage.questions[\(q)]"
            guard case .object(let fields) = question, let questionID = fields[options.idColumn]?.labelText,
                case .array(let answers)? = fields["answers"]
            else {
                problem(line: line, field: path, "expected {\"\(options.idColumn)\": …, \"answers\": […]}")
                continue
            }
            inherited[groupColumn] = .string(questionID)
            for (a, answer) in answers.enumerated() {
                guard case .object(let answerFields) = answer else {
                    problem(line: line, field: "\(path).answers[\(a)]", "expected an object, found \(answer.kind)")
                    continue
                }
                addRow(answerFields, line: line, path: "\(path).answers[\(a)].", inherited: inherited)
            }
        }
    }

    /// The table of every row read; a row that lacks a column other rows have is left out, named.
    mutating func table(source: String) -> CSVTable {
        var keep = [Bool](repeating: true, count: ids.count)
        for name in header.dropFirst() {
            for (row, cell) in values[name]!.enumerated() where cell == nil && keep[row] {
                keep[row] = false
                problem(line: Int(rowLines[row]), field: name, "missing field; other lines have it")
            }
        }
        if keep.contains(false) {
            let rows = keep.indices.filter { keep[$0] }
            ids = rows.map { ids[$0] }
            rowLines = LineNumbers(rows.map { rowLines[$0] })
            for name in header.dropFirst() { values[name] = rows.map { values[name]![$0] } }
            problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        }
        var columns: [String: Column] = [:]
        for (name, cells) in values {
            switch kind(of: name)! {
            case .label:
                columns[name] = .labels(LabelColumn(cells.map { $0?.labelText ?? "" }))
            case .number:
                var numbers = [Double](repeating: .nan, count: cells.count)
                var unparsed: [Int: String] = [:]
                for (row, cell) in cells.enumerated() {
                    if case .number(let text)? = cell, let value = Double(text) {
                        numbers[row] = value
                    } else {
                        unparsed[row] = String((cell.map { $0.labelText ?? $0.kind } ?? "a missing field").prefix(64))
                    }
                }
                columns[name] = .numbers(NumberColumn(values: numbers, unparsed: unparsed))
            case .text:
                columns[name] = .texts(
                    cells.map { cell in
                        if case .array? = cell { return cell!.json }
                        return cell?.labelText ?? ""
                    })
            }
        }
        var idColumn = IDColumn(indexed: options.indexIDs)
        idColumn.reserveCapacity(ids.count, bytes: ids.reduce(0) { $0 + $1.utf8.count })
        for id in ids { withBytes(of: id) { idColumn.append($0, $1) } }
        idColumn.buildIndex()
        return CSVTable(
            source: source, header: header, idColumn: options.idColumn, ids: idColumn, lines: rowLines,
            columns: columns, problems: problems, moreProblems: moreProblems)
    }
}
