import Foundation

/// Submitted files stored by content hash in a folder beside the database (`files/ab/abcdef…`).
/// A file is written to a temporary name and renamed into place, and never overwritten: the same
/// content always has the same path.
public struct FileStore: Sendable {
    /// The root folder.
    public let root: URL

    /// A store under `root` (created when missing).
    public init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// The path of the file with this hash.
    public func path(of sha256: String) -> String {
        root.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256).path
    }

    /// The SHA-256 of the file at `path`, read in 1 MiB chunks.
    public static func hash(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(chunk) }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of `bytes`, in hex.
    public static func hash(of bytes: Data) -> String { SHA256.hex(bytes) }

    /// Writes `bytes` under `sha256` after checking that they hash to it (a copy fetched from elsewhere is
    /// never trusted); returns the path.
    @discardableResult
    public func write(_ bytes: Data, sha256: String) throws -> String {
        guard Self.hash(of: bytes) == sha256 else {
            throw CocoaError(
                .fileReadCorruptFile,
                userInfo: [NSLocalizedDescriptionKey: "the stored bytes of \(sha256) do not hash to it"])
        }
        let target = path(of: sha256)
        let manager = FileManager.default
        if manager.fileExists(atPath: target) { return target }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString).tmp")
        try bytes.write(to: temporary)
        if rename(temporary.path, target) != 0 {
            try? manager.removeItem(at: temporary)
            if !manager.fileExists(atPath: target) {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        return target
    }

    /// Copies the file at `path` into the store (unless already there); returns its hash.
    @discardableResult
    public func store(_ path: String, sha256 known: String? = nil) throws -> String {
        let sha256 = try known ?? Self.hash(of: path)
        let target = self.path(of: sha256)
        let manager = FileManager.default
        if manager.fileExists(atPath: target) { return sha256 }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(sha256).\(UUID().uuidString).tmp")
        try manager.copyItem(at: URL(fileURLWithPath: path), to: temporary)
        if rename(temporary.path, target) != 0 {
            try? manager.removeItem(at: temporary)
            if !manager.fileExists(atPath: target) {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        return sha256
    }
}
