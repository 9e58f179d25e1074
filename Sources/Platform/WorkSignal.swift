import Timekeeping

/// Wakes this process's idle workers when this process queues a job, so a submission accepted by
/// `podium serve` is scored by its in-process workers at once instead of at their next poll. Jobs queued
/// by other processes are still found by polling (SQLite) or announced by `NOTIFY` (PostgreSQL).
/// (Every stored property is touched only under the condition's lock, hence `@unchecked Sendable`.)
final class WorkSignal: @unchecked Sendable {
    private let condition = MonotonicCondition()
    private var generation = 0

    /// A job was queued.
    func signal() {
        condition.withLock {
            generation += 1
            condition.broadcast()
        }
    }

    /// The current generation, read before looking for work.
    var current: Int { condition.withLock { generation } }

    /// Returns when a job is queued after `seen`, or after `timeout` seconds on the monotonic clock.
    func wait(after seen: Int, upTo timeout: Double) {
        let deadline = Deadline.after(seconds: timeout)
        condition.withLock {
            while generation == seen, condition.wait(until: deadline) {}
        }
    }
}
