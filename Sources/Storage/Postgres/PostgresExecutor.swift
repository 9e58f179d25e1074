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
    /// The connection's prepared statements, when this executor runs inside a transaction the store began (nil:
    /// every statement is parsed and planned anew).
    let prepared: PreparedStatements?
    /// How the statements sent here end.
    let ending: Ending
    private let inFlight = InFlight()

    /// How the statements an executor sends end.
    enum Ending {
        /// The store ends the transaction after its body.
        case byTheStore
        /// The first statement whose answer is read carries the commit: the transaction's locks are released without
        /// waiting for this process to read that answer. No statement may follow it.
        case withTheFirstAnswer
        /// There is no transaction: the body runs one statement, on a snapshot of its own.
        case oneStatement
    }

    init(
        connection: PostgresConnection, logger: Logger, prepared: PreparedStatements? = nil,
        ending: Ending = .byTheStore
    ) {
        self.connection = connection
        self.logger = logger
        self.prepared = prepared
        self.ending = ending
    }

    var dialect: SQLDialect { .postgres }

    /// Ends the transaction the store began, unless a statement ended it already (`withTheFirstAnswer`): waiting for
    /// the commit and every statement before it, or not (a read has nothing to commit, and the connection runs the
    /// end before its next user's first statement).
    func commit(waiting: Bool) throws {
        guard !inFlight.ended else { return }
        let commit = try send("COMMIT")
        inFlight.ended = true
        if waiting { _ = try wait(for: commit) }
    }

    func fetch<T>(_ sql: SQL, _ decode: (inout RowReader<PostgresCells>) throws -> T) throws -> [T] {
        try answer(of: sendPrepared(sql)).map { row in
            var reader = RowReader(PostgresCells(row: PostgresRandomAccessRow(row)))
            return try decode(&reader)
        }
    }

    @discardableResult
    func execute(_ sql: SQL) throws -> Int { try answer(of: send(sql)).metadata.rows ?? 0 }

    func perform(_ sql: SQL) throws {
        let future = try sendPrepared(sql).map { _ in }
        if ending == .oneStatement {
            _ = try answer(of: future)
        } else {
            inFlight.futures.append(future)
        }
    }

    /// `query`'s answer, sent with the commit when this executor ends with its first answer; after an ending
    /// statement, nothing more is sent.
    private func answer<Result>(of query: EventLoopFuture<Result>) throws -> Result {
        switch ending {
        case .byTheStore: return try wait(for: query)
        case .oneStatement:
            inFlight.ended = true
            return try wait(for: query)
        case .withTheFirstAnswer:
            let commit = try send("COMMIT")
            inFlight.ended = true
            let result = try wait(for: query)
            _ = try wait(for: commit)
            return result
        }
    }

    /// Wakes the workers listening on any machine, when this transaction commits.
    func announceQueuedJob(_ kind: JobKind) throws {
        try perform("SELECT pg_notify(\(PostgresStore.channel(for: kind)), '')")
    }

    /// `query`'s result, once every statement sent before it has finished; the first failure among them wins
    /// (a later statement's failure is then only the transaction refusing more work).
    private func wait<Result>(for query: EventLoopFuture<Result>) throws -> Result {
        let result = Swift.Result { try query.wait() }
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

    /// Sends `sql` as the connection's prepared statement of its text (prepared on its first use here), or anew
    /// when this executor prepares nothing or the connection keeps as many statements as it may.
    private func sendPrepared(_ sql: SQL) throws -> EventLoopFuture<[PostgresRow]> {
        let (text, values) = sql.rendered(for: dialect)
        try checkNotEnded(text)
        guard let prepared, let statement = try prepared.statement(text, on: connection) else {
            return try send(sql).map(\.rows)
        }
        return statement.execute(values.map(\.postgresData))
    }

    private func send(_ sql: SQL) throws -> EventLoopFuture<PostgresQueryResult> {
        let (text, values) = sql.rendered(for: dialect)
        try checkNotEnded(text)
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

    /// Refuses a statement after the one the transaction ended with: a caller that broke its store call's promise.
    private func checkNotEnded(_ text: String) throws {
        guard !inFlight.ended else {
            throw StoreError.database("a statement after the one that ended the transaction: \(text)")
        }
    }

    /// The statements sent and not yet waited for, in order (one transaction's, on one thread), and whether the
    /// transaction ended with a statement.
    private final class InFlight {
        var futures: [EventLoopFuture<Void>] = []
        var ended = false
    }
}

/// The statements prepared on one connection, by text: PostgreSQL parses and plans each once per connection
/// instead of on every use. At most `limit` are kept; statements past it (lists of unusual lengths) go unprepared.
final class PreparedStatements: @unchecked Sendable {
    private var statements: [String: PreparedQuery] = [:]
    private let lock = NSLock()
    static let limit = 500

    /// The prepared statement of `text` on `connection`, prepared now on its first use (nil: over the limit).
    func statement(_ text: String, on connection: PostgresConnection) throws -> PreparedQuery? {
        if let known = lock.withLock({ statements[text] }) { return known }
        guard lock.withLock({ statements.count }) < Self.limit else { return nil }
        let prepared: PreparedQuery
        do {
            prepared = try connection.prepare(query: text).wait()
        } catch {
            throw StoreError.database(String(reflecting: error))
        }
        lock.withLock { statements[text] = prepared }
        return prepared
    }
}

extension SQLValue {
    /// The value as a prepared statement's parameter (the types of the unprepared path).
    var postgresData: PostgresData {
        switch self {
        case .null: .null
        case .integer(let int): PostgresData(int64: int)
        case .real(let double): PostgresData(double: double)
        case .text(let text): PostgresData(string: text)
        case .blob(let data): PostgresData(bytes: data)
        case .boolean(let bool): PostgresData(bool: bool)
        case .date(let date): PostgresData(date: date)
        }
    }
}

/// A PostgreSQL row read by position.
///
/// Every value arrives in binary: postgres-nio asks for binary results on both paths. Its prepared-statement path
/// describes the columns as they were described at preparation (text), so each cell is read as binary here.
struct PostgresCells: SQLRow {
    let row: PostgresRandomAccessRow

    private func cell(_ index: Int) -> PostgresCell {
        var cell = row[index]
        cell.format = .binary
        return cell
    }

    func isNull(_ index: Int) -> Bool { row[index].bytes == nil }
    func int64(_ index: Int) throws -> Int64 { try cell(index).decode(Int64.self) }
    func double(_ index: Int) throws -> Double { try cell(index).decode(Double.self) }
    func string(_ index: Int) throws -> String { try cell(index).decode(String.self) }
    func bool(_ index: Int) throws -> Bool { try cell(index).decode(Bool.self) }
    func date(_ index: Int) throws -> Date { try cell(index).decode(Date.self) }
    func data(_ index: Int) throws -> Data { try cell(index).decode(Data.self) }
}
