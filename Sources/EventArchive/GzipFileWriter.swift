import CZlib
import Foundation

/// Bytes deflated into a gzip file as they come, a 256 KiB buffer at a time: memory flat in what is written.
final class GzipFileWriter {
    private var stream = z_stream()
    private let handle: FileHandle
    private var output = [UInt8](repeating: 0, count: 1 << 18)
    private var finished = false

    /// A writer into the (new, empty) file `handle` writes, at `level` (1 fastest, 9 smallest).
    init(handle: FileHandle, level: Int32 = 3) throws {
        self.handle = handle
        guard podium_deflate_init_gzip(&stream, level) == Z_OK else { throw ArchiveError("zlib cannot deflate") }
    }

    deinit { deflateEnd(&stream) }

    /// Deflates `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(bytes.count)
        try pump(flush: Z_NO_FLUSH)
    }

    /// Deflates `bytes`.
    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Deflates `data`.
    func write(_ data: Data) throws { try data.withUnsafeBytes { try write($0) } }

    /// Ends the gzip stream (its CRC and length) and writes what remains.
    func finish() throws {
        guard !finished else { return }
        finished = true
        stream.next_in = nil
        stream.avail_in = 0
        try pump(flush: Z_FINISH)
    }

    private func pump(flush: Int32) throws {
        var status: Int32 = Z_OK
        repeat {
            let produced = try output.withUnsafeMutableBufferPointer { buffer -> Int in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                status = deflate(&stream, flush)
                guard status != Z_STREAM_ERROR else { throw ArchiveError("zlib failed while deflating") }
                return buffer.count - Int(stream.avail_out)
            }
            if produced > 0 { try handle.write(contentsOf: output[0..<produced]) }
        } while stream.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
    }
}
