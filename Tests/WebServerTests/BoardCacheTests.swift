import Competitions
import Foundation
import NIOCore
import Platform
import Storage
import TestSupport
import Testing

@testable import WebServer

/// A board is built once per change: requests in between reuse it, changes a board does not show (an
/// upload waiting in the queue) do not rebuild it, and a score, a selection or a reveal does.
@Suite(.serialized, .ownThreads) struct BoardCacheTests {
    static func upload(_ model: String) -> Platform.Upload {
        Platform.Upload(name: "\(model).csv", path: "\(WebHarness.examples)/\(model)/qualifying.csv")
    }

    static let key = BoardCache.Key(slug: "nti-digits", round: "qualifying", board: .public)

    /// nti-digits with qualifying open, the team alpha, and a cache over the platform.
    static func setUp(recheck: TimeInterval) async throws -> (WebHarness, TeamRecord, BoardCache) {
        let harness = try await WebHarness.make()
        try harness.open()
        let (alpha, _) = try harness.platform.organisers.addTeam(competition: "nti-digits", name: "alpha")
        return (harness, alpha, BoardCache(platform: harness.platform, recheck: recheck))
    }

    @Test func aBoardIsRebuiltOnlyWhenWhatItShowsChanges() async throws {
        let (harness, alpha, cache) = try await Self.setUp(recheck: 0)
        let platform = harness.platform
        let empty = try cache.current(Self.key)
        #expect(empty.rows.isEmpty)
        #expect(try cache.current(Self.key).version == empty.version)

        let first = try platform.submissions.accept(
            competition: "nti-digits", round: "qualifying", team: alpha, uploads: [Self.upload("knn")])
        #expect(try cache.current(Self.key).version == empty.version, "a queued upload shows on no board")
        try platform.scoring.work(worker: "w", once: true)
        let scored = try cache.current(Self.key)
        #expect(scored.version.boards > empty.version.boards)
        #expect(scored.rows.map(\.team) == ["alpha"])
        #expect(try cache.current(Self.key).version == scored.version)

        try platform.submissions.select(
            competition: "nti-digits", round: "qualifying", team: alpha, submissions: [first.id])
        let selected = try cache.current(Self.key)
        #expect(selected.version.boards > scored.version.boards, "a selection changes the private board")
        _ = try platform.organisers.act("close", competition: "nti-digits", round: "qualifying", actor: "test")
        _ = try platform.organisers.act("reveal", competition: "nti-digits", round: "qualifying", actor: "test")
        let revealed = try cache.current(BoardCache.Key(slug: "nti-digits", round: "qualifying", board: .private))
        #expect(revealed.revealed && revealed.version.boards > selected.version.boards)
        try platform.organisers.disqualify(submission: first.id, actor: "test", reason: "test")
        let disqualified = try cache.current(Self.key)
        #expect(disqualified.rows.isEmpty && disqualified.version.boards > revealed.version.boards)
    }

    @Test func aFreshBoardIsServedFromMemoryUntilItsRecheck() async throws {
        let (harness, alpha, cache) = try await Self.setUp(recheck: 3_600)
        let platform = harness.platform
        let built = try cache.current(Self.key)
        _ = try platform.submissions.accept(
            competition: "nti-digits", round: "qualifying", team: alpha, uploads: [Self.upload("forest")])
        try platform.scoring.work(worker: "w", once: true)
        let kept = try #require(cache.fresh(Self.key))
        #expect(kept.version == built.version && kept.rows.isEmpty)
        // With no recheck interval, a built snapshot is never served without asking the store.
        let eager = BoardCache(platform: platform, recheck: 0)
        _ = try eager.current(Self.key)
        #expect(eager.fresh(Self.key) == nil)
        #expect(try cache.current(Self.key).rows.map(\.team) == ["alpha"])
        // Encodings belong to their snapshot: a new version starts without them.
        var made = 0
        let now = try cache.current(Self.key)
        for _ in 0..<2 {
            _ = cache.encoding("x", of: now) {
                made += 1
                return ByteBuffer(string: "made")
            }
        }
        #expect(made == 1)
        _ = try platform.organisers.addTeam(competition: "nti-digits", name: "beta")
        _ = cache.encoding("x", of: try cache.current(Self.key)) {
            made += 1
            return ByteBuffer(string: "made again")
        }
        #expect(made == 2)
    }
}
