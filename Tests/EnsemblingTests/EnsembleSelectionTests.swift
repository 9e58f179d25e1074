import Ensembling
import MLMetrics
import Tabular
import Testing

/// Caruana selection on a case small enough to work by hand.
struct EnsembleSelectionTests {
    /// Truth 0, 1, 1, 0 (rmse). Model A predicts 0.5 everywhere; B is right on rows 1-2 and wrong on
    /// 0 and 3 (predicts 1, 1, 1, 1); C predicts 0, 0, 1, 0 (wrong only on row 2... by 1).
    /// Alone: A rmse 0.5, B √(2/4) ≈ 0.7071, C √(1/4) = 0.5 → A and C tie; A has the lower index.
    let valid: [[[Double]]] = [[[0.5, 0.5, 0.5, 0.5]], [[1, 1, 1, 1]], [[0, 0, 1, 0]]]

    func scorer() throws -> BlendScorer {
        let labels = LabelsFile.forTesting(ids: ["a", "b", "c", "d"], targets: ["0", "1", "1", "0"])
        let example = PredictionFile(
            source: "m", idColumn: "id", ids: labels.ids, lines: [2, 3, 4, 5],
            values: .scores(column: "prediction", [0, 0, 0, 0]))
        return try BlendScorer(metric: .rmse, labels: labels, example: example)
    }

    @Test func trajectoryWorkedByHand() throws {
        var options = EnsembleSelection.Options()
        options.rounds = 3
        let result = try EnsembleSelection.select(valid, scorer: scorer(), options: options)
        // Round 1 (empty start): A 0.5, B 0.7071, C 0.5 → tie, lowest index: A.
        // Round 2: A+A = A 0.5; A+B = 0.75 everywhere: rows (.75,.25,.25,.75)² → rmse √(.3125) ≈ .559;
        //          A+C = (.25,.25,.75,.25): errors .25,.75,.25,.25 → √((3·.0625+.5625)/4) = √(.1875) ≈ .433 → C.
        // Round 3: sum = A + C = (.5,.5,1.5,.5). +A → (1,1,2,1)/3: squared errors 1/9,4/9,1/9,1/9 = 7/9;
        //          +B → (1.5,1.5,2.5,1.5)/3 = (.5,.5,5/6,.5): 1/4·3 + 1/36 = 7/9; +C → (.5,.5,2.5,.5)/3:
        //          3/36 + 25/36 = 7/9. A three-way tie at √(7/36) in exact arithmetic (not in floating point):
        //          the rule picks a model already selected (A or C), then the lowest index: A.
        #expect(result.trajectories[0].map(\.model) == [0, 2, 0])
        #expect(abs(result.trajectories[0][2].score - (7.0 / 36).squareRoot()) < 1e-12)
        #expect(abs(result.weights.reduce(0, +) - 1) < 1e-15)
        #expect(result.singleScores.map { ($0 * 1e6).rounded() / 1e6 } == [0.5, 0.707107, 0.5])
    }

    @Test func aTieGoesToAModelAlreadySelected() throws {
        // Two identical models: after the first pick (index 0), adding 0 or 1 gives the same score; 0 is kept.
        let twins: [[[Double]]] = [[[0, 1, 1, 0.5]], [[0, 1, 1, 0.5]]]
        var options = EnsembleSelection.Options()
        options.rounds = 4
        let result = try EnsembleSelection.select(twins, scorer: scorer(), options: options)
        #expect(result.trajectories[0].map(\.model) == [0, 0, 0, 0])
        #expect(result.weights == [1, 0])
    }

    @Test func initAndBagsAreDeterministic() throws {
        var options = EnsembleSelection.Options()
        options.rounds = 5
        options.initial = 2
        options.bags = 4
        options.seed = 42
        let first = try EnsembleSelection.select(valid, scorer: scorer(), options: options)
        let second = try EnsembleSelection.select(valid, scorer: scorer(), options: options)
        #expect(first.weights == second.weights)
        #expect(first.trajectories.count == 4)
        #expect(first.trajectories.allSatisfy { $0.count == 2 + 5 || $0.count == 1 + 5 })
        #expect(abs(first.weights.reduce(0, +) - 1) < 1e-12)
    }

    @Test func badOptionsAreRefused() throws {
        var options = EnsembleSelection.Options()
        options.initial = 4
        #expect(throws: EnsembleError.self) { try EnsembleSelection.select(valid, scorer: scorer(), options: options) }
        options.initial = 0
        options.rounds = 0
        #expect(throws: EnsembleError.self) { try EnsembleSelection.select(valid, scorer: scorer(), options: options) }
    }
}

extension LabelsFile {
    /// A labels file built in memory.
    static func forTesting(ids: [String], targets: [String]) -> LabelsFile {
        let text = "id,target\n" + zip(ids, targets).map { "\($0),\($1)" }.joined(separator: "\n") + "\n"
        let table = try! CSVReader.read(text: text, source: "labels.csv", options: CSVReadOptions(otherColumns: .label))
        return LabelsFile.fromTable(table)
    }
}
