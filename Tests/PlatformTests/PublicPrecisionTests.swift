import Competitions
import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// `public_precision` against probing: participants see public scores rounded — on the board (ranked by the
/// rounded scores, a tie to the earlier submission), in their own submissions, in chat events — while
/// organisers and the private board after reveal see them exact.
@Suite(.serialized, .ownThreads)
struct PublicPrecisionTests {
    @Test func roundedPublicScoresTieAndTheEarlierSubmissionLeads() throws {
        let harness = try PlatformHarness()
        let folder = try harness.copyCompetition("nti-digits", as: "rounded-cup") { yaml in
            yaml.replacingOccurrences(
                of: "    leaderboard: latest\n", with: "    leaderboard: latest\n    public_precision: 0\n")
        }
        _ = try harness.load(folder)
        let platform = harness.platform
        _ = try platform.organisers.act("open", competition: "rounded-cup", round: "practice", actor: "test")
        var ids: [Int64] = []
        for (team, model) in [("early-weaker", "naive_bayes"), ("later-stronger", "knn")] {
            let (record, _) = try platform.organisers.addTeam(competition: "rounded-cup", name: team)
            ids.append(
                try platform.submissions.accept(
                    competition: "rounded-cup", round: "practice", team: record,
                    uploads: [PlatformHarness.example("\(model)/practice.csv")]
                ).id)
            harness.now = harness.now.addingTimeInterval(60)
            try platform.scoring.work(worker: "w", once: true)
        }
        let exact = try ids.map { try #require(try platform.submissions.submission($0)?.publicScore) }
        #expect(exact[1] > exact[0] && exact[0] > 0.5 && exact[1] < 1, "knn beats naive Bayes, both round to 1")

        let board = try platform.boards.standings(competition: "rounded-cup", round: "practice", board: .public)
        #expect(board.map(\.team) == ["early-weaker", "later-stronger"], "a tie after rounding: the earlier first")
        #expect(board.map(\.score) == [1, 1])

        let teamView = try platform.submissions.submissionResource(
            try #require(try platform.submissions.submission(ids[1])), organiser: false)
        #expect(teamView.publicScore == 1 && teamView.tasks.values.allSatisfy { $0 == 1 })
        let organiserView = try platform.submissions.submissionResource(
            try #require(try platform.submissions.submission(ids[1])), organiser: true)
        #expect(organiserView.publicScore == exact[1], "organisers see the exact score")

        let events = try platform.organisers.events(limit: 20)
        let scored = events.filter { $0.type == .submissionScored }.map(\.payload)
        #expect(scored.count == 2 && scored.allSatisfy { $0.contains("\"public\":1") }, "\(scored)")
        let leaders = events.filter { $0.type == .leaderChanged }
        #expect(
            leaders.count == 1 && leaders[0].payload.contains("early-weaker"),
            "the stronger later one ties, so no change")

        _ = try platform.organisers.act("close", competition: "rounded-cup", round: "practice", actor: "test")
        _ = try platform.organisers.act("reveal", competition: "rounded-cup", round: "practice", actor: "test")
        let revealed = try platform.boards.standings(competition: "rounded-cup", round: "practice", board: .private)
        #expect(revealed.map(\.team) == ["later-stronger", "early-weaker"], "the private board is exact")
        #expect(revealed.allSatisfy { $0.score != 1 })
    }

    /// Halves away from zero, and no negative zero on a board (`PublicRounding`).
    @Test func roundingIsToTheNearestWithHalvesAwayFromZero() {
        #expect(PublicRounding.rounded(0.91234, decimals: 3) == 0.912)
        #expect(PublicRounding.rounded(0.8125, decimals: 3) == 0.813, "0.8125 is exact in binary: a true half")
        #expect(PublicRounding.rounded(-0.0004, decimals: 3).sign == .plus)
        #expect(PublicRounding.rounded(0.5, decimals: 0) == 1)
        #expect(PublicRounding.rounded(12.3456, decimals: 2) == 12.35)
    }
}
