import Foundation
import Platform
import TestSupport
import Testing

/// An idle worker scores a new submission at once, not at its next poll: woken by its own process's
/// accept on SQLite, by PostgreSQL's NOTIFY otherwise.
@Suite(.ownThreads)
struct WorkerWakeUpTests {
    @Test func anAcceptWakesTheIdleWorkersOfItsProcess() async throws {
        let harness = try PlatformHarness()
        let platform = harness.platform
        _ = try platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        let (team, _) = try harness.team("alpha")
        let stop = StopSwitch()
        let thread = Thread {
            _ = try? platform.scoring.work(worker: "idle", once: false, poll: 60, shouldStop: { stop.isOn })
        }
        thread.start()
        defer { stop.turnOn() }
        try await Task.sleep(for: .milliseconds(300))  // the worker found nothing and waits
        let accepted = try platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: team,
            uploads: [PlatformHarness.example("knn/practice.csv")])
        var status = try platform.submissions.submission(accepted.id)?.status
        for _ in 0..<30 where status != .scored {
            try await Task.sleep(for: .milliseconds(100))
            status = try platform.submissions.submission(accepted.id)?.status
        }
        #expect(status == .scored, "scored within 3 s although the worker polls every 60 s")
    }
}
