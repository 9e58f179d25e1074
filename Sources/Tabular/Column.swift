/// How the reader keeps a column.
public enum ColumnKind: Sendable, Equatable {
    /// Categorical strings, interned: one small integer code per row.
    case label
    /// Doubles parsed straight from the bytes.
    case number
    /// One `String` per row (free text such as answers).
    case text
}

/// A column the reader kept, in row order.
public enum Column: Sendable {
    /// Interned categorical values.
    case labels(LabelColumn)
    /// Parsed numbers.
    case numbers(NumberColumn)
    /// Free text.
    case texts([String])
}

/// Categorical values: `names[codes[row]]` is the row's value. `names` is sorted by Unicode code point
/// (the order of Python's `sorted` and scikit-learn's `np.unique`), so code order is label order.
public struct LabelColumn: Sendable, Equatable {
    /// Per-row index into `names`.
    public let codes: [Int32]
    /// Distinct values, sorted by code point.
    public let names: [String]

    /// Creates a column from codes and names (names must be sorted and distinct).
    public init(codes: [Int32], names: [String]) {
        self.codes = codes
        self.names = names
    }

    /// Encodes string values.
    public init(_ values: [String]) {
        let names = Array(Set(values)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        self.init(codes: values.map { index[$0]! }, names: names)
    }

    /// The value of `row`.
    public subscript(row: Int) -> String { names[Int(codes[row])] }
}

/// Parsed numbers. A field that is not a number holds NaN here and is listed in `unparsed`, so a
/// caller can tell a literal `nan` from garbage.
public struct NumberColumn: Sendable, Equatable {
    /// Per-row values.
    public let values: [Double]
    /// Rows whose field did not parse, with the field's text (truncated to 64 characters).
    public let unparsed: [Int: String]

    /// Creates a column.
    public init(values: [Double], unparsed: [Int: String] = [:]) {
        self.values = values
        self.unparsed = unparsed
    }
}
