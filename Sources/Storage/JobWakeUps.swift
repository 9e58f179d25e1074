import Timekeeping

/// Wakes idle workers when a job of a kind they claim is queued: a count per kind, and waits that return when
/// the count of any kind a worker claims moves. A file accept does not wake a code worker, nor a code upload
/// the file workers. Platform signals it for this process's own accepts; on PostgreSQL the store signals it
/// for every process's, from their `NOTIFY`. (Every stored property is touched only under the condition's lock,
/// hence `@unchecked Sendable`.)
public final class JobWakeUps: @unchecked Sendable {
    private let condition = MonotonicCondition()
    private var counts: [JobKind: Int] = [:]

    /// No job seen yet.
    public init() {}

    /// A job of `kind` was queued.
    public func signal(_ kind: JobKind) {
        condition.withLock {
            counts[kind, default: 0] += 1
            condition.broadcast()
        }
    }

    /// The jobs of `kinds` queued so far, read before looking for work.
    public func generation(of kinds: [JobKind]) -> Int { condition.withLock { sum(kinds) } }

    /// Returns when a job of `kinds` is queued after `seen`, or after `timeout` seconds on the monotonic clock.
    public func wait(after seen: Int, kinds: [JobKind], upTo timeout: Double) {
        let deadline = Deadline.after(seconds: timeout)
        condition.withLock {
            while sum(kinds) == seen, condition.wait(until: deadline) {}
        }
    }

    private func sum(_ kinds: [JobKind]) -> Int { kinds.reduce(0) { $0 + (counts[$1] ?? 0) } }
}
