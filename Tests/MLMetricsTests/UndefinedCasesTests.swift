import MLMetrics
import Testing

/// Where scikit-learn returns NaN (with a warning) or raises, Podium throws a `MetricError` that says
/// why; these pin each such case down.
struct UndefinedCasesTests {
    @Test func rocAUCWithOneClassThrows() {
        #expect(throws: MetricError.singleClass(metric: "roc_auc", detail: "the truth has no negative rows")) {
            try RankingMetrics.rocAUC(truth: [true, true], scores: [0.1, 0.9])
        }
    }

    @Test func oneVsRestNamesTheMissingClass() {
        #expect(throws: MetricError.singleClass(metric: "roc_auc_ovr", detail: "class \"c\" has no rows in the truth"))
        {
            try RankingMetrics.rocAUCOneVsRest(
                truth: [0, 1], probabilities: [[0.5, 0.2], [0.3, 0.6], [0.2, 0.2]], classNames: ["a", "b", "c"])
        }
    }

    @Test func emptyInputThrowsEverywhere() {
        #expect(throws: MetricError.empty) { try ConfusionMatrix(truth: [], predicted: [], classCount: 2) }
        #expect(throws: MetricError.empty) { try RankingMetrics.rocAUC(truth: [], scores: []) }
        #expect(throws: MetricError.empty) { try LogLoss.binary(truth: [], probabilities: []) }
        #expect(throws: MetricError.empty) { try RegressionMetrics.meanAbsoluteError(truth: [], predicted: []) }
        #expect(throws: MetricError.empty) { try AnswerMetrics.meanTokenF1(predictions: [], golds: []) }
    }

    @Test func lengthMismatchThrows() {
        #expect(throws: MetricError.lengthMismatch(2, 1)) {
            try RegressionMetrics.rootMeanSquaredError(truth: [1, 2], predicted: [1])
        }
    }

    @Test func r2NeedsTwoRows() {
        #expect(throws: MetricError.self) { try RegressionMetrics.r2(truth: [1], predicted: [1]) }
    }

    @Test func binaryLogLossWithOneTrueClassNeedsKnownLabels() throws {
        #expect(throws: MetricError.self) { try LogLoss.binary(truth: [true, true], probabilities: [0.9, 0.8]) }
        let value = try LogLoss.binary(truth: [true, true], probabilities: [0.9, 0.8], bothClassesKnown: true)
        #expect(abs(value - (-(log(0.9) + log(0.8)) / 2)) < 1e-15)
    }

    @Test func probabilitiesOutsideTheUnitIntervalThrow() {
        #expect(throws: MetricError.self) { try LogLoss.binary(truth: [true, false], probabilities: [1.2, 0.1]) }
        #expect(throws: MetricError.self) {
            try LogLoss.multiclass(truth: [0, 1], probabilities: [[0.5, -0.1], [0.5, 1.1]])
        }
    }

    @Test func binaryAveragingRefusesThreeLabelsAndAnAbsentPositive() throws {
        let three = try ConfusionMatrix(truth: ["a", "b", "c"], predicted: ["a", "b", "b"])
        #expect(throws: MetricError.self) { try three.f1(.binary(positive: 0)) }
        let two = try ConfusionMatrix(truth: ["a", "b"], predicted: ["a", "a"])
        #expect(throws: MetricError.self) { try two.f1(.binary(positive: nil)) }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
