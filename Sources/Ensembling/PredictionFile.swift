import Scoring
import Tabular

/// One model's predictions, in one of the shapes every Podium tool shares:
/// labels (`id,label`), one score per row (`id,<name>`), or class probabilities (`id,<class>,…`).
///
/// The shape comes from the header: a single column named `label` holds labels, any other single
/// column holds numbers (a score, a positive-class probability or a regression value), and two or more
/// columns hold one probability per class, named by the class.
public struct PredictionFile: Sendable {
    /// The values of a file, by shape.
    public enum Values: Sendable {
        /// Labels; the column's header name is kept for output.
        case labels(column: String, LabelColumn)
        /// One number per row; the column's header name is kept for output.
        case scores(column: String, [Double])
        /// One column per class, in header order.
        case probabilities(classes: [String], columns: [[Double]])
    }

    /// The file as the user named it.
    public let source: String
    /// The id column's name.
    public let idColumn: String
    /// The ids, in file order.
    public let ids: IDColumn
    /// The line each row starts on.
    public let lines: LineNumbers
    /// The predictions.
    public let values: Values

    /// Creates a file from parts (tests, and results of blending).
    public init(source: String, idColumn: String, ids: IDColumn, lines: LineNumbers, values: Values) {
        self.source = source
        self.idColumn = idColumn
        self.ids = ids
        self.lines = lines
        self.values = values
    }

    /// This file's ids and lines with `other`'s values (a reference for reordering `other` into this order).
    public func withValues(of other: PredictionFile) -> PredictionFile {
        PredictionFile(source: other.source, idColumn: idColumn, ids: ids, lines: lines, values: other.values)
    }

    /// A short name of the shape, for messages.
    public var shapeName: String {
        switch values {
        case .labels: return "labels"
        case .scores: return "scores"
        case .probabilities(let classes, _): return "class probabilities (\(classes.joined(separator: ",")))"
        }
    }

    /// Reads `path`, checking what every method needs: well-formed CSV, unique ids, numbers that parse
    /// and are finite, probabilities in [0, 1].
    /// Pass `indexed: false` for a file that will only be aligned to another (a faster read; its
    /// duplicate ids are then reported by the alignment).
    /// A file in a JSON format (`format`, or a `.jsonl` name) is read as the platform reads it; a MuSeRC file
    /// as one label per answer.
    public static func load(
        path: String, idColumn: String = "id", indexed: Bool = true, format: TaskFormat? = nil
    ) throws(EnsembleError) -> PredictionFile {
        let format = format ?? TaskFormat.guess(path)
        let table: CSVTable
        do {
            var options = CSVReadOptions(
                idColumn: idColumn, columns: ["label": .label], otherColumns: format == .rsgMuserc ? nil : .number)
            options.indexIDs = indexed
            table = try format.read(path: path, options: options, groupColumn: nil)
        } catch {
            throw EnsembleError(error)
        }
        try checkRows(table)
        let valueColumns = table.header.filter { $0 != idColumn }
        guard !valueColumns.isEmpty else {
            throw EnsembleError(
                file: path, line: 1,
                "no prediction column; expected \(idColumn),label or \(idColumn),<score> or \(idColumn),<class>,…")
        }
        let values: Values
        if valueColumns == ["label"] {
            values = .labels(column: "label", table.labels("label")!)
        } else if valueColumns.count == 1 {
            values = .scores(column: valueColumns[0], try numbers(table, valueColumns[0], unit: false))
        } else {
            if valueColumns.contains("label") {
                throw EnsembleError(
                    file: path, line: 1, column: "label", "a class-probability file cannot have a label column")
            }
            var columns: [[Double]] = []
            for name in valueColumns { columns.append(try numbers(table, name, unit: true)) }
            values = .probabilities(classes: valueColumns, columns: columns)
        }
        return PredictionFile(source: path, idColumn: idColumn, ids: table.ids, lines: table.lines, values: values)
    }

    /// Malformed rows and duplicate ids are errors for every method.
    static func checkRows(_ table: CSVTable) throws(EnsembleError) {
        if let problem = table.problems.first {
            throw EnsembleError(file: table.source, line: problem.line, column: problem.column, problem.message)
        }
        if let duplicate = table.ids.duplicates.first {
            throw EnsembleError(
                file: table.source, line: Int(table.lines[duplicate.row]), column: table.idColumn,
                "duplicate id \"\(table.ids[duplicate.row])\" (first at line \(table.lines[duplicate.firstRow]))")
        }
        if table.rowCount == 0 { throw EnsembleError(file: table.source, "no rows") }
    }

    private static func numbers(_ table: CSVTable, _ name: String, unit: Bool) throws(EnsembleError) -> [Double] {
        let column = table.numbers(name)!
        if let (row, text) = column.unparsed.min(by: { $0.key < $1.key }) {
            throw EnsembleError(
                file: table.source, line: Int(table.lines[row]), column: name, "\"\(text)\" is not a number")
        }
        for (row, value) in column.values.enumerated() {
            if !value.isFinite {
                throw EnsembleError(
                    file: table.source, line: Int(table.lines[row]), column: name, "\(value) is not a finite number")
            }
            if unit && !(0...1).contains(value) {
                throw EnsembleError(
                    file: table.source, line: Int(table.lines[row]), column: name,
                    "\(value) is not a probability; expected a number in [0, 1]")
            }
        }
        return column.values
    }
}
