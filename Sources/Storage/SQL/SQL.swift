import Foundation

/// A value bound to a statement's placeholder, as both backends take it.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case boolean(Bool)
    case date(Date)
}

/// A Swift value that binds to a placeholder.
protocol SQLBindable { var sqlValue: SQLValue { get } }

extension Int64: SQLBindable { var sqlValue: SQLValue { .integer(self) } }
extension Int: SQLBindable { var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Double: SQLBindable { var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLBindable { var sqlValue: SQLValue { .boolean(self) } }
extension Date: SQLBindable { var sqlValue: SQLValue { .date(self) } }
extension Data: SQLBindable { var sqlValue: SQLValue { .blob(self) } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { map(\.sqlValue) ?? .null }
}

/// A state stored by its raw value (a submission's status, a job's state…): bound and read as text, so no
/// query spells a state as a literal.
protocol SQLTextEnum: SQLBindable, SQLDecodable, RawRepresentable where RawValue == String {}

extension SQLTextEnum {
    var sqlValue: SQLValue { .text(rawValue) }

    static func decode(_ row: some SQLRow, at index: Int) throws -> Self {
        let raw = try String.decode(row, at: index)
        guard let value = Self(rawValue: raw) else {
            throw StoreError.database("\"\(raw)\" is not a \(Self.self) (column \(index + 1))")
        }
        return value
    }
}

extension SubmissionStatus: SQLTextEnum {}
extension JobState: SQLTextEnum {}
extension JobKind: SQLTextEnum {}
extension RoundActionKind: SQLTextEnum {}
extension EventType: SQLTextEnum {}
extension DeliveryState: SQLTextEnum {}
extension ParticipantStatus: SQLTextEnum {}
extension InviteState: SQLTextEnum {}
extension MergeState: SQLTextEnum {}
extension AlertKind: SQLTextEnum {}
extension IntegrityKind: SQLTextEnum {}
extension IntegrityState: SQLTextEnum {}

/// What the two dialects spell differently, named where a statement needs it.
enum SQLFragment: Sendable {
    /// The seconds from one timestamp column to another, as a floating-point number.
    case secondsBetween(String, String)
    /// After a `SELECT … LIMIT`: the rows of `alias` are locked for this transaction, skipping those another
    /// holds (PostgreSQL); SQLite's single writer holds them already.
    case lockSkippingLocked(alias: String)
    /// A table's 64-bit key that the database numbers.
    case autoIncrementKey
    /// A column type: a moment in time.
    case timestampType
    /// A column type: bytes.
    case bytesType
    /// A whole statement: an INTEGER column of `table` made 64-bit, as every other integer column is, so a prepared
    /// statement's inferred parameter takes the 64-bit integers Podium binds (SQLite's integers are 64-bit already).
    case columnWidenedToBigint(table: String, column: String)
}

/// The two dialects Podium speaks.
enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// The placeholder of the `number`th bound value (from 1). PostgreSQL's carries the value's type, so a statement
    /// prepared once (its parameters' types inferred from its text) takes the same types every use binds.
    func placeholder(_ number: Int, of value: SQLValue) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(number)\(Self.postgresCast(of: value))"
        }
    }

    /// The cast that names the type PostgreSQL receives `value` as (none for NULL, whose type the text decides).
    private static func postgresCast(of value: SQLValue) -> String {
        switch value {
        case .null: ""
        case .integer: "::int8"
        case .real: "::float8"
        case .text: "::text"
        case .blob: "::bytea"
        case .boolean: "::bool"
        case .date: "::timestamptz"
        }
    }

    /// `fragment` in this dialect.
    func render(_ fragment: SQLFragment) -> String {
        switch (self, fragment) {
        case (.sqlite, .secondsBetween(let start, let end)): "((julianday(\(end)) - julianday(\(start))) * 86400.0)"
        case (.postgres, .secondsBetween(let start, let end)): "EXTRACT(EPOCH FROM (\(end) - \(start)))::float8"
        case (.sqlite, .lockSkippingLocked): ""
        case (.postgres, .lockSkippingLocked(let alias)): "FOR UPDATE OF \(alias) SKIP LOCKED"
        case (.sqlite, .autoIncrementKey): "INTEGER PRIMARY KEY AUTOINCREMENT"
        case (.postgres, .autoIncrementKey): "BIGSERIAL PRIMARY KEY"
        case (.sqlite, .timestampType): "DATETIME"
        case (.postgres, .timestampType): "TIMESTAMPTZ"
        case (.sqlite, .bytesType): "BLOB"
        case (.postgres, .bytesType): "BYTEA"
        case (.sqlite, .columnWidenedToBigint): "SELECT 1"
        case (.postgres, .columnWidenedToBigint(let table, let column)):
            "ALTER TABLE \(table) ALTER COLUMN \(column) TYPE BIGINT"
        }
    }
}

/// A statement written once for both backends: its text, with values bound by interpolation (`\(value)`),
/// lists expanded (`\(list: ids)`), trusted text spliced (`\(raw: "DESC")`) and dialect differences named
/// (`\(.timestampType)`). Rendered per dialect when it runs.
struct SQL: ExpressibleByStringInterpolation, Sendable {
    enum Piece: Sendable {
        case text(String)
        case value(SQLValue)
        case list([SQLValue])
        case fragment(SQLFragment)
    }

    var pieces: [Piece]

    init(stringLiteral value: String) { pieces = [.text(value)] }

    init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.pieces }

    struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        init(literalCapacity: Int, interpolationCount: Int) { pieces.reserveCapacity(interpolationCount * 2 + 1) }

        mutating func appendLiteral(_ literal: String) { pieces.append(.text(literal)) }

        mutating func appendInterpolation(_ value: some SQLBindable) { pieces.append(.value(value.sqlValue)) }

        /// An optional binds as its value or NULL.
        mutating func appendInterpolation<Value: SQLBindable>(_ value: Value?) {
            pieces.append(.value(value?.sqlValue ?? .null))
        }

        /// `(v1, v2, …)`; `(NULL)` for an empty list, so `x IN \(list: [])` matches nothing.
        mutating func appendInterpolation<C: Collection>(list values: C) where C.Element: SQLBindable {
            pieces.append(.list(values.map(\.sqlValue)))
        }

        /// Text the code itself chose (a column name, a sort direction), never a user's value.
        mutating func appendInterpolation(raw text: String) { pieces.append(.text(text)) }

        mutating func appendInterpolation(_ fragment: SQLFragment) { pieces.append(.fragment(fragment)) }

        /// Another statement's text and values, spliced in (an optional condition).
        mutating func appendInterpolation(_ sql: SQL) { pieces += sql.pieces }
    }

    /// `parts` one after another, `separator` between them (rows of a VALUES list).
    static func joined(_ parts: [SQL], separator: String) -> SQL {
        var joined = SQL(stringLiteral: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { joined.pieces.append(.text(separator)) }
            joined.pieces += part.pieces
        }
        return joined
    }

    /// The text with this dialect's placeholders, and the values in their order.
    func rendered(for dialect: SQLDialect) -> (text: String, values: [SQLValue]) {
        var text = ""
        var values: [SQLValue] = []
        func bind(_ value: SQLValue) {
            values.append(value)
            text += dialect.placeholder(values.count, of: value)
        }
        for piece in pieces {
            switch piece {
            case .text(let literal): text += literal
            case .value(let value): bind(value)
            case .fragment(let fragment): text += dialect.render(fragment)
            case .list(let list):
                guard !list.isEmpty else {
                    text += "(NULL)"
                    continue
                }
                text += "("
                for (index, value) in list.enumerated() {
                    if index > 0 { text += ", " }
                    bind(value)
                }
                text += ")"
            }
        }
        return (text, values)
    }
}
