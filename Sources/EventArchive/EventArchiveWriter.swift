import Crypto
import Foundation

/// Writes an event archive (`.tar.gz`) as its parts come, each hashed on the way, and the manifest last. The
/// archive is written under a temporary name beside its path and renamed into place only once the manifest is in:
/// an export that is stopped (`kill -9`) leaves no file under the archive's name, and its temporary file, having no
/// manifest, is never taken as whole.
public final class EventArchiveWriter {
    private let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private let gzip: GzipFileWriter
    private var parts: [ArchiveManifest.Part] = []
    private var finished = false

    /// Starts an archive that will be at `path` (its folder must exist; an existing file there is replaced when the
    /// archive is finished).
    public init(path: String) throws {
        guard path.hasSuffix(".tar.gz") || path.hasSuffix(".tgz") else {
            throw ArchiveError("\(path): an event archive is a gzip'd tar; name it .tar.gz")
        }
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath =
            url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).\(UUID().uuidString).partial"
            ).path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporaryPath)
        else { throw ArchiveError("cannot create \(temporaryPath)") }
        self.handle = handle
        gzip = try GzipFileWriter(handle: handle)
    }

    deinit {
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// The temporary file the archive is written to until it is finished.
    public var partialPath: String { temporaryPath }

    /// Adds the part `name` holding `bytes`.
    public func add(_ name: String, bytes: Data) throws {
        try add(name, size: Int64(bytes.count)) { write in try bytes.withUnsafeBytes { try write($0) } }
    }

    /// Adds the part `name` holding the file at `file`, read 1 MiB at a time.
    public func add(_ name: String, file: String) throws {
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
        guard let input = FileHandle(forReadingAtPath: file) else {
            throw ArchiveError(part: name, "cannot read \(file)")
        }
        defer { try? input.close() }
        try add(name, size: size) { write in
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try write($0) }
            }
        }
    }

    /// Adds the part `name` of exactly `size` bytes, which `body` writes through the function it is given.
    public func add(
        _ name: String, size: Int64,
        _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        guard name != EventArchiveReader.manifestName else { throw ArchiveError(part: name, "a reserved name") }
        try gzip.write(try TarFormat.header(name: name, size: size))
        var hash = SHA256()
        var written: Int64 = 0
        try body { bytes in
            hash.update(bufferPointer: bytes)
            written += Int64(bytes.count)
            try gzip.write(bytes)
        }
        guard written == size else {
            throw ArchiveError(part: name, "\(written) bytes were written of the \(size) announced (did it change?)")
        }
        try gzip.write([UInt8](repeating: 0, count: TarFormat.padding(after: size)))
        parts.append(
            .init(name: name, bytes: size, sha256: hash.finalize().map { String(format: "%02x", $0) }.joined()))
    }

    /// Writes `manifest` (its parts filled in) as the last member, ends the archive, syncs it to disk and renames it
    /// into place.
    public func finish(_ manifest: ArchiveManifest) throws {
        var manifest = manifest
        manifest.parts = parts
        let json = try ArchiveManifest.encoder().encode(manifest)
        try gzip.write(try TarFormat.header(name: EventArchiveReader.manifestName, size: Int64(json.count)))
        try gzip.write(json)
        try gzip.write([UInt8](repeating: 0, count: TarFormat.padding(after: Int64(json.count)) + 2 * TarFormat.block))
        try gzip.finish()
        try handle.synchronize()
        try handle.close()
        guard rename(temporaryPath, path) == 0 else {
            throw ArchiveError("cannot move the finished archive to \(path): \(String(cString: strerror(errno)))")
        }
        finished = true
    }
}
