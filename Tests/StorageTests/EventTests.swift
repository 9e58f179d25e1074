import Foundation
import Storage
import TestSupport
import Testing

/// Typed events: each kind read back as written, and stored as the same JSON the untyped payloads were, so events
/// already in a database and every chat target read them as before.
@Suite(.ownThreads)
struct EventTests {
    static var samples: [(Event, [String: Any])] {
        [
            (
                .roundOpened(.init(round: "qualifying", actor: "schedule")),
                ["round": "qualifying", "actor": "schedule"]
            ),
            (.roundClosed(.init(round: "r", actor: "ann")), ["round": "r", "actor": "ann"]),
            (.leaderboardRevealed(.init(round: "r", actor: "ann")), ["round": "r", "actor": "ann"]),
            (
                .roundClosingSoon(.init(round: "r", closes: "2026-12-10T18:00:00Z", minutes: 59)),
                ["round": "r", "closes": "2026-12-10T18:00:00Z", "minutes": 59]
            ),
            (
                .leaderboardFrozen(.init(round: "r", since: "2026-12-10T17:00:00Z")),
                ["round": "r", "since": "2026-12-10T17:00:00Z"]
            ),
            (
                .digest(
                    .init(
                        round: "r",
                        top: [.init(rank: 1, team: "Ёж/2", score: 0.91234), .init(rank: 2, team: "b", score: 1)])),
                [
                    "round": "r",
                    "top": [["rank": 1, "team": "Ёж/2", "score": 0.91234], ["rank": 2, "team": "b", "score": 1.0]],
                ]
            ),
            (
                .teamAdvanced(.init(team: "t", from: "qualifying", to: "final")),
                ["team": "t", "from": "qualifying", "to": "final"]
            ),
            (
                .submissionScored(.init(submission: 42, team: "t", round: "r", public: 0.1)),
                ["submission": 42, "team": "t", "round": "r", "public": 0.1]
            ),
            (
                .submissionScored(.init(submission: 43, team: "t", round: "r", public: nil)),
                ["submission": 43, "team": "t", "round": "r", "public": NSNull()]
            ),
            (
                .leaderChanged(.init(round: "r", team: "t", score: 0.75, previous: nil)),
                ["round": "r", "team": "t", "score": 0.75, "previous": NSNull()]
            ),
            (.submissionFailed(.init(submission: 7)), ["submission": 7]),
            (.submissionDisqualified(.init(submission: 7, actor: "ann")), ["submission": 7, "actor": "ann"]),
            (
                .queueJobFailing(.init(submission: 7, attempts: 3, error: "scorer /bin/x: \"exit 1\"")),
                ["submission": 7, "attempts": 3, "error": "scorer /bin/x: \"exit 1\""]
            ),
            (.queueStalled(.init(minutes: 12, depth: 40)), ["minutes": 12, "depth": 40]),
            (.test, [:]),
            (
                .organiserAction(.init(audit: 9, actor: "ann", action: "round.open", subject: "r", reason: nil)),
                ["audit": 9, "actor": "ann", "action": "round.open", "subject": "r"]
            ),
            (
                .organiserAction(.init(audit: 9, actor: "ann", action: "round.open", subject: "r", reason: "late")),
                ["audit": 9, "actor": "ann", "action": "round.open", "subject": "r", "reason": "late"]
            ),
        ]
    }

    @Test(arguments: 0..<17)
    func anEventIsStoredAsTheUntypedPayloadWasAndReadBack(_ index: Int) throws {
        #expect(Self.samples.count == 17)
        let (event, untyped) = Self.samples[index]
        let json = try event.json()
        let before = String(
            decoding: try JSONSerialization.data(withJSONObject: untyped, options: [.sortedKeys]), as: UTF8.self)
        #expect(json == before)
        #expect(try Event(type: event.type, payload: json) == event)
    }

    @Test func aPayloadOfTheWrongShapeIsRefused() {
        #expect(throws: (any Error).self) { try Event(type: .submissionScored, payload: #"{"round":"r"}"#) }
    }
}
