import Foundation
import Logging
import PostgresNIO

/// Runs `SQL` on one PostgreSQL connection (inside the transaction the store began on it), waiting for
/// postgres-nio's futures: the store's callers are the platform's own threads, never an event loop.
struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger

    var dialect: SQLDialect { .postgres }

    func fetch<T>(_ sql: SQL, _ decode: (inout RowReader<PostgresCells>) throws -> T) throws -> [T] {
        try send(sql).rows.map { row in
            var reader = RowReader(PostgresCells(row: PostgresRandomAccessRow(row)))
            return try decode(&reader)
        }
    }

    @discardableResult
    func execute(_ sql: SQL) throws -> Int { try send(sql).metadata.rows ?? 0 }

    /// Wakes the workers listening on any machine, when this transaction commits.
    func announceQueuedJob() throws { try execute("SELECT pg_notify(\(PostgresStore.jobsChannel), '')") }

    private func send(_ sql: SQL) throws -> PostgresQueryResult {
        let (text, values) = sql.rendered(for: .postgres)
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let int): try bindings.append(int)
            case .real(let double): try bindings.append(double)
            case .text(let text): try bindings.append(text)
            case .blob(let data): try bindings.append(data)
            case .boolean(let bool): try bindings.append(bool)
            case .date(let date): try bindings.append(date)
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: text, binds: bindings), logger: logger).wait()
        } catch {
            throw StoreError.database("\(String(reflecting: error))")
        }
    }
}

/// A PostgreSQL row read by position.
struct PostgresCells: SQLRow {
    let row: PostgresRandomAccessRow

    func isNull(_ index: Int) -> Bool { row[index].bytes == nil }
    func int64(_ index: Int) throws -> Int64 { try row[index].decode(Int64.self) }
    func double(_ index: Int) throws -> Double { try row[index].decode(Double.self) }
    func string(_ index: Int) throws -> String { try row[index].decode(String.self) }
    func bool(_ index: Int) throws -> Bool { try row[index].decode(Bool.self) }
    func date(_ index: Int) throws -> Date { try row[index].decode(Date.self) }
    func data(_ index: Int) throws -> Data { try row[index].decode(Data.self) }
}
