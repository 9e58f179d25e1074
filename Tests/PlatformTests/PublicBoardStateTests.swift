import Competitions
import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// The public board kept as state equals the board computed from every submission, whatever happens in
/// between: thousands of random uploads, scores, re-queues (rescores), disqualifications and final
/// selections, in a `latest` round and a `best` one.
@Suite(.ownThreads)
struct PublicBoardStateTests {
    static let models = ["logreg", "forest", "knn", "naive_bayes", "boosting"]

    /// The board computed from all the round's scored submissions, as before boards were state.
    func recomputed(_ platform: Platform, round: String) throws -> [Standing] {
        let (_, config) = try platform.competition("nti-digits")
        let roundConfig = try #require(config.round(round))
        let (entries, baselines) = try platform.store.read {
            try $0.scoredEntries(competition: "nti-digits", round: round)
        }
        let board = Leaderboard.build(
            entries, board: .public, rule: roundConfig.publicBoardRule, higherIsBetter: config.higherIsBetter,
            baselines: baselines)
        // Intervals and groups from the stored resamples, as every board gets them.
        let resamples = try platform.store.read {
            try $0.resamples(submissionIds: board.map(\.submission), part: "public")
        }
        #expect(resamples.count == board.count, "every scored submission has its resamples")
        return RankGroups.annotate(board, resamples: resamples)
    }

    @Test func theKeptBoardEqualsAFullRecomputationAfterThousandsOfRandomChanges() throws {
        let harness = try PlatformHarness()
        let platform = harness.platform
        var generator = SeededRandom(seed: 20_261_128)
        for round in ["practice", "qualifying"] {
            _ = try platform.organisers.act("open", competition: "nti-digits", round: round, actor: "test")
        }
        let teams = try (0..<24).map { try harness.team("team\($0)").team }
        _ = try platform.organisers.addTeam(competition: "nti-digits", name: "baseline", baseline: true)
        var submitted: [(id: Int64, round: String, team: TeamRecord)] = []
        var operations = [String: Int]()
        var checks = 0
        // Thousands of steps on SQLite; on PostgreSQL (the same platform code over the other dialect's few
        // board queries) fewer, so make test-postgres stays quick beside its timing-sensitive suites.
        let steps = platform.database != nil ? 2_000 : 400
        for step in 0..<steps {
            let choice = Int.random(in: 0..<100, using: &generator)
            let round = Bool.random(using: &generator) ? "practice" : "qualifying"
            switch choice {
            case 0..<55:
                let team = teams.randomElement(using: &generator)!
                let model = Self.models.randomElement(using: &generator)!
                if let accepted = try? platform.submissions.accept(
                    competition: "nti-digits", round: round, team: team,
                    uploads: [PlatformHarness.example("\(model)/\(round).csv")])
                {
                    submitted.append((accepted.id, round, team))
                    operations["upload", default: 0] += 1
                }
            case 55..<75:
                try platform.scoring.work(worker: "w", once: true)
                operations["score", default: 0] += 1
            case 75..<85:
                if let pick = submitted.randomElement(using: &generator) {
                    try platform.organisers.requeue(submission: pick.id)
                    operations["rescore", default: 0] += 1
                }
            case 85..<92:
                if let pick = submitted.randomElement(using: &generator) {
                    try platform.organisers.disqualify(submission: pick.id, actor: "test", reason: "test")
                    operations["disqualify", default: 0] += 1
                }
            default:
                let team = teams.randomElement(using: &generator)!
                let own = submitted.filter { $0.team.id == team.id && $0.round == round }
                if let pick = own.randomElement(using: &generator),
                    (try? platform.submissions.select(
                        competition: "nti-digits", round: round, team: team, submissions: [pick.id]))
                        != nil
                {
                    operations["select", default: 0] += 1
                }
            }
            if step % 50 == 49 {
                for round in ["practice", "qualifying"] {
                    let kept = try platform.boards.standings(competition: "nti-digits", round: round, board: .public)
                    #expect(kept == (try recomputed(platform, round: round)), "step \(step), \(round)")
                    let leader = try platform.store.read {
                        try $0.publicLeader(competition: "nti-digits", round: round, higherIsBetter: true)
                    }
                    #expect(leader?.team == kept.first { $0.rank == 1 }?.team, "step \(step), \(round): the leader")
                    checks += 1
                }
            }
        }
        try platform.scoring.work(worker: "w", once: true)
        for round in ["practice", "qualifying"] {
            let kept = try platform.boards.standings(competition: "nti-digits", round: round, board: .public)
            #expect(kept == (try recomputed(platform, round: round)))
            #expect(kept.count >= 10, "a board worth comparing: \(kept.count) rows")
        }
        // Enough of every kind of change happened for the comparison to mean something.
        #expect(operations["upload", default: 0] > steps / 5 && operations["rescore", default: 0] > steps / 20)
        #expect(operations["disqualify", default: 0] > steps / 30 && operations["select", default: 0] > steps / 100)
        #expect(checks == steps / 25)
    }
}

/// A small deterministic generator (SplitMix64), so a failing run can be repeated.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
