import Foundation
import Testing

/// A test that runs on threads of its own instead of Swift's shared cooperative pool.
///
/// All suites run at once in one process, and the cooperative pool has one thread per core (two here). Much of a
/// test's work blocks: a platform call on PostgreSQL waits for its round trips, a new test database takes half a
/// second. With every test blocking the two shared threads, an in-process server of one test got no thread for
/// more than its client's 20-second read timeout, and the test failed although nothing was wrong with it. Under
/// this trait each test case (its body, its server's handlers, its client: every child task) runs on its own
/// threads, so another test's blocking only shares the cores, as separate processes would.
///
/// Threads of their own would also let all hundred-odd tests run at once and overload the cores, so at most
/// `TestSlots.shared.width` of them run together; the others wait for a slot without holding any thread.
public struct OwnThreadsTrait: SuiteTrait, TestTrait, TestScoping {
    /// How many threads each test case gets.
    public let threads: Int

    /// On a suite, each of its tests gets threads of its own.
    public var isRecursive: Bool { true }

    /// Runs a test case under a preference for new threads, released when it ends.
    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        await TestSlots.shared.take()
        defer { TestSlots.shared.give() }
        let executor = ThreadsExecutor(threads: threads, name: test.name)
        defer { executor.finish() }
        try await withTaskExecutorPreference(executor) { try await function() }
    }
}

extension Trait where Self == OwnThreadsTrait {
    /// Each test case runs on two threads of its own (see `OwnThreadsTrait`).
    public static var ownThreads: Self { OwnThreadsTrait(threads: 2) }
}

/// A task executor of a few dedicated threads that take jobs in order of arrival. After `finish()`, its threads end
/// once the queue is empty, and a job arriving later (a continuation resumed after the test) gets a thread of its own.
final class ThreadsExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    init(threads: Int, name: String) {
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "test \(index): \(name)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        defer { condition.unlock() }
        if finished {
            Thread.detachNewThread { [self] in job.runSynchronously(on: asUnownedTaskExecutor()) }
        } else {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Lets the threads end once they have run what is queued.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while let job = next() { job.runSynchronously(on: asUnownedTaskExecutor()) }
    }

    private func next() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !finished { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}

/// A counting semaphore for test cases: `take()` suspends (holding no thread) until one of `width` slots is free.
/// The width is `PODIUM_TEST_WIDTH`, or two tests per core.
public final class TestSlots: @unchecked Sendable {
    /// The slots of this test process.
    public static let shared = TestSlots(
        width: ProcessInfo.processInfo.environment["PODIUM_TEST_WIDTH"].flatMap(Int.init)
            ?? 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// How many tests run together.
    public let width: Int
    private let lock = NSLock()
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        self.width = max(1, width)
        free = self.width
    }

    /// Waits for a free slot and takes it.
    public func take() async {
        await withCheckedContinuation { continuation in
            lock.lock()
            if free > 0 {
                free -= 1
                lock.unlock()
                continuation.resume()
            } else {
                waiting.append(continuation)
                lock.unlock()
            }
        }
    }

    /// Gives a slot back: to the longest waiter, or to the free ones.
    public func give() {
        lock.lock()
        if waiting.isEmpty {
            free += 1
            lock.unlock()
        } else {
            let next = waiting.removeFirst()
            lock.unlock()
            next.resume()
        }
    }
}
