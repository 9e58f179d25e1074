import Foundation

/// Runs the blocking `body` on a thread of its own and resumes with its result.
///
/// All test suites run in one process, and its cooperative pool has one thread per core (two here). A test that
/// blocks one of them (waiting for a child process, or setting up a PostgreSQL database, which takes half a second)
/// starves every in-process server of the other tests: their requests then time out although nothing is wrong with
/// them. So an async test awaits such work through this instead.
public func offTheCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
