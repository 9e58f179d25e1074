import Ensembling
import Foundation
import Testing

/// The probe Podium fits on submitted sentence embeddings is scikit-learn's `LogisticRegression` with the same `C`:
/// the same predictions, and probabilities within 1e-6, on Fixtures/probe (make_probe_fixtures.py names the call).
struct ProbeFixtureTests {
    struct Case: Decodable {
        let cost: Double
        let classes: Int
        let trainFeatures: [[Double]]
        let trainLabels: [Int32]
        let testFeatures: [[Double]]
        let probabilities: [[Double]]
        let predicted: [Int]

        enum CodingKeys: String, CodingKey {
            case cost = "C"
            case classes, probabilities, predicted
            case trainFeatures = "x_train"
            case trainLabels = "y_train"
            case testFeatures = "x_test"
        }
    }

    static func load(_ name: String) throws -> Case {
        let url = Bundle.module.url(forResource: "probe/\(name)", withExtension: "json", subdirectory: "Fixtures")!
        return try JSONDecoder().decode(Case.self, from: Data(contentsOf: url))
    }

    static func matrix(_ rows: [[Double]]) -> Matrix {
        var matrix = Matrix(rows: rows.count, columns: rows[0].count)
        matrix.values = rows.flatMap { $0 }
        return matrix
    }

    @Test(arguments: ["three_classes", "two_classes"])
    func theProbeIsScikitLearnsLogisticRegression(_ name: String) throws {
        let fixture = try Self.load(name)
        // The probe as a probing round fits it (its own stopping rule, not the solver's default).
        let model = try Probe.fit(
            features: Self.matrix(fixture.trainFeatures), labels: fixture.trainLabels, classCount: fixture.classes,
            inverseRegularization: fixture.cost)
        let probabilities = model.probabilities(Self.matrix(fixture.testFeatures))  // [class][row]
        var worst = 0.0
        var predicted: [Int] = []
        for row in fixture.testFeatures.indices {
            let ours = (0..<fixture.classes).map { probabilities[$0][row] }
            for (a, b) in zip(ours, fixture.probabilities[row]) { worst = max(worst, abs(a - b)) }
            predicted.append(ours.indices.max { ours[$0] < ours[$1] }!)
        }
        #expect(predicted == fixture.predicted, "accuracy identical: the same class for every sentence")
        #expect(worst < 1e-6, "largest difference from scikit-learn's probabilities: \(worst)")

        // The comparison tells models apart: the same probe with twice the C is far from scikit-learn's.
        let other = try LogisticRegression.fitLBFGS(
            features: Self.matrix(fixture.trainFeatures), labels: fixture.trainLabels, classCount: fixture.classes,
            inverseRegularization: 2 * fixture.cost
        ).probabilities(Self.matrix(fixture.testFeatures))
        let otherWorst = fixture.testFeatures.indices.map { row in
            (0..<fixture.classes).map { abs(other[$0][row] - fixture.probabilities[row][$0]) }.max()!
        }.max()!
        #expect(otherWorst > 1e-4)
    }

    @Test func theWideSolverFindsTheNewtonSolversOptimum() throws {
        let fixture = try Self.load("three_classes")
        let features = Self.matrix(fixture.trainFeatures)
        let newton = try LogisticRegression.fit(
            features: features, labels: fixture.trainLabels, classCount: 3, inverseRegularization: fixture.cost)
        let lbfgs = try LogisticRegression.fitLBFGS(
            features: features, labels: fixture.trainLabels, classCount: 3, inverseRegularization: fixture.cost)
        let gap =
            zip(newton.probabilities(features).joined(), lbfgs.probabilities(features).joined())
            .map { abs($0 - $1) }.max() ?? 1
        #expect(gap < 1e-8)
    }
}
