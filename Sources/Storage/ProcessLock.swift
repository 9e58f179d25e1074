import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A lock one process holds until it ends: `flock` on a file beside the SQLite database. The kernel
/// releases it when the process dies, however it dies, so another process takes over.
final class ProcessLock: Sendable {
    private let path: String
    /// The open, locked file; -1 until this process holds the lock.
    private let descriptor = Mutex<Int32>(-1)

    init(path: String) { self.path = path }

    deinit {
        descriptor.withLock { if $0 >= 0 { close($0) } }
    }

    /// Whether this process holds the lock, taking it when it is free.
    func hold() throws -> Bool {
        try descriptor.withLock { descriptor in
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
final class ProcessLocks: Sendable {
    private let locks = Mutex<[String: ProcessLock]>([:])

    func lock(_ name: String, path: String) -> ProcessLock {
        locks.withLock { locks in
            if let lock = locks[name] { return lock }
            let lock = ProcessLock(path: path)
            locks[name] = lock
            return lock
        }
    }
}
