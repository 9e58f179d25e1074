import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO
import Timekeeping

/// The `Store` on PostgreSQL, for an event that spans machines: web replicas and scoring workers on
/// several hosts share one database.
///
/// Its calls are synchronous, like the SQLite store's, so the platform's code is the same over both: each
/// transaction checks a connection out of a small pool and waits for postgres-nio's futures (never on an
/// event loop: the platform runs on its callers' threads). Write transactions begin by taking one
/// transaction-scoped advisory lock, so writes are serialised exactly as SQLite's single writer serialises
/// them: every read-then-write of the platform (a quota charge, a reveal, a job's completion, the leader
/// before and after a score, the outbox cursor) is as safe under READ COMMITTED as on SQLite. Reads take
/// no lock and see one snapshot. Scoring itself runs outside any transaction, so the lock is held only
/// for the few statements of each write.
public final class PostgresStore: Store {
    /// Where the database is.
    public let location: PostgresLocation
    let pool: PostgresPool
    private let lockConnections = NIOLockedValueBox<[String: PostgresConnection]>([:])
    private let wakeUps = WakeUps()

    /// The channel on which committed jobs wake the workers.
    static let jobsChannel = "podium_jobs"

    /// The channel that announces jobs of `kind` (file jobs keep the name earlier processes listen on).
    static func channel(for kind: JobKind) -> String {
        kind == .files ? jobsChannel : "\(jobsChannel)_\(kind.rawValue)"
    }

    /// Connects to the database at `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`) and brings
    /// its schema up to date.
    public init(url: String, logger: Logger = Logger(label: "podium.postgres")) throws {
        location = try PostgresLocation(url: url)
        pool = PostgresPool(location: location, logger: logger)
        try migrate()
    }

    /// Runs `body` on a read-only snapshot. Its end is sent without waiting: a read-only transaction has nothing to
    /// commit, and the connection runs it before its next user's first statement.
    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", waitForCommit: false) {
            try body(SQLTransaction(sql: $0))
        }
    }

    /// Runs `body` in one write transaction, serialised with every other write.
    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try transaction("BEGIN") { executor in
            try executor.perform("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
            return try body(SQLTransaction(sql: executor))
        }
    }

    /// Runs `body`'s one statement outside any transaction: one message to the server instead of three.
    public func readOne<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try pool.withPooled { pooled in
            try body(
                SQLTransaction(
                    sql: PostgresExecutor(
                        connection: pooled.connection, logger: pool.logger, prepared: pooled.prepared,
                        ending: .oneStatement)))
        }
    }

    /// Runs `body` in one write transaction that commits with the first statement whose answer `body` reads: the
    /// write lock is released by the server, not after this process has woken up to read the answer.
    public func writeEndingInAnswer<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try transaction("BEGIN", ending: .withTheFirstAnswer) { executor in
            try executor.perform("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
            return try body(SQLTransaction(sql: executor))
        }
    }

    /// The advisory lock key of write transactions ("podium" in ASCII).
    static let writeLock: Int64 = 0x70_6f_64_69_75_6d

    /// The advisory lock key held while migrating, so processes starting together migrate once.
    static let migrationLock: Int64 = 0x70_6f_64_69_75_6d_6d

    private func transaction<T>(
        _ begin: String, waitForCommit: Bool = true, ending: PostgresExecutor.Ending = .byTheStore,
        _ body: (PostgresExecutor) throws -> T
    ) throws -> T {
        try pool.withPooled { pooled in
            let executor = PostgresExecutor(
                connection: pooled.connection, logger: pool.logger, prepared: pooled.prepared, ending: ending)
            try executor.perform(SQL(stringLiteral: begin))
            do {
                let result = try body(executor)
                try executor.commit(waiting: waitForCommit)
                return result
            } catch {
                _ = try? executor.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Applies the migrations this database has not seen (`Schema`), under a session advisory lock.
    private func migrate() throws {
        try pool.withConnection { connection in
            let executor = PostgresExecutor(connection: connection, logger: pool.logger)
            try executor.execute("SELECT pg_advisory_lock(\(Self.migrationLock))")
            defer { _ = try? executor.execute("SELECT pg_advisory_unlock(\(Self.migrationLock))") }
            try Schema.migrate(executor) { body in
                try executor.execute("BEGIN")
                do {
                    try body()
                    try executor.execute("COMMIT")
                } catch {
                    _ = try? executor.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// Creates the database `name` on the server of `url` (whose database must exist) and returns its URL:
    /// a fresh, empty database for a test or a new event.
    public static func createDatabase(_ name: String, server url: String) throws -> String {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !name.isEmpty else {
            throw StoreError.badURL("\(name): a database name is letters, digits and _")
        }
        let location = try PostgresLocation(url: url)
        let pool = PostgresPool(location: location, logger: Logger(label: "podium.postgres"))
        defer { pool.closeAll() }
        try pool.withConnection { connection in
            try PostgresExecutor(connection: connection, logger: pool.logger).execute("CREATE DATABASE \(raw: name)")
        }
        let credentials = location.password.map { "\(location.user):\($0)" } ?? location.user
        return "postgres://\(credentials)@\(location.host):\(location.port)/\(name)"
    }

    /// Holds `name` as a session-level advisory lock on a connection of its own: PostgreSQL releases it
    /// when that connection ends (the process died or lost the network), and another process takes over.
    /// Each call checks the connection is alive, so a holder that lost it stops acting at once.
    public func holdsLock(_ name: String) throws -> Bool {
        if let connection = lockConnections.withLockedValue({ $0[name] }) {
            let alive = (try? PostgresExecutor(connection: connection, logger: pool.logger).execute("SELECT 1")) != nil
            if alive { return true }
            _ = try? connection.close().wait()
            lockConnections.withLockedValue { $0[name] = nil }
        }
        let connection = try pool.connect()
        let executor = PostgresExecutor(connection: connection, logger: pool.logger)
        let key = "podium:\(name)"
        let taken =
            (try? executor.value("SELECT pg_try_advisory_lock(hashtextextended(\(key), 0))", as: Bool.self)) ?? nil
        guard taken == true else {
            _ = try? connection.close().wait()
            return false
        }
        lockConnections.withLockedValue { $0[name] = connection }
        return true
    }

    /// Waits for a `NOTIFY` on the channel of one of `kinds`, or `timeout`. The first call opens a listening
    /// connection (on every kind's channel); while it is down, this polls (sleeps) and tries again next time.
    public func waitForWork(upTo timeout: TimeInterval, kinds: [JobKind]) {
        let seen = wakeUps.jobs.generation(of: kinds)
        if !wakeUps.isListening {
            do {
                let connection = try pool.connect()
                let jobs = wakeUps.jobs
                let wakeUps = self.wakeUps
                for kind in JobKind.allCases {
                    _ = connection.addListener(channel: Self.channel(for: kind)) { _, _ in jobs.signal(kind) }
                }
                connection.closeFuture.whenComplete { _ in wakeUps.stopped() }
                wakeUps.listening(on: connection)
            } catch {
                pool.logger.warning("cannot listen for jobs, polling: \(error)")
            }
        }
        wakeUps.jobs.wait(after: seen, kinds: kinds, upTo: timeout)
    }

    /// Closes every connection, releasing the locks this process held.
    public func close() {
        for connection in lockConnections.withLockedValue({ locks in
            defer { locks = [:] }
            return Array(locks.values)
        }) {
            _ = try? connection.close().wait()
        }
        if let listener = wakeUps.stopListening() { _ = try? listener.close().wait() }
        pool.closeAll()
    }

    deinit { close() }

    /// The tables and their columns (lower case), for the schema-parity test.
    public func tableColumns() throws -> [String: Set<String>] {
        try pool.withConnection { connection in
            let executor = PostgresExecutor(connection: connection, logger: pool.logger)
            var tables: [String: Set<String>] = [:]
            for (table, column) in try executor.fetch(
                """
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> 'podiummigration'
                """, { (try $0.next(String.self), try $0.next(String.self)) })
            {
                tables[table, default: []].insert(column)
            }
            return tables
        }
    }
}

/// Where a PostgreSQL database is, from `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
public struct PostgresLocation: Sendable, Equatable {
    /// The user.
    public let user: String
    /// The password, if any.
    public let password: String?
    /// The host.
    public let host: String
    /// The port (default 5432).
    public let port: Int
    /// The database.
    public let database: String

    /// Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
    public static func isPostgres(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// Parses `url`; the error says what the form is.
    public init(url: String) throws {
        let form = "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        guard Self.isPostgres(url), let components = URLComponents(string: url) else {
            throw StoreError.badURL("\(url.redactingPassword): not a PostgreSQL URL; \(form)")
        }
        guard let user = components.percentEncodedUser?.removingPercentEncoding, !user.isEmpty else {
            throw StoreError.badURL("\(url.redactingPassword): no user; \(form)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.badURL("\(url.redactingPassword): no host; \(form)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError.badURL("\(url.redactingPassword): no database name; \(form)")
        }
        self.user = user
        self.password = components.percentEncodedPassword?.removingPercentEncoding
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
    }

    /// The URL without its password, for logs and messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}

/// A storage failure a person can act on.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// A database URL that cannot be used.
    case badURL(String)
    /// The database refused or failed a statement.
    case database(String)

    /// What happened.
    public var description: String {
        switch self {
        case .badURL(let message): message
        case .database(let message): message
        }
    }
}

extension String {
    /// A URL with `:password@` replaced by `:***@`, for messages and logs.
    public var redactingPassword: String {
        guard let at = firstIndex(of: "@"), let scheme = range(of: "://"),
            let colon = self[scheme.upperBound..<at].firstIndex(of: ":")
        else { return self }
        return String(self[..<colon]) + ":***" + String(self[at...])
    }
}

/// A few connections kept open for the store's transactions; a connection that failed is dropped.
final class PostgresPool: Sendable {
    let location: PostgresLocation
    let logger: Logger
    private let idle = NIOLockedValueBox<[Pooled]>([])
    private let nextID = NIOLockedValueBox(0)

    init(location: PostgresLocation, logger: Logger) {
        self.location = location
        self.logger = logger
    }

    // postgres-nio requires every connection to be closed before it is released.
    deinit { closeAll() }

    /// A connection of the pool and the statements prepared on it.
    struct Pooled {
        let connection: PostgresConnection
        let prepared = PreparedStatements()
    }

    /// Runs `body` on a connection, then returns it to the pool (or closes it when it failed).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withPooled { try body($0.connection) }
    }

    /// Runs `body` on a connection with its prepared statements, then returns it to the pool (or closes it when it
    /// failed).
    func withPooled<T>(_ body: (Pooled) throws -> T) throws -> T {
        let pooled = try idle.withLockedValue { $0.popLast() } ?? Pooled(connection: connect())
        do {
            let result = try body(pooled)
            idle.withLockedValue { $0.append(pooled) }
            return result
        } catch {
            if pooled.connection.isClosed {
                _ = try? pooled.connection.close().wait()
            } else {
                idle.withLockedValue { $0.append(pooled) }
            }
            throw error
        }
    }

    /// A new connection, outside the pool.
    func connect() throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        let id = nextID.withLockedValue {
            $0 += 1
            return $0
        }
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw StoreError.database("cannot connect to \(location.description): \(String(reflecting: error))")
        }
    }

    func closeAll() {
        for pooled in idle.withLockedValue({ list in
            defer { list = [] }
            return list
        }) {
            _ = try? pooled.connection.close().wait()
        }
    }
}

/// The listening connection of this process, and the wake-ups it signals. (Every stored property is touched only
/// under the lock, hence `@unchecked Sendable`.)
final class WakeUps: @unchecked Sendable {
    private let lock = NSLock()
    private var listener: PostgresConnection?
    /// What the channels' notifications signal.
    let jobs = JobWakeUps()

    var isListening: Bool { lock.withLock { listener != nil } }

    func listening(on connection: PostgresConnection) { lock.withLock { listener = connection } }

    /// The listening connection closed: the next wait opens another.
    func stopped() { lock.withLock { listener = nil } }

    func stopListening() -> PostgresConnection? {
        lock.withLock {
            defer { listener = nil }
            return listener
        }
    }
}
