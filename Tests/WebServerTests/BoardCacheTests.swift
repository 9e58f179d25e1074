import Competitions
import Foundation
import NIOCore
import Platform
import Testing

@testable import WebServer

/// A board is built once per change: requests in between reuse it, changes a board does not show (an
/// upload waiting in the queue) do not rebuild it, and a score, a selection or a reveal does.
@Suite(.serialized) struct BoardCacheTests {
    static func upload(_ model: String) -> Platform.Upload {
        Platform.Upload(name: "\(model).csv", path: "\(WebHarness.examples)/\(model)/qualifying.csv")
    }

    @Test func aBoardIsRebuiltOnlyWhenWhatItShowsChanges() throws {
        let harness = try WebHarness()
        let platform = harness.platform
        try harness.open()
        let (alpha, _) = try platform.addTeam(competition: "nti-digits", name: "alpha")
        let cache = BoardCache(platform: platform, recheck: 0)
        let key = BoardCache.Key(slug: "nti-digits", round: "qualifying", board: .public)
        let empty = try cache.current(key)
        #expect(empty.rows.isEmpty)
        #expect(try cache.current(key).version == empty.version)

        let first = try platform.accept(
            competition: "nti-digits", round: "qualifying", team: alpha, uploads: [Self.upload("knn")])
        #expect(try cache.current(key).version == empty.version, "a queued upload shows on no board")
        try platform.work(worker: "w", once: true)
        let scored = try cache.current(key)
        #expect(scored.version > empty.version)
        #expect(scored.rows.map(\.team) == ["alpha"])
        #expect(try cache.current(key).version == scored.version)

        try platform.select(competition: "nti-digits", round: "qualifying", team: alpha, submissions: [first.id])
        let selected = try cache.current(key)
        #expect(selected.version > scored.version, "a selection changes the private board")
        _ = try platform.act("close", competition: "nti-digits", round: "qualifying", actor: "test")
        _ = try platform.act("reveal", competition: "nti-digits", round: "qualifying", actor: "test")
        let revealed = try cache.current(BoardCache.Key(slug: "nti-digits", round: "qualifying", board: .private))
        #expect(revealed.revealed && revealed.version > selected.version)
        try platform.disqualify(submission: first.id, actor: "test")
        let disqualified = try cache.current(key)
        #expect(disqualified.rows.isEmpty && disqualified.version > revealed.version)
    }

    @Test func aFreshBoardIsServedFromMemoryUntilItsRecheck() throws {
        let harness = try WebHarness()
        let platform = harness.platform
        try harness.open()
        let (alpha, _) = try platform.addTeam(competition: "nti-digits", name: "alpha")
        let cache = BoardCache(platform: platform, recheck: 3_600)
        let key = BoardCache.Key(slug: "nti-digits", round: "qualifying", board: .public)
        let built = try cache.current(key)
        _ = try platform.accept(
            competition: "nti-digits", round: "qualifying", team: alpha, uploads: [Self.upload("forest")])
        try platform.work(worker: "w", once: true)
        let kept = try #require(cache.fresh(key))
        #expect(kept.version == built.version && kept.rows.isEmpty)
        #expect(BoardCache(platform: platform, recheck: 0).fresh(key) == nil)
        #expect(try cache.current(key).rows.map(\.team) == ["alpha"])
        // Encodings belong to their snapshot: a new version starts without them.
        var made = 0
        let now = try cache.current(key)
        for _ in 0..<2 {
            _ = cache.encoding("x", of: now) {
                made += 1
                return ByteBuffer(string: "made")
            }
        }
        #expect(made == 1)
        _ = try platform.addTeam(competition: "nti-digits", name: "beta")
        _ = cache.encoding("x", of: try cache.current(key)) {
            made += 1
            return ByteBuffer(string: "made again")
        }
        #expect(made == 2)
    }
}
