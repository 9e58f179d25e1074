import Foundation
import GRDB

/// Owns the SQLite database (WAL, a `DatabasePool`) and its migrations.
///
/// Several processes may open the same file (the server and `podium work`): writes are IMMEDIATE
/// transactions, so SQLite serialises them across processes, and a busy database is waited for, not
/// failed.
public final class AppDatabase: Sendable {
    /// The connection pool.
    public let writer: DatabasePool
    private let locks = ProcessLocks()

    /// Opens (creating and migrating) the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        writer = try DatabasePool(path: path, configuration: configuration)
        try Self.migrate(writer)
    }

    /// The process lock `name` of this database file.
    func processLock(_ name: String) -> ProcessLock { locks.lock(name, path: "\(writer.path).\(name).lock") }

    /// The tables and their columns, lower-cased (PostgreSQL's catalogue spelling), for the schema-parity
    /// test; GRDB's and SQLite's own tables left out.
    public func tableColumns() throws -> [String: Set<String>] {
        try writer.read { db in
            var tables: [String: Set<String>] = [:]
            for table in try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table'
                    AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' AND name <> 'podiumMigration'
                    """)
            {
                tables[table.lowercased()] = Set(try db.columns(in: table).map { $0.name.lowercased() })
            }
            return tables
        }
    }

    /// Brings the schema up to date (`Schema`), each migration in its own IMMEDIATE transaction. A database an
    /// earlier Podium migrated with GRDB's migrator recorded the same names in `grdb_migrations`; they count.
    private static func migrate(_ writer: DatabasePool) throws {
        let formerlyApplied = try writer.read { db in
            try db.tableExists("grdb_migrations")
                ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        }
        try writer.writeWithoutTransaction { db in
            try Schema.migrate(SQLiteExecutor(db: db), alsoApplied: formerlyApplied) { body in
                try db.inTransaction(.immediate) {
                    try body()
                    return .commit
                }
            }
        }
    }
}

extension AppDatabase: Store {
    /// Runs `body` on a snapshot of the pool.
    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try writer.read { db in try body(SQLTransaction(sql: SQLiteExecutor(db: db))) }
    }

    /// Runs `body` in one IMMEDIATE transaction.
    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try writer.write { db in try body(SQLTransaction(sql: SQLiteExecutor(db: db))) }
    }

    /// `read`: a SQLite read costs no round trip.
    public func readOne<T>(_ body: (any StoreReader) throws -> T) throws -> T { try read(body) }

    /// `write`: SQLite's commit costs no round trip.
    public func writeEndingInAnswer<T>(_ body: (any StoreWriter) throws -> T) throws -> T { try write(body) }

    /// Polls: SQLite has no way to hear another process's commit.
    public func waitForWork(upTo timeout: TimeInterval, kinds: [JobKind]) { Thread.sleep(forTimeInterval: timeout) }

    /// `flock` on `<database>.<name>.lock`: one holder among the processes on this database file.
    public func holdsLock(_ name: String) throws -> Bool { try processLock(name).hold() }
}
