import Foundation
import NIOCore
import Platform
import Synchronization
import TestSupport
import Testing

@testable import WebServer

/// Every cached page value and board is validated by its competition's version: it must move with every change a
/// reader sees, made by any process, and with the schedule; and nothing else may move it.
@Suite(.ownThreads) struct CompetitionVersionsTests {
    /// A clock the test moves.
    final class Clock: Sendable {
        private let instant = Mutex(Date())
        var now: Date { instant.withLock { $0 } }
        func move(to date: Date) { instant.withLock { $0 = date } }
    }

    @Test func everyChangeAReaderSeesMovesTheVersionAndNothingElseDoes() async throws {
        let clock = Clock()
        let harness = try await WebHarness.make(now: { clock.now })
        let platform = harness.platform
        let versions = CompetitionVersions(platform: platform, recheck: 3_600)
        let loaded = try versions.current("nti-digits").version

        let (alpha, _) = try platform.organisers.addTeam(competition: "nti-digits", name: "alpha")
        let withTeam = try versions.current("nti-digits").version
        #expect(withTeam.boards > loaded.boards, "a new team shows on the board")
        try harness.open()
        let opened = try versions.current("nti-digits").version
        #expect(opened.boards > withTeam.boards)

        let upload = Platform.Upload(name: "knn.csv", path: "\(WebHarness.examples)/knn/qualifying.csv")
        _ = try platform.submissions.accept(
            competition: "nti-digits", round: "qualifying", team: alpha, uploads: [upload])
        #expect(versions.fresh("nti-digits")?.version == opened, "within the recheck, memory answers")
        let queued = try versions.current("nti-digits").version
        #expect(queued.activity > opened.activity, "the team's page shows its queued upload")
        #expect(queued.ofBoards == opened.ofBoards, "no board shows it")

        #expect(try platform.scoring.work(worker: "w", once: true) == 1)
        let scored = try versions.current("nti-digits").version
        #expect(scored.boards > queued.boards && scored.activity > queued.activity)
        #expect(try versions.current("nti-digits").version == scored, "reading changes nothing")

        let config = try platform.competition("nti-digits").config
        let next = try #require(config.scheduleDates.filter { $0 > clock.now }.min())
        clock.move(to: next.addingTimeInterval(1))
        let later = try versions.current("nti-digits").version
        #expect(later.schedule == scored.schedule + 1 && later.boards == scored.boards, "the schedule alone moved")

        versions.changed("nti-digits")
        #expect(versions.fresh("nti-digits") == nil, "after this process's own write the store is asked")
    }

    @Test func aValueIsServedOnlyAtItsVersionAndBeforeItGoesStale() {
        let clock = Clock()
        let cache = VersionedCache<String, Int, String>(capacity: 2, now: { clock.now })
        cache.keep("one", as: "a", at: 1)
        #expect(cache.value("a", at: 1) == "one")
        #expect(cache.value("a", at: 2) == nil)
        #expect(cache.value("a", at: 2) { "two" } == "two")
        #expect(cache.value("a", at: 1) == nil, "a value built at a newer version replaces the older")

        cache.keep("quota", as: "b", at: 1, until: clock.now.addingTimeInterval(60))
        #expect(cache.value("b", at: 1) == "quota")
        clock.move(to: clock.now.addingTimeInterval(60))
        #expect(cache.value("b", at: 1) == nil, "the clock made it stale")

        cache.keep("three", as: "c", at: 1)
        #expect(cache.value("c", at: 1) == "three" && cache.value("a", at: 2) == nil, "past capacity all go")
    }
}
