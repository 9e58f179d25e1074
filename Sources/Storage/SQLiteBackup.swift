import Foundation
import GRDB

/// A live SQLite event copied without stopping it: SQLite's online backup API copies the database page by page
/// while the server goes on writing (each step sees one consistent state), then the files its submissions name
/// are linked (or copied) beside it. The result is a data folder `podium serve --data` opens as it is.
public enum SQLiteBackup {
    /// What a backup holds.
    public struct Summary: Sendable {
        /// Submissions in the copy.
        public let submissions: Int
        /// Files linked or copied.
        public let files: Int
    }

    /// Backs `database` (whose files are in `files`) up into the new folder `folder`, written as `folder.partial`
    /// and renamed into place once whole.
    public static func take(of database: AppDatabase, files: FileStore, into folder: String) throws -> Summary {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: folder) else {
            throw StoreError.database("\(folder) exists; a backup goes into a new folder")
        }
        let partial = folder + ".partial"
        try? manager.removeItem(atPath: partial)
        try manager.createDirectory(atPath: partial, withIntermediateDirectories: true)
        let copy = try DatabaseQueue(path: "\(partial)/podium.sqlite")
        try database.writer.backup(to: copy)
        let hashes = try copy.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM submissionFile") }
        let submissions = try copy.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission") ?? 0 }
        try copy.close()
        let target = try FileStore(root: URL(fileURLWithPath: "\(partial)/files"))
        for sha256 in hashes {
            let source = files.path(of: sha256)
            let destination = target.path(of: sha256)
            try manager.createDirectory(
                atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if link(source, destination) != 0 { try manager.copyItem(atPath: source, toPath: destination) }
        }
        guard rename(partial, folder) == 0 else {
            throw StoreError.database(
                "cannot move the finished backup to \(folder): \(String(cString: strerror(errno)))")
        }
        return Summary(submissions: submissions, files: hashes.count)
    }

    /// The problems of the backup (or data folder) `folder`: SQLite's integrity check, and every file its
    /// submissions name present with the bytes its hash says. Empty: whole.
    public static func problems(in folder: String) throws -> [String] {
        let path = "\(folder)/podium.sqlite"
        guard FileManager.default.fileExists(atPath: path) else { return ["\(path): no database"] }
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? database.close() }
        var problems = try database.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }.map { "podium.sqlite: \($0)" }
        }
        guard problems.isEmpty else { return problems }
        let hashes = try database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT sha256 FROM submissionFile ORDER BY sha256")
        }
        let files = try FileStore(root: URL(fileURLWithPath: "\(folder)/files"))
        for sha256 in hashes {
            let path = files.path(of: sha256)
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append("files/\(sha256.prefix(2))/\(sha256): missing")
                continue
            }
            if try FileStore.hash(of: path) != sha256 {
                problems.append("files/\(sha256.prefix(2))/\(sha256): damaged")
            }
        }
        return problems
    }
}
