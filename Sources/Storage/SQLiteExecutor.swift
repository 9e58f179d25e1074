import Foundation
import GRDB

/// Runs `SQL` on one GRDB database access (inside the transaction GRDB holds).
struct SQLiteExecutor: SQLExecutor {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func fetch<T>(_ sql: SQL, _ decode: (inout RowReader<SQLiteRow>) throws -> T) throws -> [T] {
        let (text, values) = sql.rendered(for: dialect)
        let rows = try GRDB.Row.fetchCursor(db, sql: text, arguments: Self.arguments(values))
        var results: [T] = []
        while let row = try rows.next() {
            var reader = RowReader(SQLiteRow(row: row))
            results.append(try decode(&reader))
        }
        return results
    }

    @discardableResult
    func execute(_ sql: SQL) throws -> Int {
        let (text, values) = sql.rendered(for: dialect)
        try db.execute(sql: text, arguments: Self.arguments(values))
        return db.changesCount
    }

    /// In-process: nothing to gain by waiting later.
    func perform(_ sql: SQL) throws { try execute(sql) }

    /// SQLite's workers poll: nothing to announce.
    func announceQueuedJob(_ kind: JobKind) throws {}

    private static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .null: nil
                case .integer(let int): int
                case .real(let double): double
                case .text(let text): text
                case .blob(let data): data
                case .boolean(let bool): bool
                case .date(let date): date
                }
            })
    }
}

/// A GRDB row read by position.
struct SQLiteRow: SQLRow {
    let row: GRDB.Row

    func isNull(_ index: Int) -> Bool { row.hasNull(atIndex: index) }
    func int64(_ index: Int) throws -> Int64 { try row.decode(Int64.self, atIndex: index) }
    func double(_ index: Int) throws -> Double { try row.decode(Double.self, atIndex: index) }
    func string(_ index: Int) throws -> String { try row.decode(String.self, atIndex: index) }
    func bool(_ index: Int) throws -> Bool { try row.decode(Bool.self, atIndex: index) }
    func date(_ index: Int) throws -> Date { try row.decode(Date.self, atIndex: index) }
    func data(_ index: Int) throws -> Data { try row.decode(Data.self, atIndex: index) }
}
