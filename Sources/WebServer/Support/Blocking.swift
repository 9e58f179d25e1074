import NIOPosix

/// Runs blocking platform work (SQLite, file validation) on NIO's thread pool, off the event loops.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}

/// Template values: built on the thread pool, handed once to the renderer, never shared.
private struct TemplateValues: @unchecked Sendable {
    let values: [String: Any]
}

/// `blocking` for template values, which are `[String: Any]` and so not `Sendable` by type.
func blocking(_ body: @escaping @Sendable () throws -> [String: Any]) async throws -> [String: Any] {
    try await blocking { TemplateValues(values: try body()) }.values
}
