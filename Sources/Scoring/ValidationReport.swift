import Tabular

/// Everything wrong with a submission: the first problems in full and a count of the rest.
public struct ValidationReport: Sendable, CustomStringConvertible {
    /// The submission as the user named it.
    public let file: String
    /// The first `ProblemList.limit` problems.
    public let problems: [CSVProblem]
    /// How many more there were.
    public let more: Int

    /// Creates a report.
    public init(file: String, problems: [CSVProblem], more: Int) {
        self.file = file
        self.problems = problems
        self.more = more
    }

    /// One problem per line, then the count of the rest.
    public var description: String {
        var lines = ["\(file) is not a valid submission:"]
        lines += problems.map { "  \($0)" }
        if more > 0 { lines.append("  … and \(more) more problems") }
        return lines.joined(separator: "\n")
    }
}

/// Collects problems up to a limit and counts the rest.
struct ProblemList {
    static let limit = 50
    private(set) var problems: [CSVProblem] = []
    private(set) var more = 0

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(line: Int?, column: String?, _ message: String) {
        if problems.count < Self.limit {
            problems.append(CSVProblem(line: line, column: column, message: message))
        } else {
            more += 1
        }
    }

    mutating func add(_ problem: CSVProblem) { add(line: problem.line, column: problem.column, problem.message) }

    mutating func count(_ extra: Int) { more += extra }

    func report(file: String) -> ValidationReport { ValidationReport(file: file, problems: problems, more: more) }
}

/// A value for a message: quoted, control characters escaped, long values cut.
func shown(_ value: String) -> String {
    var text = value.count > 40 ? String(value.prefix(40)) + "…" : value
    text = text.unicodeScalars.map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    return "\"\(text)\""
}
