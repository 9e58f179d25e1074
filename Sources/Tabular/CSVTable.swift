/// A CSV file read into columns keyed by its id column.
public struct CSVTable: Sendable {
    /// The file as the user named it, for messages.
    public let source: String
    /// Header names in file order.
    public let header: [String]
    /// The name of the id column.
    public let idColumn: String
    /// The id of every row, in file order, with a hash index.
    public let ids: IDColumn
    /// The physical line on which each row starts.
    public let lines: LineNumbers
    /// The kept columns by header name.
    public let columns: [String: Column]
    /// Rows the reader dropped as malformed (ragged, stray quotes), the first 50 of them.
    public let problems: [CSVProblem]
    /// How many more malformed rows there were beyond `problems`.
    public let moreProblems: Int

    /// Number of rows kept.
    public var rowCount: Int { ids.count }

    /// Creates a table (the reader's job; tests may build one directly).
    public init(
        source: String, header: [String], idColumn: String, ids: IDColumn, lines: LineNumbers,
        columns: [String: Column], problems: [CSVProblem] = [], moreProblems: Int = 0
    ) {
        self.source = source
        self.header = header
        self.idColumn = idColumn
        self.ids = ids
        self.lines = lines
        self.columns = columns
        self.problems = problems
        self.moreProblems = moreProblems
    }

    /// The kept label column `name`, if it was read as labels.
    public func labels(_ name: String) -> LabelColumn? {
        if case .labels(let column)? = columns[name] { return column }
        return nil
    }

    /// The kept number column `name`, if it was read as numbers.
    public func numbers(_ name: String) -> NumberColumn? {
        if case .numbers(let column)? = columns[name] { return column }
        return nil
    }

    /// The kept text column `name`, if it was read as text.
    public func texts(_ name: String) -> [String]? {
        if case .texts(let column)? = columns[name] { return column }
        return nil
    }
}
