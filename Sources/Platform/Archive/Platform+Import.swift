import Competitions
import EventArchive
import Foundation
import Storage

extension Platform {
    /// What an import did.
    public struct ImportResult: Sendable {
        /// The archive's manifest.
        public let manifest: ArchiveManifest
        /// Files stored.
        public let files: Int
    }

    /// Reads the event archive at `path` into this platform's store, which must hold no event (unless `replace`:
    /// then what it holds is deleted first, in the same transaction). The archive is verified whole first — a
    /// damaged, unfinished or partial archive is refused naming its first bad part, before anything is written —
    /// then every row goes in with its own keys in one transaction: all of it or nothing.
    @discardableResult
    public func importEvent(from path: String, replace: Bool = false) throws -> ImportResult {
        let manifest = try Self.verifiedArchive(path)
        guard manifest.schema == archiveSchema else {
            let first = zip(manifest.schema, archiveSchema).first { $0 != $1 }.map(\.0)
            throw PlatformError(
                .archiveRefused,
                "the archive was exported by a Podium with another schema (\(first ?? "\(manifest.schema.count) migrations")); import it with the Podium that exported it"
            )
        }
        let targets = try store.read { try $0.archiveTables() }
        let folders = URL(fileURLWithPath: dataDirectory).appendingPathComponent("competitions")
        let scratch = folders.appendingPathComponent(".import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var stored = 0
        try store.write { store in
            if replace {
                try store.deleteArchivedRows()
            } else if let held = try targets.first(where: {
                try !store.archiveRows(of: $0, competition: nil, offset: 0, limit: 1).isEmpty
            }) {
                throw PlatformError(
                    .notEmpty,
                    "this \(self.store is AppDatabase ? "data folder" : "database") holds an event already (its \(held.name) table has rows); import into an empty one, or pass --replace to delete what it holds"
                )
            }
            try EventArchiveReader.read(path: path) { part in
                let name = part.name
                if name.hasPrefix("tables/") {
                    try importRows(part, manifest: manifest, targets: targets, into: store)
                } else if name.hasPrefix("files/") {
                    try importFile(part, sha256: String(name.dropFirst("files/".count)), into: store)
                    stored += 1
                } else if name.hasPrefix("competitions/") {
                    try Self.unpack(part, relative: String(name.dropFirst("competitions/".count)), into: scratch)
                } else {
                    throw PlatformError(.archiveRefused, "\(name): a part this Podium does not know")
                }
            }
            for slug in manifest.competitions {
                try placeFolder(of: slug, from: scratch.appendingPathComponent(slug), under: folders, in: store)
            }
            try store.continueKeysAfterImport()
        }
        return ImportResult(manifest: manifest, files: stored)
    }

    /// The manifest of the whole archive at `path`, or `archive_refused` naming its first bad part.
    public static func verifiedArchive(_ path: String) throws -> ArchiveManifest {
        guard FileManager.default.fileExists(atPath: path) else {
            throw PlatformError(.notFound, "\(path): no such archive")
        }
        do {
            return try EventArchiveReader.verify(path: path)
        } catch let error as ArchiveError {
            throw PlatformError(.archiveRefused, "\(path) is not a whole event archive: \(error)")
        }
    }

    /// One part of a table's rows, its columns put in the order this database has them.
    private func importRows(
        _ part: ArchivePart, manifest: ArchiveManifest, targets: [ArchiveManifest.Table], into store: any StoreWriter
    ) throws {
        let tableName = part.name.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        guard let source = manifest.tables.first(where: { $0.name == tableName }) else {
            throw PlatformError(.archiveRefused, "\(part.name): rows of a table the manifest does not list")
        }
        guard let target = targets.first(where: { $0.name == tableName }),
            Set(target.columns.map(\.name)) == Set(source.columns.map(\.name))
        else {
            throw PlatformError(.archiveRefused, "\(part.name): the table's columns differ from this database's")
        }
        let order = target.columns.map { column in source.columns.firstIndex { $0.name == column.name }! }
        let text = String(decoding: try part.data(), as: UTF8.self)
        var rows: [[ArchiveValue]] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            do {
                let values = try ArchiveRow.values(of: line, columns: source.columns)
                rows.append(order.map { values[$0] })
            } catch let error as ArchiveError {
                throw PlatformError(.archiveRefused, "\(part.name), line \(index + 1): \(error.message)")
            }
        }
        try store.insertArchiveRows(rows, into: target)
    }

    /// A submitted file, kept by its hash (checked) where this platform keeps files.
    private func importFile(_ part: ArchivePart, sha256: String, into store: any StoreWriter) throws {
        let scratch = "\(dataDirectory)/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let temporary = "\(scratch)/import-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try Self.write(part, to: temporary)
        guard try FileStore.hash(of: temporary) == sha256 else {
            throw PlatformError(.archiveRefused, "\(part.name): its bytes do not hash to its name")
        }
        try files.store(temporary, sha256: sha256)
        try share(files.path(of: sha256), sha256: sha256, in: store)
    }

    /// Places a competition's imported folder: on one box at `competitions/<slug>` in the data folder, recorded as
    /// the competition's folder; elsewhere its files shared through the store, as a load shares them.
    private func placeFolder(of slug: String, from unpacked: URL, under folders: URL, in store: any StoreWriter)
        throws
    {
        guard var record = try store.competition(slug) else {
            throw PlatformError(.archiveRefused, "the archive lists competition \(slug) but holds no row of it")
        }
        if fileSharing == .local {
            let target = folders.appendingPathComponent(slug)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: unpacked, to: target)
            record.folder = target.path
            try store.save(record)
            return
        }
        var manifest: [String: String] = [:]
        let root = unpacked.path
        for relative in try Self.relativeFiles(under: root) {
            let sha256 = try files.store("\(root)/\(relative)")
            try share(files.path(of: sha256), sha256: sha256, in: store)
            manifest[relative] = sha256
        }
        try store.replaceCompetitionFiles(competition: slug, files: manifest)
    }

    /// Writes a `competitions/<slug>/<path>` part under `folder`, refusing a path that climbs out of it.
    private static func unpack(_ part: ArchivePart, relative: String, into folder: URL) throws {
        let components = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard components.count >= 2, !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw PlatformError(.archiveRefused, "\(part.name): not a path inside a competition's folder")
        }
        let target = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try write(part, to: target.path)
    }

    private static func write(_ part: ArchivePart, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw PlatformError(.internalError, "cannot write \(path)") }
        defer { try? handle.close() }
        try part.read { try handle.write(contentsOf: Data($0)) }
    }

    private static func relativeFiles(under root: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(relative)", isDirectory: &isFolder),
                !isFolder.boolValue
            {
                paths.append(relative)
            }
        }
        return paths.sorted()
    }
}
