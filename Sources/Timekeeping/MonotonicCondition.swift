import CMonotonic

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A lock with a condition whose timed waits run on the monotonic clock.
///
/// Foundation's `NSCondition.wait(until:)` takes a wall-clock `Date`: a clock that is set (by NTP, by hand, or
/// by `faketime` in the date tests) turns a one-second wait into a wait of a year or of nothing. Here deadlines
/// are `MonotonicInstant`s and the wait is `pthread_cond_clockwait` on `CLOCK_MONOTONIC`: the clock is named in
/// the call itself, so neither the condition's attributes nor a library that wraps `pthread_cond_timedwait`
/// (libfaketime does) can put it back on the wall clock.
/// (A class over pthread objects, which must not move in memory; every use is under its mutex, hence
/// `@unchecked Sendable`.)
public final class MonotonicCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// A new, unlocked condition.
    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` holding the lock.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Wakes every waiter (call under the lock).
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// Wakes one waiter (call under the lock).
    public func signal() { pthread_cond_signal(condition) }

    /// Waits, under the lock, until woken or until `deadline`; false once the deadline has passed. Like any
    /// condition wait it may return early: callers loop on their own predicate.
    @discardableResult
    public func wait(until deadline: Deadline) -> Bool {
        if deadline.hasPassed { return false }
        var time = deadline.instant.timespecValue
        let result = podium_cond_wait_monotonic(condition, mutex, &time)
        return result != ETIMEDOUT && !deadline.hasPassed
    }
}
