import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Runs `SQL` on one PostgreSQL connection (inside the transaction the store began on it), waiting for
/// postgres-nio's futures: the store's callers are the platform's own threads, never an event loop.
///
/// Statements whose result nobody needs (`perform`) are sent without waiting: the connection runs them in
/// order, and the next statement that is waited for (a read, or the commit) waits for them too. A transaction's
/// writes thus cost the caller one wake-up, not one per statement.
struct PostgresExecutor: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger
    private let inFlight = InFlight()

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var dialect: SQLDialect { .postgres }

    func fetch<T>(_ sql: SQL, _ decode: (inout RowReader<PostgresCells>) throws -> T) throws -> [T] {
        try wait(for: send(sql)).rows.map { row in
            var reader = RowReader(PostgresCells(row: PostgresRandomAccessRow(row)))
            return try decode(&reader)
        }
    }

    @discardableResult
    func execute(_ sql: SQL) throws -> Int { try wait(for: send(sql)).metadata.rows ?? 0 }

    func perform(_ sql: SQL) throws { inFlight.futures.append(try send(sql)) }

    /// Wakes the workers listening on any machine, when this transaction commits.
    func announceQueuedJob(_ kind: JobKind) throws {
        try perform("SELECT pg_notify(\(PostgresStore.channel(for: kind)), '')")
    }

    /// `query`'s result, once every statement sent before it has finished; the first failure among them wins
    /// (a later statement's failure is then only the transaction refusing more work).
    private func wait(for query: EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult {
        let result = Result { try query.wait() }
        var firstFailure: (any Error)?
        for earlier in inFlight.futures {
            do { _ = try earlier.wait() } catch { firstFailure = firstFailure ?? error }
        }
        inFlight.futures.removeAll()
        if let firstFailure { throw StoreError.database(String(reflecting: firstFailure)) }
        do {
            return try result.get()
        } catch {
            throw StoreError.database(String(reflecting: error))
        }
    }

    private func send(_ sql: SQL) throws -> EventLoopFuture<PostgresQueryResult> {
        let (text, values) = sql.rendered(for: dialect)
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
        return connection.query(PostgresQuery(unsafeSQL: text, binds: bindings), logger: logger)
    }

    /// The statements sent and not yet waited for, in order (one transaction's, on one thread).
    private final class InFlight {
        var futures: [EventLoopFuture<PostgresQueryResult>] = []
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
