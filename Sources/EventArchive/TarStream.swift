import Foundation

/// POSIX ustar headers: a member's name and size in one 512-byte block, its bytes padded to whole blocks, two
/// zero blocks at the end. Event archives hold regular files only, named in at most 100 bytes, with no times or
/// owners (the same event exports to the same bytes).
enum TarFormat {
    static let block = 512

    /// The header block of a regular file `name` of `size` bytes.
    static func header(name: String, size: Int64) throws -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 100 else {
            throw ArchiveError(part: name, "a member's name must take 1 to 100 bytes")
        }
        guard size >= 0, size < 0o77777777777 else { throw ArchiveError(part: name, "too large for a tar member") }
        var header = [UInt8](repeating: 0, count: block)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(String(format: "%011llo", size), at: 124)
        put("00000000000", at: 136)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257)
        put("00", at: 263)
        put(String(format: "%06o", checksum(header)) + "\0 ", at: 148)
        return header
    }

    /// The header's checksum: its bytes summed, the checksum field counted as spaces.
    static func checksum(_ header: [UInt8]) -> Int {
        header.enumerated().reduce(0) { sum, item in sum + ((148..<156).contains(item.offset) ? 32 : Int(item.element))
        }
    }

    /// The name and size a header block gives, or nil for a zero block (the end); throws for anything that is not
    /// a ustar regular file with a right checksum.
    static func member(of header: [UInt8], after previous: String?) throws -> (name: String, size: Int64)? {
        if header.allSatisfy({ $0 == 0 }) { return nil }
        let place = previous.map { "the member after \($0)" } ?? "the first member"
        guard Array(header[257..<262]) == Array("ustar".utf8) else {
            throw ArchiveError(part: place, "not a tar header: the archive is damaged")
        }
        let stored = Int(text(header[148..<156]).trimmingCharacters(in: .whitespaces), radix: 8)
        guard stored == checksum(header) else {
            throw ArchiveError(part: place, "its tar header's checksum is wrong: the archive is damaged")
        }
        let name = text(header[0..<100])
        guard header[156] == UInt8(ascii: "0") || header[156] == 0,
            let size = Int64(text(header[124..<136]).trimmingCharacters(in: .whitespaces), radix: 8)
        else { throw ArchiveError(part: name, "not a regular file of known size") }
        return (name, size)
    }

    /// Zero bytes after `size` bytes of a member, up to the next block.
    static func padding(after size: Int64) -> Int { Int((Int64(block) - size % Int64(block)) % Int64(block)) }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
