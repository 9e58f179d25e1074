import Foundation

/// What a backend does with a statement written once (`SQL`): render it in its dialect, run it inside the
/// transaction it holds, and hand back rows. Everything else — which statements, in what order, what they
/// mean — is `SQLTransaction`'s, the same for both.
protocol SQLExecutor {
    associatedtype Row: SQLRow

    /// The dialect statements are rendered in.
    var dialect: SQLDialect { get }

    /// Runs `sql` and decodes each row with `decode`.
    func fetch<T>(_ sql: SQL, _ decode: (inout RowReader<Row>) throws -> T) throws -> [T]

    /// Runs `sql`; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: SQL) throws -> Int

    /// Runs `sql`, whose result nobody needs: a backend may send it and go on, so that the statements of a
    /// transaction travel together. Its failure is reported by the next call that waits (at the latest, the
    /// commit), in statement order.
    func perform(_ sql: SQL) throws

    /// Tells the scoring workers, on commit, that a job was queued (PostgreSQL's `NOTIFY`; SQLite's workers
    /// poll, so nothing to do).
    func announceQueuedJob(_ kind: JobKind) throws
}

extension SQLExecutor {
    /// The rows of `sql` as records.
    func records<T: RowDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> [T] {
        try fetch(sql) { try T(from: &$0) }
    }

    /// The first row of `sql` as a record.
    func record<T: RowDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> T? {
        try records(sql, as: type).first
    }

    /// The first column of every row.
    func column<T: SQLDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> [T] {
        try fetch(sql) { try $0.next(T.self) }
    }

    /// The first column of the first row (nil: no row).
    func value<T: SQLDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> T? {
        try column(sql, as: type).first
    }

    /// A `COUNT(*)`.
    func count(_ sql: SQL) throws -> Int { try value(sql, as: Int.self) ?? 0 }
}
