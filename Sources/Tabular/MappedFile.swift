#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only memory map of a whole file. The bytes are file-backed pages, not heap memory:
/// the reader copies out only the columns it keeps and unmaps the file when done. A pipe or other
/// stream (`<(…)`, `/dev/stdin`) cannot be mapped and is read into memory instead.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the bytes are a file mapping (not a stream read into memory).
    var isMapped: Bool { streamed == nil && bytes.baseAddress != nil }
    private let length: Int
    private var streamed: UnsafeMutableBufferPointer<UInt8>?

    /// Maps `path`; an empty file maps to an empty buffer.
    init(path: String) throws(CSVError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw CSVError(file: path, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw CSVError(file: path, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let data = try Self.readStream(fd, path: path)
            length = data.count
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, data.count))
            _ = copy.initialize(from: data)
            streamed = copy
            bytes = UnsafeBufferPointer(start: copy.baseAddress, count: data.count)
            return
        }
        length = Int(info.st_size)
        guard length > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw CSVError(file: path, message: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        _ = madvise(base, length, MADV_SEQUENTIAL)
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: length)
    }

    deinit {
        if let streamed {
            streamed.deallocate()
        } else if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), length)
        }
    }

    private static func readStream(_ fd: Int32, path: String) throws(CSVError) -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CSVError(file: path, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
        }
    }
}
