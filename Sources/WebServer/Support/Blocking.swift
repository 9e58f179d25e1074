import Foundation
import NIOCore
import NIOPosix

/// Runs blocking platform work (SQLite, file validation) on NIO's thread pool, off the event loops.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}

/// How many threads run the server's blocking work.
public enum BlockingThreads {
    /// Sizes the pool before anything uses it, unless `NIO_SINGLETON_BLOCKING_POOL_THREAD_COUNT` does: one thread
    /// per core on SQLite, whose work is all CPU in this process; on PostgreSQL four per core (at least 8), since a
    /// request's thread mostly waits for the database's answers. Call it first thing, once.
    public static func configure(postgres: Bool) {
        let environment = ProcessInfo.processInfo.environment
        guard postgres, environment["NIO_SINGLETON_BLOCKING_POOL_THREAD_COUNT"] == nil else { return }
        NIOSingletons.blockingPoolThreadCountSuggestion = max(8, 4 * System.coreCount)
    }
}
