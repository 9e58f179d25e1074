#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only memory map of a whole file. The bytes are file-backed pages, not heap memory:
/// the reader copies out only the columns it keeps and unmaps the file when done.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    private let length: Int

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
            throw CSVError(file: path, message: "not a regular file")
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
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }
}
