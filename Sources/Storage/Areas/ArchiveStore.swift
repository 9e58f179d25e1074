import EventArchive
import Foundation

/// What a transaction reads to export an event: every table as rows of cells, the same on both databases.
public protocol ArchiveReader {
    /// Every table an event archive holds — all of the schema's but where files live (an archive holds the files) —
    /// parents before children, each with its columns as this database lists them.
    func archiveTables() throws -> [ArchiveManifest.Table]

    /// Rows `offset..<offset + limit` of `table` (of one competition's, when given), in an order fixed by its
    /// columns.
    func archiveRows(of table: ArchiveManifest.Table, competition: String?, offset: Int, limit: Int) throws
        -> [[ArchiveValue]]
}

/// What a write transaction changes to import an event.
public protocol ArchiveWriter: ArchiveReader {
    /// Inserts `rows` into `table`, keys and all, as the archive holds them.
    func insertArchiveRows(_ rows: [[ArchiveValue]], into table: ArchiveManifest.Table) throws

    /// Deletes every row of every archived table and every stored file's bytes (an import told to replace).
    func deleteArchivedRows() throws

    /// After rows came in with their own keys: each table's numbered key goes on after the largest it holds
    /// (PostgreSQL's sequences; SQLite's AUTOINCREMENT follows by itself).
    func continueKeysAfterImport() throws
}

/// The schema an archive records and an import checks: the names of this Podium's migrations, in order.
public let archiveSchema: [String] = Schema.migrations.map(\.name)
