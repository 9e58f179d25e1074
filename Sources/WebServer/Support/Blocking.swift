import NIOPosix

/// Runs blocking platform work (SQLite, file validation) on NIO's thread pool, off the event loops.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
