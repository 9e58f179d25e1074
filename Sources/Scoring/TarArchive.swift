import CZlib
import Foundation

/// A gzip-compressed tar archive (`.tar.gz`), read defensively: the gzip stream is inflated in 64 KB steps
/// and stopped once it passes `limit` bytes (a decompression bomb), then its ustar, GNU and pax headers are
/// read into entries. Nothing is written to disk here.
enum TarArchive {
    /// One member of the archive.
    struct Member {
        enum Kind: Equatable {
            case file(Data)
            case directory
            case symlink(String)
            case other(Character)
        }

        let name: String
        let mode: UInt32
        let kind: Kind
    }

    /// Whether `bytes` start like a gzip stream.
    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// The members of the gzip'd tar in `bytes`, inflating at most `limit` bytes.
    static func members(gzip bytes: [UInt8], limit: Int64, fail: (String) -> SubmissionArchive.Failure)
        throws(SubmissionArchive.Failure) -> [Member]
    {
        let tar = try inflate(bytes, limit: limit, fail: fail)
        return try parse(tar, fail: fail)
    }

    private static func inflate(_ bytes: [UInt8], limit: Int64, fail: (String) -> SubmissionArchive.Failure)
        throws(SubmissionArchive.Failure) -> [UInt8]
    {
        var stream = z_stream()
        guard podium_inflate_init_gzip(&stream) == Z_OK else { throw fail("cannot be inflated (zlib failed)") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var status: Int32 = Z_OK
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output += chunk[0..<(chunk.count - Int(stream.avail_out))]
                if Int64(output.count) > limit { break }
            }
        }
        guard Int64(output.count) <= limit else {
            throw fail("inflates past \(limit) bytes, the limit (a decompression bomb?)")
        }
        guard status == Z_STREAM_END else {
            throw fail(status == Z_BUF_ERROR ? "is truncated: the gzip stream ends early" : "is not valid gzip data")
        }
        return output
    }

    private static func parse(_ tar: [UInt8], fail: (String) -> SubmissionArchive.Failure)
        throws(SubmissionArchive.Failure) -> [Member]
    {
        var members: [Member] = []
        var offset = 0
        var longName: String?
        var longLink: String?
        while offset + 512 <= tar.count {
            let header = Array(tar[offset..<(offset + 512)])
            if header.allSatisfy({ $0 == 0 }) { break }
            guard checksumMatches(header) else { throw fail("is corrupt: a tar header's checksum does not match") }
            guard let size = octal(header[124..<136]) else {
                throw fail("is corrupt: a tar header's size is not a number")
            }
            let dataStart = offset + 512
            guard dataStart + size <= tar.count else { throw fail("is truncated: a member runs past its end") }
            let data = Data(tar[dataStart..<(dataStart + size)])
            offset = dataStart + (size + 511) / 512 * 512
            let type = Character(UnicodeScalar(header[156] == 0 ? UInt8(ascii: "0") : header[156]))
            switch type {
            case "L":
                longName = text(data)
                continue
            case "K":
                longLink = text(data)
                continue
            case "x":
                let fields = paxFields(data)
                longName = fields["path"] ?? longName
                longLink = fields["linkpath"] ?? longLink
                continue
            case "g": continue
            default: break
            }
            var name = longName ?? text(Data(header[0..<100]))
            let prefix = text(Data(header[345..<500]))
            if longName == nil, Array(header[257..<262]) == Array("ustar".utf8), !prefix.isEmpty {
                name = prefix + "/" + name
            }
            let link = longLink ?? text(Data(header[157..<257]))
            longName = nil
            longLink = nil
            let mode = UInt32(octal(header[100..<108]) ?? 0o644)
            let kind: Member.Kind
            switch type {
            case "0", "7": kind = .file(data)
            case "5": kind = .directory
            case "2": kind = .symlink(link)
            default: kind = .other(type)
            }
            members.append(Member(name: name, mode: mode, kind: kind))
        }
        return members
    }

    private static func text(_ data: Data) -> String {
        String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func octal(_ field: ArraySlice<UInt8>) -> Int? {
        let digits = String(decoding: field.prefix { $0 != 0 && $0 != 32 }.drop { $0 == 32 }, as: UTF8.self)
        return digits.isEmpty ? 0 : Int(digits, radix: 8)
    }

    private static func checksumMatches(_ header: [UInt8]) -> Bool {
        let stored = octal(header[148..<156].drop { $0 == 32 })
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        return stored == sum
    }

    /// `length key=value\n` records of a pax extended header.
    private static func paxFields(_ data: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for record in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let space = record.firstIndex(of: " "), let equals = record.firstIndex(of: "=") else { continue }
            fields[String(record[record.index(after: space)..<equals])] = String(record[record.index(after: equals)...])
        }
        return fields
    }
}
