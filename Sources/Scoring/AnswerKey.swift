import Foundation
import MLMetrics
import Tabular

/// The hidden solution of one task: every test id's true value and whether it is Public or Private.
public struct AnswerKey: Sendable {
    /// How the task is scored.
    public let spec: TaskSpec
    /// The solution file, for messages.
    public let source: String
    /// The test ids, in solution order.
    public let ids: IDColumn
    /// Per row: true when the row belongs to the Private part.
    public let isPrivate: [Bool]
    /// The true values.
    public let truth: TruthValues
    /// The label set in code order (sorted by code point); empty for numeric and answer tasks.
    public let classes: [String]
    /// Group codes per row, when the spec names a group column.
    public let groups: [Int32]?
    /// The slices of the rows, when the spec names a slice column.
    public let slices: SliceIndex?

    /// Number of rows in `split`.
    public func count(_ split: Split) -> Int { isPrivate.lazy.filter { $0 == (split == .private) }.count }

    /// The code of the positive label, if it is one of the classes.
    public var positiveCode: Int? { classes.firstIndex(of: spec.positiveLabel) }

    /// Reads and checks a solution file: the id and target columns, an optional `Usage` column
    /// (Public / Private in any case; rows without one are Public) and the group column if named.
    public static func load(path: String, spec: TaskSpec) throws(ScoringError) -> AnswerKey {
        let input = try spec.input()
        let targetKind: ColumnKind =
            switch input {
            case .labels, .probabilities: .label
            case .numbers: .number
            case .answers: .text
            }
        var columns: [String: ColumnKind] = [spec.target: targetKind, "Usage": .label, "usage": .label]
        if let group = spec.groupColumn { columns[group] = .label }
        if let slices = spec.sliceColumn { columns[slices] = .label }
        let table: CSVTable
        do {
            table = try spec.readAnswerKey(
                path: path, options: CSVReadOptions(idColumn: spec.idColumn, columns: columns))
        } catch {
            throw .invalidAnswerKey(file: path, problems: [error.problem])
        }
        return try AnswerKey(table: table, spec: spec, input: input)
    }

    /// Builds a key from a table already read with the right columns.
    init(table: CSVTable, spec: TaskSpec, input: BuiltinMetric.Input) throws(ScoringError) {
        var problems = ProblemList()
        for problem in table.problems { problems.add(problem) }
        problems.count(table.moreProblems)
        for duplicate in table.ids.duplicates.prefix(ProblemList.limit) {
            problems.add(
                line: Int(table.lines[duplicate.row]), column: spec.idColumn,
                "duplicate id \(shown(table.ids[duplicate.row])) (first at line \(table.lines[duplicate.firstRow]))")
        }
        let required = [spec.target] + [spec.groupColumn, spec.sliceColumn].compactMap { $0 }
        for needed in required where !table.header.contains(needed) {
            problems.add(
                line: 1, column: needed, "missing column; the header has \(CSVProblem.describe(header: table.header))")
        }
        if table.rowCount == 0 { problems.add(line: nil, column: nil, "the solution has no rows") }
        guard problems.isEmpty else { throw .invalidAnswerKey(file: table.source, problems: problems.problems) }

        var isPrivate = [Bool](repeating: false, count: table.rowCount)
        if let usage = table.labels("Usage") ?? table.labels("usage") {
            // "Private", "private" and "PRIVATE" are different interned names with one meaning.
            let privateCodes = usage.names.map { $0.lowercased() == "private" }
            for (code, name) in usage.names.enumerated() where !["public", "private"].contains(name.lowercased()) {
                let row = usage.codes.firstIndex(of: Int32(code))!
                problems.add(line: Int(table.lines[row]), column: "Usage", "\(shown(name)) is not Public or Private")
            }
            for row in 0..<table.rowCount { isPrivate[row] = privateCodes[Int(usage.codes[row])] }
        }

        var classes: [String] = []
        let truth: TruthValues
        switch table.columns[spec.target]! {
        case .labels(let column):
            (truth, classes) = Self.recode(
                column, to: spec.classes, lines: table.lines, spec: spec, problems: &problems)
        case .numbers(let column):
            for (row, text) in column.unparsed.sorted(by: { $0.key < $1.key }) {
                problems.add(line: Int(table.lines[row]), column: spec.target, "\(shown(text)) is not a number")
            }
            if let row = column.values.indices.first(where: {
                column.unparsed[$0] == nil && !column.values[$0].isFinite
            }) {
                problems.add(line: Int(table.lines[row]), column: spec.target, "the target must be a finite number")
            }
            truth = .numbers(column.values)
        case .texts(let column):
            truth = .answers(column.map(Self.goldAnswers))
        }
        if input == .probabilities && classes.count < 2 {
            problems.add(
                line: nil, column: spec.target, "probability metrics need at least two classes, found \(classes.count)")
        }
        if input == .labels || input == .probabilities, spec.metrics.contains(where: Self.isBinary),
            classes.count > 2 || (classes.count == 2 && !classes.contains(spec.positiveLabel))
        {
            problems.add(
                line: nil, column: spec.target,
                "binary metrics need two classes including the positive label \(shown(spec.positiveLabel)); "
                    + "the classes are \(classes.joined(separator: ", "))")
        }
        guard problems.isEmpty else { throw .invalidAnswerKey(file: table.source, problems: problems.problems) }

        self.spec = spec
        self.source = table.source
        self.ids = table.ids
        self.isPrivate = isPrivate
        self.truth = truth
        self.classes = classes
        self.groups = spec.groupColumn.flatMap { table.labels($0)?.codes }
        self.slices = spec.sliceColumn.flatMap { table.labels($0) }.map(SliceIndex.init(column:))
    }

    private static func isBinary(_ metric: BuiltinMetric) -> Bool {
        [.precision, .recall, .f1, .rocAUC, .museRCExactMatch].contains(metric)
    }

    /// Re-codes solution labels into the task's declared classes (sorted by code point).
    private static func recode(
        _ column: LabelColumn, to declared: [String]?, lines: LineNumbers, spec: TaskSpec, problems: inout ProblemList
    ) -> (TruthValues, [String]) {
        guard let declared else { return (.labels(column.codes), column.names) }
        let classes = LabelCoding(declared).names
        let coding = LabelCoding(classes)
        var map = [Int32](repeating: -1, count: column.names.count)
        for (code, name) in column.names.enumerated() {
            if let target = coding.code(of: name) {
                map[code] = Int32(target)
            } else {
                let row = column.codes.firstIndex(of: Int32(code))!
                problems.add(
                    line: Int(lines[row]), column: spec.target,
                    "\(shown(name)) is not one of the task's classes \(classes.joined(separator: ", "))")
            }
        }
        return (.labels(column.codes.map { map[Int($0)] }), classes)
    }

    /// A cell holding a JSON array of strings is several gold answers; anything else is one.
    static func goldAnswers(_ cell: String) -> [String] {
        if cell.hasPrefix("["), let data = cell.data(using: .utf8),
            let answers = try? JSONDecoder().decode([String].self, from: data), !answers.isEmpty
        {
            return answers
        }
        return [cell]
    }
}
