import FairPlay
import MLMetrics
import Testing

/// Prediction digests (the normalised content hash, the rows changed) and probing trends.
struct DigestAndTrendTests {
    @Test func theContentHashIsTheValuesNotTheirSpelling() {
        let labels = PredictionDigest.of(.labels([0, 1, 1, 0]))
        #expect(labels.contentHash == PredictionDigest.of(.labels([0, 1, 1, 0])).contentHash)
        #expect(labels.contentHash != PredictionDigest.of(.labels([0, 1, 0, 0])).contentHash)
        // -0 and 0 are one number; so is every NaN.
        #expect(
            PredictionDigest.of(.numbers([0, .nan, 1.5])).contentHash
                == PredictionDigest.of(.numbers([-0.0, -Double.nan, 1.5])).contentHash)
        #expect(PredictionDigest.of(.answers(["x", "y"])).contentHash.count == 64)
        #expect(
            PredictionDigest.of(.classProbabilities([[0.1, 0.9], [0.9, 0.1]])).contentHash
                != PredictionDigest.of(.classProbabilities([[0.9, 0.1], [0.1, 0.9]])).contentHash)
    }

    @Test func changedRowsCountsTheRowsThatDiffer() {
        let before = PredictionDigest.of(.numbers((0..<1000).map(Double.init)))
        var values = (0..<1000).map(Double.init)
        for index in stride(from: 0, to: 1000, by: 100) { values[index] += 0.5 }
        let after = PredictionDigest.of(.numbers(values))
        let changed = PredictionDigest.changedRows(before.rowBytes, after.rowBytes)
        #expect(changed != nil && changed! <= 10 && changed! >= 9, "a changed row keeps its byte once in 256")
        #expect(PredictionDigest.changedRows(before.rowBytes, Array(after.rowBytes.dropLast())) == nil)
    }

    @Test func aTrendCountsNearIdenticalStepsAndTheirWalks() {
        func step(_ id: Int64, _ changed: Int?, _ publicScore: Double, _ privateScore: Double) -> ProbingTrend.Step {
            ProbingTrend.Step(
                submission: id, changedRows: changed, rows: 1000, publicScore: publicScore, privateScore: privateScore)
        }
        let steps = [
            step(1, nil, 0.50, 0.50), step(2, 10, 0.51, 0.50), step(3, 0, 0.51, 0.50), step(4, 15, 0.53, 0.49),
            step(5, 400, 0.70, 0.70), step(6, 20, 0.72, 0.70),
        ]
        let trend = ProbingTrend(steps, nearShare: 0.02, higherIsBetter: true)
        #expect(trend.nearIdentical == [2, 4, 6], "no change is a resubmission; 400 rows is a new model")
        #expect(abs(trend.publicWalk - 0.05) < 1e-12)
        #expect(abs(trend.privateWalk - -0.01) < 1e-12)
        #expect(trend.flagged(minimum: 3) && !trend.flagged(minimum: 4))
        let lower = ProbingTrend(steps, nearShare: 0.02, higherIsBetter: false)
        #expect(abs(lower.publicWalk + 0.05) < 1e-12, "for a loss, going down is better")
    }
}
