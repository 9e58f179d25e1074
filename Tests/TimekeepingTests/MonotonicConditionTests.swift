import Foundation
import Synchronization
import Testing
import Timekeeping

/// Waits and deadlines on the monotonic clock: a wait ends at its deadline, a signal ends it sooner, and the
/// wall clock's date does not enter into either (the date tests run this suite under `faketime` a year away).
struct MonotonicConditionTests {
    @Test func aTimedWaitEndsAtItsDeadlineNotBeforeAndNotMuchAfter() {
        let condition = MonotonicCondition()
        let started = MonotonicInstant.now
        let woken = condition.withLock { condition.wait(until: .after(seconds: 0.2)) }
        let waited = started.elapsed
        #expect(!woken)
        #expect(waited >= 0.2)
        #expect(waited < 2, "a 0.2 s wait took \(waited) s")
    }

    @Test func aBroadcastEndsAWaitBeforeItsDeadline() throws {
        let condition = MonotonicCondition()
        let flag = Flag()
        let done = DispatchSemaphore(value: 0)
        let waiter = Thread {
            let started = MonotonicInstant.now
            condition.withLock {
                let deadline = Deadline.after(seconds: 30)
                while !flag.raised, condition.wait(until: deadline) {}
            }
            flag.finish(after: started.elapsed)
            done.signal()
        }
        waiter.start()
        Thread.sleep(forTimeInterval: 0.1)
        condition.withLock {
            flag.raise()
            condition.broadcast()
        }
        #expect(done.wait(timeout: .now() + 60) == .success)
        let waited = try #require(flag.waited)
        #expect(waited < 10, "the waiter slept to its 30 s deadline")
    }

    @Test func aPassedDeadlineDoesNotWaitAtAll() {
        let condition = MonotonicCondition()
        let deadline = Deadline.after(seconds: 0)
        #expect(deadline.hasPassed)
        #expect(deadline.remaining == 0)
        let started = MonotonicInstant.now
        #expect(condition.withLock { !condition.wait(until: deadline) })
        #expect(started.elapsed < 0.1)
    }

    @Test func instantsAddAndSubtractInSeconds() {
        let start = MonotonicInstant(nanoseconds: 5_000_000_000)
        #expect(start.advanced(by: 1.5).nanoseconds == 6_500_000_000)
        #expect(start.advanced(by: -3) == start)
        #expect(start.advanced(by: .nan) == start)
        #expect(start.advanced(by: 1e300).nanoseconds == UInt64.max)
        #expect(start.advanced(by: 2).seconds(since: start) == 2)
        #expect(start.seconds(since: start.advanced(by: 2)) == -2)
    }
}

/// A flag shared with a thread, and how long that thread waited for it.
final class Flag: Sendable {
    private let state = Mutex((raised: false, waited: Double?.none))
    var raised: Bool { state.withLock { $0.raised } }
    var waited: Double? { state.withLock { $0.waited } }
    func raise() { state.withLock { $0.raised = true } }
    func finish(after seconds: Double) { state.withLock { $0.waited = seconds } }
}
