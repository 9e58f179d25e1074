/// What the reader keeps from a file.
public struct CSVReadOptions: Sendable {
    /// The header name of the id column; it must be present.
    public var idColumn: String
    /// Columns to keep, by header name, and how. A listed column absent from the header is not an
    /// error here: the caller compares `CSVTable.header` with what it needs and says what is missing.
    public var columns: [String: ColumnKind]
    /// How to keep every column not listed in `columns` (nil: skip them).
    public var otherColumns: ColumnKind?
    /// How many row problems to keep in `CSVTable.problems` before only counting.
    public var problemLimit: Int
    /// Build a hash index over the ids (needed to look rows up or detect duplicates in this file;
    /// a file that is only looked up in another can skip it).
    public var indexIDs = true
    /// Whether rows of an id and plain numbers are read in one pass each (`CSVScanner.scanPlainRow`); tests turn
    /// it off to compare with reading every row field by field.
    var readsPlainRowsWhole = true

    /// Creates options.
    public init(
        idColumn: String = "id", columns: [String: ColumnKind] = [:], otherColumns: ColumnKind? = nil,
        problemLimit: Int = 50
    ) {
        self.idColumn = idColumn
        self.columns = columns
        self.otherColumns = otherColumns
        self.problemLimit = problemLimit
    }
}
