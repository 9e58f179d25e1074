import Foundation

/// One row of a result, as each backend reads its columns (by position, from 0).
protocol SQLRow {
    /// Whether the column holds NULL.
    func isNull(_ index: Int) -> Bool
    func int64(_ index: Int) throws -> Int64
    func double(_ index: Int) throws -> Double
    func string(_ index: Int) throws -> String
    func bool(_ index: Int) throws -> Bool
    func date(_ index: Int) throws -> Date
    func data(_ index: Int) throws -> Data
}

/// A value read from a column.
protocol SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self
}

extension Int64: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self { try row.int64(index) }
}
extension Int: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self { Int(try row.int64(index)) }
}
extension Double: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self { try row.double(index) }
}
extension String: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self { try row.string(index) }
}
extension Bool: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self { try row.bool(index) }
}
extension Date: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self { try row.date(index) }
}
extension Data: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self { try row.data(index) }
}
extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) throws -> Self {
        row.isNull(index) ? nil : try Wrapped.decode(row, at: index)
    }
}

/// Reads a row's columns in the order the statement selected them.
struct RowReader<Row: SQLRow> {
    let row: Row
    private var index = 0

    init(_ row: Row) { self.row = row }

    /// The next column, decoded.
    mutating func next<T: SQLDecodable>(_ type: T.Type = T.self) throws -> T {
        defer { index += 1 }
        return try T.decode(row, at: index)
    }
}

/// A record read from the columns its type lists, in that order.
protocol RowDecodable {
    /// The columns `init(from:)` reads, comma-separated.
    static var columns: String { get }
    init(from reader: inout RowReader<some SQLRow>) throws
}

extension RowDecodable {
    /// The columns, each qualified by `alias` (a table's name in a join).
    static func columns(_ alias: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }
            .joined(separator: ", ")
    }
}
