import Competitions
import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// A round's freeze (`freeze_minutes: 60`, `freeze_own: hide` on qualifying, which closes 2026-12-14 21:00 UTC):
/// from 20:00 participants see the board of 20:00, no leader change is told, a team's own new score is hidden;
/// organisers see it live; the reveal lifts it all.
@Suite(.serialized, .ownThreads)
struct FreezeTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aFrozenBoardShowsTheFreezeMomentUntilTheReveal() throws {
        let harness = try PlatformHarness(now: Self.date("2026-12-14T19:00:00Z"))
        let folder = try harness.copyCompetition("nti-digits", as: "frozen-cup") { yaml in
            yaml.replacingOccurrences(
                of: "    final_selections: 2\n",
                with: "    final_selections: 2\n    freeze_minutes: 60\n    freeze_own: hide\n")
        }
        _ = try harness.load(folder)
        let platform = harness.platform
        func submit(_ team: String, _ model: String) throws -> Int64 {
            let (record, _) = try platform.organisers.addTeam(competition: "frozen-cup", name: team)
            let id = try platform.submissions.accept(
                competition: "frozen-cup", round: "qualifying", team: record,
                uploads: [PlatformHarness.example("\(model)/qualifying.csv")]
            ).id
            try platform.scoring.work(worker: "w", once: true)
            return id
        }
        _ = try submit("before", "logreg")
        #expect(try platform.boards.freezeMoment(competition: "frozen-cup", round: "qualifying") == nil)

        harness.now = Self.date("2026-12-14T20:30:00Z")
        let late = try submit("during", "knn")
        #expect(
            try platform.boards.freezeMoment(competition: "frozen-cup", round: "qualifying")
                == Self.date("2026-12-14T20:00:00Z"))
        let frozen = try platform.boards.publicStandings(
            competition: "frozen-cup", round: "qualifying", asOf: Self.date("2026-12-14T20:00:00Z"))
        #expect(frozen.map(\.team) == ["before"], "the board of 20:00")
        let live = try platform.boards.standings(competition: "frozen-cup", round: "qualifying", board: .public)
        #expect(live.map(\.team) == ["during", "before"], "organisers see it live: knn beats logreg")

        let record = try #require(try platform.submissions.submission(late))
        #expect(
            try platform.boards.teamScoreView(competition: "frozen-cup", round: "qualifying", teamId: record.teamId)
                .scores(record).score
                == nil,
            "freeze_own: hide")
        #expect(try platform.submissions.submissionResource(record, organiser: false).publicScore == nil)
        #expect(try platform.submissions.submissionResource(record, organiser: true).publicScore == record.publicScore)

        try platform.organisers.emitScheduledEvents()
        let events = try platform.organisers.events(limit: 50)
        #expect(events.filter { $0.type == .leaderboardFrozen }.count == 1)
        #expect(
            events.filter { $0.type == .leaderChanged }.map(\.payload).allSatisfy { !$0.contains("during") },
            "no leader change is told during the freeze")
        let scored = try #require(events.first { $0.type == .submissionScored && $0.payload.contains("\(late)") })
        #expect(scored.payload.contains("\"public\":null"), "\(scored.payload)")

        harness.now = Self.date("2026-12-14T21:30:00Z")
        _ = try platform.organisers.act("reveal", competition: "frozen-cup", round: "qualifying", actor: "test")
        #expect(
            try platform.boards.freezeMoment(competition: "frozen-cup", round: "qualifying") == nil,
            "the reveal lifts it")
        #expect(
            try platform.boards.teamScoreView(competition: "frozen-cup", round: "qualifying", teamId: record.teamId)
                .scores(record).score
                == record.publicScore)
    }
}
