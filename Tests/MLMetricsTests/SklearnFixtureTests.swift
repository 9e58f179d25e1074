import Foundation
import MLMetrics
import Testing

/// Every case in Fixtures/metrics.json was computed by scikit-learn 1.9.1 (or the SQuAD v1.1 script)
/// with the call stored beside it; make_metric_fixtures.py in the same folder regenerates it.
struct SklearnFixtureTests {
    nonisolated(unsafe) static let cases: [[String: Any]] = {
        let url = Bundle.module.url(forResource: "metrics", withExtension: "json", subdirectory: "Fixtures")!
        let object = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return object["cases"] as! [[String: Any]]
    }()

    static func cases(_ kind: String) -> [[String: Any]] { cases.filter { $0["kind"] as? String == kind } }

    func expectClose(_ actual: Double, _ testCase: [String: Any], tolerance: Double = 1e-12) {
        let expected = testCase["expected"] as! Double
        #expect(abs(actual - expected) <= tolerance, "\(testCase["call"]!): podium \(actual), sklearn \(expected)")
    }

    @Test func labelMetricsMatchScikitLearn() throws {
        let cases = Self.cases("labels")
        #expect(cases.count > 50)
        for testCase in cases {
            let truth = testCase["truth"] as! [String]
            let predicted = testCase["predicted"] as! [String]
            let matrix = try ConfusionMatrix(truth: truth, predicted: predicted)
            let coding = LabelCoding(truth + predicted)
            let binary = Averaging.binary(positive: coding.code(of: testCase["positive"] as! String))
            let value: Double =
                switch testCase["metric"] as! String {
                case "accuracy": matrix.accuracy
                case "balanced_accuracy": matrix.balancedAccuracy
                case "precision_macro": try matrix.precision(.macro)
                case "recall_macro": try matrix.recall(.macro)
                case "f1_macro": try matrix.f1(.macro)
                case "f1_micro": try matrix.f1(.micro)
                case "f1_weighted": try matrix.f1(.weighted)
                case "precision_weighted": try matrix.precision(.weighted)
                case "mcc": matrix.matthewsCorrelation
                case "precision": try matrix.precision(binary)
                case "recall": try matrix.recall(binary)
                case "f1": try matrix.f1(binary)
                default: Double.nan
                }
            expectClose(value, testCase)
        }
    }

    @Test func rocAUCMatchesScikitLearnWithTies() throws {
        for testCase in Self.cases("roc_auc") {
            let value = try RankingMetrics.rocAUC(
                truth: testCase["truth"] as! [Bool], scores: testCase["scores"] as! [Double])
            expectClose(value, testCase)
        }
        for testCase in Self.cases("roc_auc_ovr") {
            let truth = (testCase["truth"] as! [Int]).map(Int32.init)
            let value = try RankingMetrics.rocAUCOneVsRest(
                truth: truth, probabilities: testCase["probabilities"] as! [[Double]])
            expectClose(value, testCase)
        }
    }

    @Test func logLossClipsAtMachineEpsilonAndDoesNotRenormalise() throws {
        let binary = Self.cases("log_loss_binary")
        #expect(binary.count == 2)
        for testCase in binary {
            let value = try LogLoss.binary(
                truth: testCase["truth"] as! [Bool], probabilities: testCase["probabilities"] as! [Double])
            expectClose(value, testCase)
        }
        for testCase in Self.cases("log_loss_multiclass") {
            let truth = (testCase["truth"] as! [Int]).map(Int32.init)
            let value = try LogLoss.multiclass(truth: truth, probabilities: testCase["probabilities"] as! [[Double]])
            expectClose(value, testCase)
        }
    }

    @Test func regressionMetricsMatchScikitLearn() throws {
        for testCase in Self.cases("regression") {
            let truth = testCase["truth"] as! [Double]
            let predicted = testCase["predicted"] as! [Double]
            let value: Double =
                switch testCase["metric"] as! String {
                case "rmse": try RegressionMetrics.rootMeanSquaredError(truth: truth, predicted: predicted)
                case "mae": try RegressionMetrics.meanAbsoluteError(truth: truth, predicted: predicted)
                default: try RegressionMetrics.r2(truth: truth, predicted: predicted)
                }
            expectClose(value, testCase)
        }
    }

    @Test func squadNormalisationMatchesTheOfficialScript() {
        let cases = Self.cases("normalize")
        #expect(cases.count == 11)
        for testCase in cases {
            let text = testCase["text"] as! String
            #expect(AnswerNormalization.squad.normalized(text) == testCase["normalized"] as! String, "\(text)")
        }
    }

    @Test func answerMetricsMatchTheOfficialScript() {
        for testCase in Self.cases("token_f1") {
            let value = AnswerMetrics.tokenF1(testCase["prediction"] as! String, golds: testCase["golds"] as! [String])
            expectClose(value, testCase)
        }
        for testCase in Self.cases("exact_match") {
            let value = AnswerMetrics.exactMatch(
                testCase["prediction"] as! String, golds: testCase["golds"] as! [String])
            expectClose(value, testCase)
        }
    }
}
