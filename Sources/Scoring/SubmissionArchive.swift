import CZlib
import Foundation

/// A zip archive a participant uploaded, opened defensively: the central directory is read first and the
/// archive refused before anything is inflated when it holds more than `Limits.maxEntries` entries, an
/// encrypted entry, an unsupported method, a name with `..` or an absolute path, or declared sizes past
/// the limits; then each kept entry is inflated (zlib, raw deflate) in 64 KB steps into `entry-N` of the
/// caller's folder — never under the name it carries — counting the bytes, so an entry that inflates past
/// its declared size or the limits (a zip bomb) is stopped there, in bounded memory and time. Folders,
/// `__MACOSX/`, `._*`, `.DS_Store` and `Thumbs.db` are skipped.
public enum SubmissionArchive {
    /// How much an archive may hold.
    public struct Limits: Sendable {
        /// Entries in the central directory, junk included.
        public var maxEntries = 1_000
        /// Bytes of one inflated entry.
        public var maxEntryBytes: Int64
        /// Bytes of all inflated entries together.
        public var maxTotalBytes: Int64

        /// Limits of `bytes` per entry and in total.
        public init(maxEntryBytes: Int64, maxTotalBytes: Int64) {
            self.maxEntryBytes = maxEntryBytes
            self.maxTotalBytes = maxTotalBytes
        }
    }

    /// One file taken out of an archive.
    public struct Entry: Sendable, Equatable {
        /// Its path inside the archive (`submission/RCB.jsonl`).
        public let name: String
        /// Where it was written.
        public let path: String
        /// Its size.
        public let size: Int64
        /// Its Unix mode (type and permissions), when a Unix archiver made it.
        public var unixMode: UInt32? = nil

        /// The last component of `name`.
        public var baseName: String { String(name.split(separator: "/").last ?? "") }
    }

    /// An archive that cannot be taken: what is wrong with it.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The archive as the participant named it.
        public let file: String
        /// What is wrong and what to do.
        public let message: String
        /// `file: message`.
        public var description: String { "\(file): \(message)" }
    }

    /// Whether the file at `path` is a zip archive (it starts with a zip signature).
    public static func isArchive(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return head.count == 4 && head[0] == 0x50 && head[1] == 0x4B && [0x03, 0x05].contains(head[2])
    }

    /// Whether an entry name is one of the files archivers add on their own.
    public static func isJunk(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        guard let base = parts.last else { return true }
        return name.hasSuffix("/") || parts.contains("__MACOSX") || base.hasPrefix("._") || base == ".DS_Store"
            || base == "Thumbs.db"
    }

    /// Extracts the archive at `path` (named `file` in messages) into `folder`.
    public static func extract(path: String, file: String, into folder: String, limits: Limits) throws(Failure)
        -> [Entry]
    {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw Failure(file: file, message: "cannot be read")
        }
        return try extract(bytes: [UInt8](data), file: file, into: folder, limits: limits)
    }

    /// Extracts an archive held in memory (named `file` in messages) into `folder`.
    public static func extract(bytes: [UInt8], file: String, into folder: String, limits: Limits) throws(Failure)
        -> [Entry]
    {
        func fail(_ message: String) -> Failure { Failure(file: file, message: message) }
        let directory = try centralDirectory(bytes, fail: fail)
        guard directory.count <= limits.maxEntries else {
            throw fail("holds \(directory.count) entries; at most \(limits.maxEntries) are accepted")
        }
        var records: [Record] = []
        var declared: Int64 = 0
        var offset = directory.offset
        for _ in 0..<directory.count {
            let record = try Record(bytes, at: offset, fail: fail)
            offset = record.next
            if isJunk(record.name) { continue }
            if record.flags & 1 != 0 {
                throw fail("\(record.name) is encrypted; upload an archive made without a password")
            }
            let parts = record.name.split(separator: "/", omittingEmptySubsequences: false)
            if record.name.hasPrefix("/") || record.name.contains("\\") || parts.contains("..")
                || (parts.first?.count == 2 && parts.first?.last == ":")
            {
                throw fail("the entry name \"\(record.name)\" is not a plain relative path (.. or absolute)")
            }
            guard record.method == 0 || record.method == 8 else {
                throw fail(
                    "\(record.name) uses compression method \(record.method); only deflate and store are accepted")
            }
            guard Int64(record.uncompressedSize) <= limits.maxEntryBytes else {
                throw fail(
                    "\(record.name) inflates to \(record.uncompressedSize) bytes; the limit is \(limits.maxEntryBytes)")
            }
            declared += Int64(record.uncompressedSize)
            guard declared <= limits.maxTotalBytes else {
                throw fail("its entries inflate to more than \(limits.maxTotalBytes) bytes together, the limit")
            }
            records.append(record)
        }
        var entries: [Entry] = []
        for (index, record) in records.enumerated() {
            let target = "\(folder)/entry-\(index)"
            let size = try inflate(record, from: bytes, to: target, fail: fail)
            entries.append(Entry(name: record.name, path: target, size: size, unixMode: record.unixMode))
        }
        return entries
    }

    /// Where the central directory starts and how many entries it lists (from the end record).
    private static func centralDirectory(_ bytes: [UInt8], fail: (String) -> Failure) throws(Failure) -> (
        offset: Int, count: Int
    ) {
        guard bytes.count >= 22 else { throw fail("is not a zip archive (too short), or it was cut off") }
        var end = bytes.count - 22
        let lowest = max(0, end - 65_535)
        while end >= lowest && read32(bytes, end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else {
            throw fail("is not a complete zip archive: its end record is missing (the upload may have been cut off)")
        }
        let count = Int(read16(bytes, end + 10))
        let size = Int(read32(bytes, end + 12))
        let offset = Int(read32(bytes, end + 16))
        guard read16(bytes, end + 4) == 0, read16(bytes, end + 6) == 0 else {
            throw fail("is split over several disks; upload it as one archive")
        }
        guard count != 0xFFFF, offset != 0xFFFF_FFFF else {
            throw fail("is a ZIP64 archive; entries that large are beyond the limits anyway")
        }
        guard offset + size <= end else { throw fail("is corrupt or truncated: its directory lies past its end") }
        return (offset, count)
    }

    /// One central directory record.
    private struct Record {
        let name: String
        let flags: UInt16
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localOffset: Int
        let next: Int
        let unixMode: UInt32?

        init(_ bytes: [UInt8], at offset: Int, fail: (String) -> Failure) throws(Failure) {
            guard offset + 46 <= bytes.count, read32(bytes, offset) == 0x0201_4B50 else {
                throw fail("is corrupt: a directory record is missing or damaged")
            }
            flags = read16(bytes, offset + 8)
            method = read16(bytes, offset + 10)
            crc = read32(bytes, offset + 16)
            compressedSize = Int(read32(bytes, offset + 20))
            uncompressedSize = Int(read32(bytes, offset + 24))
            let nameLength = Int(read16(bytes, offset + 28))
            let extra = Int(read16(bytes, offset + 30)) + Int(read16(bytes, offset + 32))
            localOffset = Int(read32(bytes, offset + 42))
            let madeOnUnix = bytes[offset + 5] == 3
            let attributes = read32(bytes, offset + 38)
            unixMode = madeOnUnix && attributes >> 16 != 0 ? attributes >> 16 : nil
            guard offset + 46 + nameLength + extra <= bytes.count else {
                throw fail("is corrupt: a directory record runs past the end")
            }
            let raw = Array(bytes[(offset + 46)..<(offset + 46 + nameLength)])
            name = String(validating: raw, as: UTF8.self) ?? String(raw.map { Character(UnicodeScalar($0)) })
            next = offset + 46 + nameLength + extra
            guard compressedSize != 0xFFFF_FFFF, uncompressedSize != 0xFFFF_FFFF, localOffset != 0xFFFF_FFFF else {
                throw fail("\(name) is a ZIP64 entry; entries that large are beyond the limits anyway")
            }
        }
    }

    /// Inflates (or copies) one entry to `target`, checking its size and CRC-32; returns its size.
    private static func inflate(_ record: Record, from bytes: [UInt8], to target: String, fail: (String) -> Failure)
        throws(Failure) -> Int64
    {
        let local = record.localOffset
        guard local + 30 <= bytes.count, read32(bytes, local) == 0x0403_4B50 else {
            throw fail("is corrupt: the entry \(record.name) is missing")
        }
        let start = local + 30 + Int(read16(bytes, local + 26)) + Int(read16(bytes, local + 28))
        guard start + record.compressedSize <= bytes.count else {
            throw fail("is truncated: \(record.name) runs past the end of the archive")
        }
        guard FileManager.default.createFile(atPath: target, contents: nil),
            let output = FileHandle(forWritingAtPath: target)
        else { throw fail("cannot be unpacked here (the server's scratch folder is not writable)") }
        defer { try? output.close() }
        var crc = crc32(0, nil, 0)
        var written = 0
        let limit = record.uncompressedSize
        func emit(_ chunk: UnsafeBufferPointer<UInt8>) throws(Failure) {
            written += chunk.count
            guard written <= limit else {
                throw fail("\(record.name) inflates past its declared \(limit) bytes (a zip bomb, or a damaged entry)")
            }
            crc = crc32(crc, chunk.baseAddress, uInt(chunk.count))
            output.write(Data(buffer: chunk))
        }
        try bytes.withUnsafeBufferPointer { (all) throws(Failure) in
            let input = UnsafeBufferPointer(rebasing: all[start..<(start + record.compressedSize)])
            if record.method == 0 {
                try emit(input)
                return
            }
            var stream = z_stream()
            guard podium_inflate_init_raw(&stream) == Z_OK else { throw fail("cannot be inflated (zlib failed)") }
            defer { inflateEnd(&stream) }
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                try chunk.withUnsafeBufferPointer { (buffer) throws(Failure) in
                    try emit(UnsafeBufferPointer(rebasing: buffer[0..<produced]))
                }
                if status == Z_STREAM_END { break }
                guard status == Z_OK else {
                    throw fail(
                        status == Z_BUF_ERROR
                            ? "is truncated: \(record.name) ends before its data does"
                            : "is corrupt: \(record.name) is not valid deflate data")
                }
            }
        }
        guard written == record.uncompressedSize, crc == uLong(record.crc) else {
            throw fail("is corrupt: \(record.name) does not match its recorded size and checksum")
        }
        return Int64(written)
    }
}

private func read16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
    UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
}

private func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    UInt32(read16(bytes, offset)) | UInt32(read16(bytes, offset + 2)) << 16
}
