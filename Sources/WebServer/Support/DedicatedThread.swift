import Foundation

/// Runs a long blocking loop (a scoring worker polling SQLite) on a thread of its own and awaits its end: such a
/// loop would hold one of the thread pool's few threads for the server's lifetime.
enum DedicatedThread {
    /// `body`'s result, computed on a new thread named `name`.
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = name
            thread.start()
        }
    }
}
