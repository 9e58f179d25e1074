/// One problem found in a CSV file, located by line and column.
///
/// `line` is the 1-based physical line (the header is line 1; a quoted field spanning lines counts
/// every line). `column` is the header name when the header is known, otherwise the 1-based field number.
public struct CSVProblem: Sendable, Equatable, CustomStringConvertible {
    /// 1-based physical line number, or nil when the problem concerns the file as a whole.
    public let line: Int?
    /// The column's header name, or `#N` for a field beyond the header.
    public let column: String?
    /// What is wrong and what was expected.
    public let message: String

    /// Creates a problem at a location. Column names and messages are cut (100 and 1,000 characters) so
    /// a hostile file — a 50 MB header, say — cannot make an error message as large as itself.
    public init(line: Int?, column: String?, message: String) {
        self.line = line
        self.column = column.map { $0.count > 100 ? String($0.prefix(100)) + "…" : $0 }
        self.message = message.count > 1000 ? String(message.prefix(1000)) + "…" : message
    }

    /// A header for a message: the names joined by commas, cut to 200 characters.
    public static func describe(header: [String]) -> String {
        let joined = header.joined(separator: ",")
        return joined.count > 200 ? String(joined.prefix(200)) + "…" : joined
    }

    /// `line 17, column "label": message`.
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \"\(column)\"") }
        return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
    }
}

/// A CSV file that cannot be read at all: the problem names the file, line and column.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// Where and what.
    public let problem: CSVProblem

    /// Creates an error for `file`.
    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.problem = CSVProblem(line: line, column: column, message: message)
    }

    /// `file.csv, line 3, column "id": message`.
    public var description: String { "\(file), \(problem)" }
}
