import Storage
import TestSupport
import Testing
import Timekeeping

/// Wake-ups by kind: a file job wakes the file workers, not the code workers (whose claim, a write, would
/// otherwise follow every file accept).
@Suite(.ownThreads)
struct JobWakeUpsTests {
    @Test func aJobWakesOnlyTheWorkersOfItsKind() {
        let wakeUps = JobWakeUps()
        let codeSeen = wakeUps.generation(of: [.code])
        let filesSeen = wakeUps.generation(of: [.files])
        wakeUps.signal(.files)
        #expect(wakeUps.generation(of: [.code]) == codeSeen)
        #expect(wakeUps.generation(of: [.files]) == filesSeen + 1)
        let started = MonotonicInstant.now
        wakeUps.wait(after: codeSeen, kinds: [.code], upTo: 0.2)
        #expect(started.elapsed >= 0.19, "a code worker slept through the file job")
        let woken = MonotonicInstant.now
        wakeUps.wait(after: filesSeen, kinds: [.files], upTo: 5)
        #expect(woken.elapsed < 1, "a file worker that saw an older count returns at once")
        #expect(wakeUps.generation(of: JobKind.allCases) == filesSeen + codeSeen + 1)
    }
}
