import Crypto
import Foundation

/// Reads an event archive front to back. `verify` reads it all and says whether it is whole — every part present
/// with the size and SHA-256 the manifest gives, the manifest last, nothing after it — naming the first part that is
/// not; `read` hands each part to a caller, after a `verify`, to import.
public enum EventArchiveReader {
    /// The manifest's name in the archive.
    public static let manifestName = "manifest.json"

    /// The manifest of the archive at `path`, when the archive is whole; otherwise the first problem, with its part.
    public static func verify(path: String) throws -> ArchiveManifest {
        var seen: [ArchiveManifest.Part] = []
        var manifest: ArchiveManifest?
        try members(of: path) { part in
            let name = part.name
            if name == manifestName {
                let json = try part.data()
                do {
                    manifest = try ArchiveManifest.decoder().decode(ArchiveManifest.self, from: json)
                } catch {
                    throw ArchiveError(part: name, "not a readable manifest: \(error)")
                }
                return
            }
            guard manifest == nil else { throw ArchiveError(part: name, "a part after the manifest") }
            var hash = SHA256()
            try part.read { hash.update(bufferPointer: $0) }
            seen.append(
                .init(name: name, bytes: part.size, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined())
            )
        }
        guard let manifest else {
            throw ArchiveError(
                part: seen.last?.name, "the archive has no manifest: it was never finished (an export cut short?)")
        }
        guard manifest.format == ArchiveManifest.formatName else {
            throw ArchiveError(part: manifestName, "not a Podium event archive (format \(manifest.format))")
        }
        guard manifest.version == ArchiveManifest.currentVersion else {
            throw ArchiveError(
                part: manifestName,
                "format version \(manifest.version); this Podium reads version \(ArchiveManifest.currentVersion)")
        }
        for (index, part) in seen.enumerated() {
            guard index < manifest.parts.count, manifest.parts[index].name == part.name else {
                throw ArchiveError(part: part.name, "not where the manifest lists it")
            }
            guard manifest.parts[index] == part else {
                throw ArchiveError(part: part.name, "its bytes differ from what the manifest recorded: it is damaged")
            }
        }
        if manifest.parts.count > seen.count {
            throw ArchiveError(part: manifest.parts[seen.count].name, "missing from the archive")
        }
        return manifest
    }

    /// Hands every part but the manifest to `body` in archive order. Verify the archive first: this reads without
    /// checking hashes.
    public static func read(path: String, _ body: (ArchivePart) throws -> Void) throws {
        try members(of: path) { part in
            guard part.name != manifestName else { return }
            try body(part)
        }
    }

    private static func members(of path: String, _ body: (ArchivePart) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ArchiveError("cannot read \(path)") }
        defer { try? handle.close() }
        let gzip = try GzipFileReader(handle: handle)
        var previous: String?
        while true {
            let header: [UInt8]
            do {
                header = try gzip.read(TarFormat.block)
            } catch let error as ArchiveError {
                throw ArchiveError(part: previous.map { "after \($0)" }, error.message)
            }
            guard let (name, size) = try TarFormat.member(of: header, after: previous) else { break }
            let part = ArchivePart(name: name, size: size, gzip: gzip)
            do {
                try body(part)
                if !part.consumed { try gzip.read(Int(size)) { _ in } }
                _ = try gzip.read(TarFormat.padding(after: size))
            } catch let error as ArchiveError where error.part == nil {
                throw ArchiveError(part: name, error.message)
            }
            previous = name
        }
        do {
            _ = try gzip.read(TarFormat.block)
            while !gzip.atEnd { _ = try gzip.read(1) }
        } catch let error as ArchiveError {
            throw ArchiveError(part: "the archive's end", error.message)
        }
        if try gzip.trailingBytes() { throw ArchiveError(part: "the archive's end", "bytes follow the archive's end") }
    }
}

/// One member of an archive being read: its name, its size and its bytes, read once.
public final class ArchivePart {
    /// Its name in the archive.
    public let name: String
    /// Its size in bytes.
    public let size: Int64
    fileprivate let gzip: GzipFileReader
    fileprivate private(set) var consumed = false

    fileprivate init(name: String, size: Int64, gzip: GzipFileReader) {
        self.name = name
        self.size = size
        self.gzip = gzip
    }

    /// Its bytes, handed to `piece` as they are inflated (once per part).
    public func read(_ piece: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(!consumed, "a part is read once")
        consumed = true
        try gzip.read(Int(size), piece)
    }

    /// Its bytes, whole (for the small parts: a page of rows, the manifest).
    public func data() throws -> Data {
        var data = Data(capacity: Int(size))
        try read { data.append(contentsOf: $0) }
        return data
    }
}
