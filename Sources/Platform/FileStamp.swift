#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's modification time and size from one `stat` call. (Foundation's `attributesOfItem` also looks up
/// the owner's and group's names, reading /etc/passwd and /etc/group each time: the caches that check a
/// file on every request must not.)
struct FileStamp: Equatable, Sendable {
    /// Modification time, seconds and nanoseconds.
    let seconds: Int
    let nanoseconds: Int
    /// Size in bytes.
    let size: Int64

    /// The stamp of the file at `path`, or nil when it cannot be read.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            seconds = Int(info.st_mtimespec.tv_sec)
            nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
        size = Int64(info.st_size)
    }
}
