#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing a whole file so a reader sees either the old file or the whole new one.
enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it over `path`.
    static func write(_ bytes: [UInt8], to path: String) throws(CSVError) {
        try write([bytes], to: path)
    }

    /// Writes `parts`, one after another, to a temporary file beside `path`, syncs it, then renames it over `path`.
    static func write(_ parts: [[UInt8]], to path: String) throws(CSVError) {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CSVError(file: path, message: "cannot create \(temporary): \(errorText())") }
        var failure: String?
        for part in parts where failure == nil {
            failure = part.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let result = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        return "cannot write: \(errorText())"
                    }
                    written += result
                }
                return nil
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = "cannot sync: \(errorText())" }
        close(fd)
        if let failure {
            unlink(temporary)
            throw CSVError(file: path, message: failure)
        }
        guard rename(temporary, path) == 0 else {
            let message = "cannot rename the finished file into place: \(errorText())"
            unlink(temporary)
            throw CSVError(file: path, message: message)
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
