import Foundation
import Testing

@testable import Competitions

/// Rank groups and intervals from paired resamples (`RankGroups`).
struct RankGroupsTests {
    /// A board row of `team` with `score` whose submission id is `id`.
    static func row(_ id: Int64, _ team: String, _ score: Double, rank: Int?) -> Standing {
        Standing(
            rank: rank, team: team, isBaseline: rank == nil, score: score, tasks: [:], metrics: [:], submission: id,
            submittedAt: Date(timeIntervalSince1970: 0), entries: 1)
    }

    /// Resamples around `score` with a shared noise, plus uniform noise of the row's own up to ±`own`.
    static func resamples(_ score: Double, shared: [Double], own: Double, seed: Int) -> [Double] {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        return shared.map { noise in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407  // Knuth's MMIX LCG
            let uniform = Double(state >> 11) / Double(1 << 53)
            return score + noise + own * (2 * uniform - 1)
        }
    }

    @Test func pairedNeighboursShareAGroupAndAClearGapStartsTheNext() throws {
        let shared = (0..<1000).map { 0.02 * sin(Double($0) * 1.3) }  // the test set's own noise, common to all
        let rows = [
            Self.row(1, "a", 0.900, rank: 1), Self.row(2, "b", 0.899, rank: 2), Self.row(9, "human", 0.8995, rank: nil),
            Self.row(3, "c", 0.850, rank: 3), Self.row(4, "d", 0.700, rank: 4),
        ]
        let resamples: [Int64: [Double]] = [
            1: Self.resamples(0.900, shared: shared, own: 0.002, seed: 1),
            2: Self.resamples(0.899, shared: shared, own: 0.002, seed: 2),
            9: Self.resamples(0.8995, shared: shared, own: 0.002, seed: 9),
            3: Self.resamples(0.850, shared: shared, own: 0.002, seed: 3),
        ]
        let annotated = RankGroups.annotate(rows, resamples: resamples)
        #expect(annotated.map(\.group) == [1, 1, nil, 2, 3], "d has no resamples: a group of its own")
        #expect(annotated.map(\.sharedRanks) == [1...2, 1...2, nil, 3...3, 4...4])
        #expect(annotated[0].inseparableBaselines == ["human"] && annotated[1].inseparableBaselines == ["human"])
        #expect(annotated[3].inseparableBaselines.isEmpty)
        for row in annotated where resamples[row.submission] != nil {
            let interval = try #require(row.interval)
            #expect(interval.low <= row.score && row.score <= interval.high)
            #expect(interval.high - interval.low > 0.03, "the shared noise widens each interval")
        }
        #expect(annotated[4].interval == nil)
    }

    /// The demo's qualifying board: beta 0.9864, alpha 0.9524, gamma 0.9184; each neighbour pair is inseparable but
    /// beta and gamma are clearly apart. A chain would rank all three "1–3".
    @Test func spansComeFromTheRowsARowCannotBeToldApartFromNotFromAChain() {
        let shared = (0..<1000).map { 0.004 * sin(Double($0) * 1.3) }
        let rows = [
            Self.row(1, "beta", 0.9864, rank: 1), Self.row(2, "alpha", 0.9524, rank: 2),
            Self.row(3, "gamma", 0.9184, rank: 3),
        ]
        let resamples: [Int64: [Double]] = [
            1: Self.resamples(0.9864, shared: shared, own: 0.035, seed: 1),
            2: Self.resamples(0.9524, shared: shared, own: 0.035, seed: 2),
            3: Self.resamples(0.9184, shared: shared, own: 0.035, seed: 3),
        ]
        #expect(
            RankGroups.inseparable(resamples[1], resamples[2]) && RankGroups.inseparable(resamples[2], resamples[3]))
        #expect(!RankGroups.inseparable(resamples[1], resamples[3]), "beta and gamma are clearly apart")
        let annotated = RankGroups.annotate(rows, resamples: resamples)
        #expect(annotated.map(\.sharedRanks) == [1...2, 1...3, 2...3])
        #expect(annotated.map(\.group) == [1, 1, 1], "the separators still join inseparable neighbours")
    }

    @Test func identicalSubmissionsAreNeverToldApart() {
        let values = (0..<500).map { sin(Double($0)) }
        #expect(RankGroups.inseparable(values, values))
        #expect(!RankGroups.inseparable(values, nil), "no resamples: no test")
        #expect(!RankGroups.inseparable(values, values.map { $0 - 3 }))
    }

    /// numpy.percentile([1, 2, 3, 4], [2.5, 97.5]) == [1.075, 3.925] (linear interpolation).
    @Test func percentilesInterpolateAsNumpyDoes() throws {
        let interval = try #require(RankGroups.interval([4, 1, 3, 2], score: 2.5))
        #expect(abs(interval.low - 1.075) < 1e-12 && abs(interval.high - 3.925) < 1e-12)
        let widened = try #require(RankGroups.interval([4, 1, 3, 2], score: 5))
        #expect(widened.high == 5, "an interval always holds its score")
        #expect(RankGroups.interval([.nan, .nan, 1], score: 1) == nil, "mostly undefined: no interval")
    }
}
