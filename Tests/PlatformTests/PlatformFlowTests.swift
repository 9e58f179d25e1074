import Competitions
import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// The organiser's flow of the README on the demo competition, with real SQLite in a temp dir.
@Suite(.ownThreads)
struct PlatformFlowTests {
    @Test func qualifyRevealAdvanceAndRefuseTheTeamThatDidNotAdvance() throws {
        let harness = try PlatformHarness()
        let platform = harness.platform
        let alpha = try harness.team("alpha").team
        let beta = try harness.team("beta").team
        let gamma = try harness.team("gamma").team
        #expect(throws: PlatformError.self) {
            try platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: alpha,
                uploads: [PlatformHarness.example("logreg/qualifying.csv")])
        }
        #expect(
            try platform.organisers.act("open", competition: "nti-digits", round: "qualifying", actor: "test") == .open)
        for (team, model) in [(alpha, "logreg"), (beta, "forest"), (gamma, "naive_bayes"), (gamma, "knn")] {
            let accepted = try platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: team,
                uploads: [PlatformHarness.example("\(model)/qualifying.csv")])
            #expect(accepted.status == .queued)
        }
        #expect(try platform.scoring.work(worker: "test", once: true) == 4)
        let board = try platform.boards.standings(competition: "nti-digits", round: "qualifying", board: .public)
        #expect(board.map(\.team) == ["gamma", "beta", "alpha"])
        #expect(board[0].entries == 2)

        #expect(throws: PlatformError.self) {
            try platform.organisers.act("reveal", competition: "nti-digits", round: "qualifying", actor: "test")
        }
        _ = try platform.organisers.act("close", competition: "nti-digits", round: "qualifying", actor: "test")
        _ = try platform.organisers.act("reveal", competition: "nti-digits", round: "qualifying", actor: "organiser")
        #expect(try platform.revealed(competition: "nti-digits", round: "qualifying")?.actor == "organiser")
        let advanced = try platform.organisers.advance(
            competition: "nti-digits", from: "qualifying", to: "final", actor: "test")
        #expect(advanced.board == .private)
        #expect(advanced.teams.count == 2)

        _ = try platform.organisers.act("open", competition: "nti-digits", round: "final", actor: "test")
        let out = try [alpha, beta, gamma].first { !advanced.teams.contains($0.name) }!
        let refusal = try #require(throws: PlatformError.self) {
            try platform.submissions.accept(
                competition: "nti-digits", round: "final", team: out,
                uploads: [PlatformHarness.example("knn/final.csv")])
        }
        #expect(refusal.code == .notAllowed)
        let inTeam = try [alpha, beta, gamma].first { advanced.teams.contains($0.name) }!
        _ = try platform.submissions.accept(
            competition: "nti-digits", round: "final", team: inTeam, uploads: [PlatformHarness.example("knn/final.csv")]
        )
        #expect(try platform.scoring.work(worker: "test", once: true) == 1)
        #expect(try platform.boards.standings(competition: "nti-digits", round: "final", board: .public).count == 1)

        // Every state change wrote its event in the same transaction.
        let types = try platform.organisers.events(limit: 1000).reversed().map(\.type.rawValue)
        for type in [
            "round.opened", "submission.scored", "leader.changed", "round.closed", "leaderboard.revealed",
            "team.advanced",
        ] {
            #expect(types.contains(type), "\(type)")
        }
        #expect(types.filter { $0 == "submission.scored" }.count == 5)
    }

    @Test func aBadFileCostsNothingAndStoresNothing() throws {
        let harness = try PlatformHarness()
        let team = try harness.team("alpha").team
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "qualifying", actor: "test")
        let error = try #require(throws: PlatformError.self) {
            try harness.platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: team,
                uploads: [PlatformHarness.example("broken.csv")])
        }
        #expect(error.code == .invalidSubmission)
        #expect(
            error.details.map(\.description).contains(
                "line 4, column \"label\": \"seven\" is not one of 0, 1, 2, 3, 4, 5, 6, 7, 8, 9"))
        #expect(
            try harness.platform.submissions.quota(competition: "nti-digits", round: "qualifying", team: team).used == 0
        )
        let submissions = try harness.platform.boards.recentSubmissions(competition: "nti-digits", limit: 1000)
        #expect(submissions.isEmpty)
        #expect(try harness.platform.queue.depth(now: harness.now) == 0)
        // Stored files are only the competition's own (shared with other machines off one box).
        let competitionFiles = Set(
            try harness.platform.store.read { try $0.competitionFiles(competition: "nti-digits") }.values)
        let stored = (FileManager.default.enumerator(atPath: harness.platform.files.root.path)?.allObjects ?? [])
            .compactMap { $0 as? String }.filter {
                $0.count > 40 && !competitionFiles.contains(URL(fileURLWithPath: $0).lastPathComponent)
            }
        #expect(stored.isEmpty)
    }

    @Test func quotaRefusesWithTheExactResetTimeThenFreesASlot() throws {
        // 2026-12-02T15:30:00Z: the qualifying round is open by its schedule; windows reset at 00:00 UTC.
        let harness = try PlatformHarness(now: Date(timeIntervalSince1970: 1_796_225_400))
        let team = try harness.team("alpha").team
        #expect(try harness.platform.roundState(competition: "nti-digits", round: "qualifying") == .open)
        for _ in 0..<5 {
            _ = try harness.platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: team,
                uploads: [PlatformHarness.example("knn/qualifying.csv")])
        }
        let refusal = try #require(throws: PlatformError.self) {
            try harness.platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: team,
                uploads: [PlatformHarness.example("knn/qualifying.csv")])
        }
        #expect(refusal.code == .quotaExceeded)
        #expect(refusal.resetsAt == Date(timeIntervalSince1970: 1_796_256_000))  // 2026-12-03T00:00:00Z
        harness.now = Date(timeIntervalSince1970: 1_796_256_000)
        let accepted = try harness.platform.submissions.accept(
            competition: "nti-digits", round: "qualifying", team: team,
            uploads: [PlatformHarness.example("knn/qualifying.csv")])
        #expect(accepted.quota.usedToday == 1 && accepted.quota.usedTotal == 6)
    }

    @Test func aClosedRoundAndAnOversizedFileAreRefused() throws {
        let harness = try PlatformHarness(now: Date(timeIntervalSince1970: 1_797_500_000))  // after qualifying closes
        let team = try harness.team("alpha").team
        let closed = try #require(throws: PlatformError.self) {
            try harness.platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: team,
                uploads: [PlatformHarness.example("knn/qualifying.csv")])
        }
        #expect(closed.code == .roundClosed)
        var options = Platform.Options()
        options.maxUploadBytes = 100
        options.databaseURL = harness.databaseURL
        let small = try Platform(dataDirectory: harness.data, options: options)
        _ = try small.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        let tooLarge = try #require(throws: PlatformError.self) {
            try small.submissions.accept(
                competition: "nti-digits", round: "practice", team: team,
                uploads: [PlatformHarness.example("knn/practice.csv")])
        }
        #expect(tooLarge.code == .tooLarge)
    }

    @Test func aChangedSolutionIsDetectedAndRescoreReportsRankChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nti-digits-\(UUID())").path
        try FileManager.default.copyItem(
            atPath: PlatformHarness.repository.appendingPathComponent("competitions/nti-digits").path, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let harness = try PlatformHarness()
        let platform = harness.platform
        let slug = URL(fileURLWithPath: folder).lastPathComponent
        _ = try harness.load(folder)
        _ = try platform.organisers.act("open", competition: slug, round: "practice", actor: "test")
        for (name, model) in [("a", "logreg"), ("b", "naive_bayes")] {
            let (team, _) = try platform.organisers.addTeam(competition: slug, name: name)
            _ = try platform.submissions.accept(
                competition: slug, round: "practice", team: team,
                uploads: [PlatformHarness.example("\(model)/practice.csv")])
        }
        try platform.scoring.work(worker: "w", once: true)
        let before = try platform.boards.standings(competition: slug, round: "practice", board: .public).map(\.team)
        // Swap the practice answers for team b's predictions: b becomes perfect.
        let predictions = try String(
            contentsOfFile: "\(PlatformHarness.examples)/naive_bayes/practice.csv", encoding: .utf8)
        let solution = predictions.split(separator: "\n").enumerated().map {
            $0 == 0 ? "id,label,Usage" : "\($1),Public"
        }
        try (solution.joined(separator: "\n") + "\n").write(
            toFile: "\(folder)/hidden/practice.csv", atomically: true, encoding: .utf8)
        #expect(try harness.load(folder).rescoreNeeded == ["practice/digits"])
        let (count, changes) = try platform.scoring.rescore(competition: slug, round: "practice")
        #expect(count == 2)
        let after = try platform.boards.standings(competition: slug, round: "practice", board: .public)
        #expect(after.first?.team == "b" && after.first?.score == 1)
        // logreg (a) led naive Bayes (b) before; b's perfect score puts it first: both moves are reported.
        #expect(before == ["a", "b"])
        #expect(
            changes.sorted { $0.team < $1.team }.map { "\($0.round) \($0.team) \($0.before ?? 0)→\($0.after ?? 0)" }
                == ["practice a 1→2", "practice b 2→1"])
    }
}
