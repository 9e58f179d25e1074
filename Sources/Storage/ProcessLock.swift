import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A lock one process holds until it ends: `flock` on a file beside the SQLite database. The kernel
/// releases it when the process dies, however it dies, so another process takes over.
final class ProcessLock: @unchecked Sendable {
    private let path: String
    private var descriptor: Int32 = -1
    private let guardLock = NSLock()

    init(path: String) { self.path = path }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Whether this process holds the lock, taking it when it is free.
    func hold() throws -> Bool {
        try guardLock.withLock {
            if descriptor >= 0 { return true }
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw StoreError.database("cannot open the lock file \(path): \(String(cString: strerror(errno)))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                descriptor = fd
                return true
            }
            close(fd)
            return false
        }
    }
}

/// The process locks of one database, one per name.
final class ProcessLocks: @unchecked Sendable {
    private var locks: [String: ProcessLock] = [:]
    private let guardLock = NSLock()

    func lock(_ name: String, path: String) -> ProcessLock {
        guardLock.withLock {
            if let lock = locks[name] { return lock }
            let lock = ProcessLock(path: path)
            locks[name] = lock
            return lock
        }
    }
}
