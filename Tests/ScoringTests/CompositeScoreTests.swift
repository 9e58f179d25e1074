import MLMetrics
import Scoring
import Testing

/// The Russian SuperGLUE total: two-metric tasks count as their mean, then the plain mean of tasks.
/// Rows from the public leaderboard (russiansuperglue.com), task order LiDiRus, RCB, PARus, MuSeRC,
/// TERRa, RUSSE, RWSD, DaNetQA, RuCoS.
struct CompositeScoreTests {
    @Test func ruBERTPlainScores0521() throws {
        let tasks: [[Double]] = [
            [0.191], [0.367, 0.463], [0.574], [0.711, 0.324], [0.642], [0.726], [0.669], [0.639], [0.32, 0.314],
        ]
        let total = try #require(CompositeScore.mean(ofTaskValues: tasks))
        #expect(abs(total - 0.521) <= 0.001, "\(total)")
    }

    @Test func mT5LargeScores0528() throws {
        let tasks: [[Double]] = [
            [0.061], [0.366, 0.454], [0.504], [0.844, 0.543], [0.561], [0.633], [0.669], [0.657], [0.57, 0.562],
        ]
        let total = try #require(CompositeScore.mean(ofTaskValues: tasks))
        #expect(abs(total - 0.528) <= 0.001, "\(total)")
    }

    @Test func weightsAndBadInput() {
        #expect(CompositeScore.mean([1, 0], weights: [3, 1]) == 0.75)
        #expect(CompositeScore.mean([]) == nil)
        #expect(CompositeScore.mean([1, 2], weights: [1]) == nil)
        #expect(CompositeScore.mean([1, 2], weights: [0, 0]) == nil)
        #expect(CompositeScore.mean(ofTaskValues: [[0.5], []]) == nil)
    }

    @Test func aTwoMetricTaskScoreIsTheMeanOfItsMetrics() {
        let score = TaskScore(metrics: [.f1Macro, .accuracy], publicValues: [0.4, 0.6], privateValues: nil)
        #expect(score.score(.public) == 0.5)
        #expect(score.score(.private) == nil)
    }
}
