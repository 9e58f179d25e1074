import Competitions
import Foundation
import Storage
import Synchronization

extension Platform {
    /// Where submitted files and competition folders live, so that every process of an event can read them.
    public enum FileSharing: Sendable, Equatable {
        /// One box: files in `--data/files`, competitions read from their folders (SQLite's default).
        case local
        /// Several machines on PostgreSQL: the bytes are in the database, read back into a local cache
        /// in `--data/files` and checked against their SHA-256 there.
        case database
        /// Several machines sharing a folder (`--files DIR`): the bytes are in it, by SHA-256.
        case sharedFolder
    }

    /// Stores the bytes of a file the store must be able to hand to other machines (inside the caller's
    /// transaction, so a submission never names bytes that are not there). `withoutAsking` sends the bytes without
    /// first asking whether the store has them (the insert ignores a duplicate): no wait while the write lock is
    /// held, for uploads, which are small and rarely sent twice.
    func share(_ path: String, sha256: String, in store: any StoreWriter, withoutAsking: Bool = false) throws {
        switch fileSharing {
        case .local, .sharedFolder: return  // `files` already holds it where every process reads
        case .database:
            if try withoutAsking || !store.hasBlob(sha256: sha256) {
                try store.saveBlob(sha256: sha256, bytes: try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
    }

    /// The local path of the file with this SHA-256, fetched from the database (and verified) when this
    /// machine has not seen it yet.
    public func localPath(of sha256: String) throws -> String {
        let path = files.path(of: sha256)
        guard fileSharing == .database, !FileManager.default.fileExists(atPath: path) else { return path }
        guard let bytes = try store.read({ try $0.blob(sha256: sha256) }) else {
            throw PlatformError(.internalError, "the database holds no file \(sha256)")
        }
        do {
            return try files.write(bytes, sha256: sha256)
        } catch {
            throw PlatformError(.internalError, "the database's copy of file \(sha256) is damaged: \(error)")
        }
    }

    /// The relative paths of every file the platform reads from a competition folder: its config, README,
    /// public files, sample submissions and hidden solutions, probing tasks' train files, and a code round's hidden
    /// inputs and public samples (a worker on another machine reads them from its copy).
    static func referencedFiles(of config: CompetitionConfig) -> [String] {
        var paths =
            ["competition.yaml"] + (config.description.map { [$0] } ?? []) + (config.rules.map { [$0] } ?? [])
            + (config.files ?? [])
        for task in config.tasks {
            paths += [task.solution] + (task.sampleSubmission.map { [$0] } ?? []) + (task.files ?? [])
            paths += task.probeTrain.map { [$0] } ?? []
        }
        for round in config.rounds {
            for task in config.tasks(of: round) { paths.append(round.solution(of: task)) }
            paths += (round.codeRun?.inputs.values).map(Array.init) ?? []
            paths += (round.codeRun?.samples?.values).map(Array.init) ?? []
        }
        return Array(Set(paths)).sorted()
    }

    /// The folder this process reads a competition from: its own folder on one box; elsewhere a copy made
    /// from the recorded files (fetched and verified once per load, then reused).
    func localFolder(of record: CompetitionRecord) throws -> String {
        guard fileSharing != .local else { return record.folder }
        let key = "\(record.slug)@\(record.loadedAt.timeIntervalSince1970)"
        if let folder = folders.get(key) { return folder }
        let manifest = try store.read { try $0.competitionFiles(competition: record.slug) }
        let digest = SHA256.hex(manifest.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined())
        let folder = URL(fileURLWithPath: dataDirectory).appendingPathComponent("competitions")
            .appendingPathComponent("\(record.slug)-\(digest.prefix(16))")
        let manager = FileManager.default
        if !manager.fileExists(atPath: folder.appendingPathComponent(".complete").path) {
            let temporary = folder.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).tmp")
            defer { try? manager.removeItem(at: temporary) }
            for (relative, sha256) in manifest {
                let target = temporary.appendingPathComponent(relative)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try manager.copyItem(at: URL(fileURLWithPath: try localPath(of: sha256)), to: target)
            }
            _ = manager.createFile(atPath: temporary.appendingPathComponent(".complete").path, contents: Data())
            if rename(temporary.path, folder.path) != 0, !manager.fileExists(atPath: folder.path) {
                throw PlatformError(.internalError, "cannot place the files of \(record.slug) in \(folder.path)")
            }
        }
        folders.put(key, folder.path)
        return folder.path
    }
}

/// Local copies of competition folders, by slug and load time.
final class FolderCache: Sendable {
    private let folders = Mutex<[String: String]>([:])

    func get(_ key: String) -> String? { folders.withLock { $0[key] } }
    func put(_ key: String, _ folder: String) { folders.withLock { $0[key] = folder } }
    /// Drops the copies of `slug` (it was loaded again).
    func forget(_ slug: String) { folders.withLock { $0 = $0.filter { !$0.key.hasPrefix(slug + "@") } } }
}
