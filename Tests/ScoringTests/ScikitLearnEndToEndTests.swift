import Foundation
import MLMetrics
import Scoring
import Testing

/// The whole path (read both files, validate, align by id, score each part) against the values
/// scikit-learn computed for Fixtures/cases, made by
/// `make_score_fixtures.py --out Fixtures/cases --rows 120 --seed 7` (scikit-learn 1.9.1).
/// Submission rows are in a different order from the solution's, so alignment by id is exercised.
struct ScikitLearnEndToEndTests {
    static let casesDirectory = Bundle.module.url(forResource: "cases", withExtension: nil, subdirectory: "Fixtures")!

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let metric: String
        let args: [String]
        let `public`: Double
        let `private`: Double
        let rows: Int
        var name = ""
        var testDescription: String { name }

        enum CodingKeys: String, CodingKey { case metric, args, `public`, `private`, rows }
    }

    static let cases: [Case] = {
        let data = try! Data(contentsOf: casesDirectory.appendingPathComponent("expected.json"))
        return try! JSONDecoder().decode([String: Case].self, from: data).map { name, value in
            var named = value
            named.name = name
            return named
        }.sorted { $0.name < $1.name }
    }()

    @Test func everyMetricHasACase() {
        let covered = Set(Self.cases.map(\.metric))
        #expect(covered == Set(BuiltinMetric.allCases.map(\.rawValue)))
    }

    @Test(arguments: cases)
    func scoresMatchScikitLearn(_ testCase: Case) throws {
        var spec = TaskSpec(metrics: [BuiltinMetric(rawValue: testCase.metric)!])
        var arguments = testCase.args[...]
        while let option = arguments.popFirst(), let value = arguments.popFirst() {
            switch option {
            case "--positive-label": spec.positiveLabel = value
            case "--group-column": spec.groupColumn = value
            default: Issue.record("unknown option \(option)")
            }
        }
        let folder = Self.casesDirectory.appendingPathComponent(testCase.name)
        let outcome = try SubmissionScorer.score(
            submissionPath: folder.appendingPathComponent("submission.csv").path,
            solutionPath: folder.appendingPathComponent("solution.csv").path, spec: spec)
        #expect(outcome.rows == testCase.rows)
        let publicScore = try #require(outcome.score.score(.public))
        let privateScore = try #require(outcome.score.score(.private))
        #expect(abs(publicScore - testCase.public) <= 1e-9, "public: podium \(publicScore), sklearn \(testCase.public)")
        #expect(
            abs(privateScore - testCase.private) <= 1e-9, "private: podium \(privateScore), sklearn \(testCase.private)"
        )
    }
}
