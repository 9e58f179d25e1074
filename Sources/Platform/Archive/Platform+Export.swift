import Competitions
import EventArchive
import Foundation
import Storage

/// An event's whole life in one file: `exportEvent` writes every table, every submitted file and each competition's
/// folder as loaded into an event archive, from one snapshot of the store, a page of rows at a time (memory flat
/// in the event's size); `importEvent` (Platform+Import) reads it back into either backend.
extension Platform {
    /// Rows per part of a table: the most one part holds in memory, written or read.
    static let archivePageRows = 500

    /// Writes the event (or one competition of it) to the archive at `path` (`.tar.gz`), read from one snapshot of
    /// the store; returns its manifest. The archive appears at `path` only once whole.
    @discardableResult
    public func exportEvent(to path: String, competition only: String? = nil) throws -> ArchiveManifest {
        let writer = try EventArchiveWriter(path: path)
        let source = store is AppDatabase ? "sqlite" : "postgres"
        let now = self.now
        let (tables, competitions, fileHashes) = try store.read { reader in
            let records = try reader.competitions().filter { only == nil || $0.slug == only }
            if let only, records.isEmpty { throw PlatformError(.notFound, "no competition \"\(only)\"") }
            var hashes = Set<String>()
            var tables: [ArchiveManifest.Table] = []
            for var table in try reader.archiveTables() {
                table.rows = try exportRows(of: table, competition: only, from: reader, into: writer) { row in
                    if table.name == "submissionfile", let sha256 = Self.cell("sha256", of: row, in: table) {
                        hashes.insert(sha256)
                    }
                }
                tables.append(table)
            }
            return (tables, records, hashes)
        }
        for record in competitions { try exportFolder(of: record, into: writer) }
        for sha256 in fileHashes.sorted() { try writer.add("files/\(sha256)", file: try localPath(of: sha256)) }
        let manifest = ArchiveManifest(
            createdAt: now, source: source, schema: archiveSchema, competitions: competitions.map(\.slug),
            tables: tables)
        try writer.finish(manifest)
        return try EventArchiveReader.verify(path: path)
    }

    /// Writes `table`'s rows as parts of `archivePageRows` lines each; returns how many rows it has.
    private func exportRows(
        of table: ArchiveManifest.Table, competition: String?, from reader: any StoreReader,
        into writer: EventArchiveWriter, each: ([ArchiveValue]) -> Void
    ) throws -> Int {
        var count = 0
        var page = 0
        while true {
            let rows = try reader.archiveRows(
                of: table, competition: competition, offset: count, limit: Self.archivePageRows)
            guard !rows.isEmpty else { return count }
            page += 1
            rows.forEach(each)
            let text = rows.map { ArchiveRow.line($0) + "\n" }.joined()
            try writer.add(Self.tablePart(table.name, page: page), bytes: Data(text.utf8))
            count += rows.count
            if rows.count < Self.archivePageRows { return count }
        }
    }

    /// The name of a table's `page`th part.
    static func tablePart(_ table: String, page: Int) -> String {
        "tables/\(table)/\(String(format: "%06d", page)).jsonl"
    }

    /// The text in column `name` of `row`.
    static func cell(_ name: String, of row: [ArchiveValue], in table: ArchiveManifest.Table) -> String? {
        guard let index = table.columns.firstIndex(where: { $0.name == name }), case .text(let text) = row[index]
        else { return nil }
        return text
    }

    /// Writes the files of `record`'s folder that the platform reads (`sharedFiles`) as `competitions/<slug>/…`.
    private func exportFolder(of record: CompetitionRecord, into writer: EventArchiveWriter) throws {
        let (loaded, config) = try loaded(record, slug: record.slug)
        for relative in Self.sharedFiles(of: config, in: loaded.folder) {
            try writer.add("competitions/\(record.slug)/\(relative)", file: "\(loaded.folder)/\(relative)")
        }
    }

    /// The files of a competition folder other machines read (`referencedFiles`), but a public file that is a link
    /// out of the folder or into `hidden/` (an organiser's slip: the file route refuses it on one box; it is never
    /// copied elsewhere).
    static func sharedFiles(of config: CompetitionConfig, in folder: String) -> [String] {
        let folderURL = URL(fileURLWithPath: folder)
        let root = folderURL.resolvingSymlinksInPath().path
        return referencedFiles(of: config).filter { relative in
            let resolved = folderURL.appendingPathComponent(relative).resolvingSymlinksInPath().path
            return relative.hasPrefix("hidden/")
                || (resolved.hasPrefix(root + "/") && !resolved.hasPrefix(root + "/hidden/"))
        }
    }
}
