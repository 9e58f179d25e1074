import CZlib
import Foundation

/// A gzip file inflated as it is read, 256 KiB at a time: exactly the bytes asked for, or an error that says the
/// stream is damaged or ends early (zlib checks the CRC and the length at the stream's end).
final class GzipFileReader {
    private var stream = z_stream()
    private let handle: FileHandle
    private var input = Data()
    private var inputOffset = 0
    private var output = [UInt8](repeating: 0, count: 1 << 18)
    private var outputStart = 0
    private var outputEnd = 0
    private var ended = false

    /// A reader of the gzip file `handle` reads.
    init(handle: FileHandle) throws {
        self.handle = handle
        guard podium_inflate_init_gzip(&stream) == Z_OK else { throw ArchiveError("zlib cannot inflate") }
    }

    deinit { inflateEnd(&stream) }

    /// Whether the gzip stream ended, with nothing more to read.
    var atEnd: Bool { ended && outputStart == outputEnd }

    /// Exactly `count` bytes; throws when the stream ends before them or is damaged.
    func read(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        try read(count) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Exactly `count` bytes, handed to `body` in pieces as they are inflated.
    func read(_ count: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = count
        while remaining > 0 {
            if outputStart == outputEnd {
                guard !ended else { throw ArchiveError("the archive ends early (it is truncated)") }
                try refill()
                continue
            }
            let take = min(remaining, outputEnd - outputStart)
            try output.withUnsafeBytes {
                try body(UnsafeRawBufferPointer(rebasing: $0[outputStart..<outputStart + take]))
            }
            outputStart += take
            remaining -= take
        }
    }

    /// Whether anything follows the gzip stream's end in the file (it should not).
    func trailingBytes() throws -> Bool {
        if inputOffset < input.count { return true }
        return !(try handle.read(upToCount: 1) ?? Data()).isEmpty
    }

    private func refill() throws {
        if inputOffset == input.count {
            input = try handle.read(upToCount: 1 << 18) ?? Data()
            inputOffset = 0
            guard !input.isEmpty else { throw ArchiveError("the archive ends early (it is truncated)") }
        }
        let consumed = try input.withUnsafeBytes { raw -> Int in
            let base = raw.baseAddress!.assumingMemoryBound(to: Bytef.self).advanced(by: inputOffset)
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(raw.count - inputOffset)
            let status = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            switch status {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END: ended = true
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ArchiveError("the archive is damaged (gzip: \(reason))")
            }
            return raw.count - inputOffset - Int(stream.avail_in)
        }
        inputOffset += consumed
        outputStart = 0
        outputEnd = output.count - Int(stream.avail_out)
    }
}
