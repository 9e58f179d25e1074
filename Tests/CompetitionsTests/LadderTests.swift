import Competitions
import Foundation
import Testing

/// The Ladder (Blum and Hardt, 2015) as a board rule, and its keys in `podium check`.
struct LadderTests {
    let t0 = Date(timeIntervalSince1970: 2_000_000)

    func entry(_ id: Int64, _ minutes: Double, _ pub: Double) -> ScoredEntry {
        ScoredEntry(
            submission: id, team: "a", submittedAt: t0.addingTimeInterval(minutes * 60), publicScore: pub,
            privateScore: pub, selected: false)
    }

    @Test func aSubmissionIsReleasedOnlyWhenItBeatsTheBestByMoreThanTheStep() {
        // In submission order (not id order): 0.70, then 0.705 (held), 0.72 (released), 0.725 (held), 0.60 (held).
        let entries = [entry(1, 0, 0.70), entry(2, 1, 0.705), entry(4, 2, 0.72), entry(3, 3, 0.725), entry(5, 4, 0.60)]
        let steps = Leaderboard.ladder(entries, step: 0.01, higherIsBetter: true)
        #expect(steps.map(\.entry.submission) == [1, 2, 4, 3, 5])
        #expect(steps.map(\.released) == [0.70, 0.70, 0.72, 0.72, 0.72])
        #expect(steps.map(\.isReleased) == [true, false, true, false, false])
        let row = Leaderboard.teamRow(entries, board: .public, rule: .ladder(step: 0.01), higherIsBetter: true)
        #expect(row?.entry.submission == 4 && row?.score == 0.72, "the board shows what it released")
        let best = Leaderboard.teamRow(entries, board: .public, rule: .best, higherIsBetter: true)
        #expect(best?.entry.submission == 3, "the standard board shows the best")
    }

    @Test func forALossTheLadderStepsDown() {
        let entries = [entry(1, 0, 0.50), entry(2, 1, 0.495), entry(3, 2, 0.45)]
        let steps = Leaderboard.ladder(entries, step: 0.01, higherIsBetter: false)
        #expect(steps.map(\.released) == [0.50, 0.50, 0.45])
    }

    @Test func aChartShowsOnlyReleasedPoints() {
        let points: [(team: String, score: Double)] = [("a", 0.5), ("b", 0.4), ("a", 0.505), ("a", 0.52), ("b", 0.41)]
        let released = Leaderboard.ladderHistory(
            points, team: \.team, score: \.score, step: 0.01, higherIsBetter: true)
        #expect(released.map(\.score) == [0.5, 0.4, 0.52])
    }

    @Test func checkNamesWrongLadderAndIntegrityKeys() throws {
        let folder = try CompetitionFolder(
            yaml: """
                title: T
                tasks:
                  - { id: main, metric: f1, solution: hidden/test.csv }
                rounds:
                  - { id: one, public_board: stairs }
                  - { id: two, ladder_step: 0.01 }
                  - { id: three, public_board: ladder, ladder_step: -1, leaderboard: latest }
                integrity: { shared_predictions: 1.5, near_identical: 0, probing_submissions: 1, address_window_minutes: 0 }
                """, files: ["hidden/test.csv": CompetitionCheckTests.solution])
        let problems = CompetitionCheck.check(folder: folder.path).problems
        for expected in [
            "rounds.one.public_board: \"stairs\" is not standard or ladder",
            "rounds.two.ladder_step: only a round with public_board: ladder has one",
            "rounds.three.ladder_step: -1.0 must be a positive number",
            "rounds.three.public_board: a ladder shows each team's best; it cannot use leaderboard: latest",
            "integrity.shared_predictions: 1.5 is not a kappa above 0 and at most 1",
            "integrity.near_identical: 0.0 is not a share of rows between 0 and 1",
            "integrity.probing_submissions: 1 must be at least 2",
            "integrity.address_window_minutes: 0 is not from 1 to 10080 (a week)",
        ] {
            #expect(problems.contains(expected), "\(expected) not in \(problems)")
        }
    }
}
