import Scoring
import Tabular

/// The true values for validation or training rows: an id column and one target column (any name).
public struct LabelsFile: Sendable {
    /// The file, for messages.
    public let source: String
    /// The id column's name.
    public let idColumn: String
    /// The ids.
    public let ids: IDColumn
    /// The line of each row.
    public let lines: LineNumbers
    /// The target's header name.
    public let column: String
    /// The targets as labels.
    public let labels: LabelColumn

    /// Reads `path`: the id column and exactly one other column (in a JSON format — `format`, or a `.jsonl`
    /// name — the `label` field; other fields, such as the texts of a validation file, are left aside).
    public static func load(path: String, idColumn: String = "id", format: TaskFormat? = nil) throws(EnsembleError)
        -> LabelsFile
    {
        let format = format ?? TaskFormat.guess(path)
        let table: CSVTable
        do {
            let options =
                format == .csv
                ? CSVReadOptions(idColumn: idColumn, otherColumns: .label)
                : CSVReadOptions(idColumn: idColumn, columns: ["label": .label])
            table = try format.read(path: path, options: options, groupColumn: nil)
        } catch {
            throw EnsembleError(error)
        }
        try PredictionFile.checkRows(table)
        let others = table.header.filter { $0 != idColumn }
        guard others.count == 1 else {
            throw EnsembleError(
                file: path, line: 1,
                "a labels file needs \(idColumn) and one target column; found \(CSVProblem.describe(header: table.header))"
            )
        }
        return fromTable(table)
    }

    /// A labels file from a table read with every non-id column as labels (exactly one such column).
    public static func fromTable(_ table: CSVTable) -> LabelsFile {
        let column = table.header.first { $0 != table.idColumn }!
        return LabelsFile(
            source: table.source, idColumn: table.idColumn, ids: table.ids, lines: table.lines, column: column,
            labels: table.labels(column)!)
    }

    /// This file as a `PredictionFile` of labels, for id alignment.
    public var asPredictions: PredictionFile {
        PredictionFile(
            source: source, idColumn: idColumn, ids: ids, lines: lines, values: .labels(column: column, labels))
    }

    /// The targets as numbers (for regression); throws naming the first value that is not one.
    public func numbers() throws(EnsembleError) -> [Double] {
        var values: [Double] = []
        for row in 0..<ids.count {
            guard let value = NumberParser.parse(labels[row]), value.isFinite else {
                throw EnsembleError(
                    file: source, line: Int(lines[row]), column: column, "\"\(labels[row])\" is not a finite number")
            }
            values.append(value)
        }
        return values
    }
}
