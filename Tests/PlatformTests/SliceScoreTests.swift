import Foundation
import MLMetrics
import PodiumAPI
import Scoring
import TestSupport
import Testing

@testable import Platform

/// Scores on slices of a task (LiDiRus's diagnostic categories) are the task's score on the slice's rows, with the
/// 95% interval of the slice's rows resampled — both as scikit-learn computes them, on real files.
@Suite(.ownThreads) struct SliceScoreTests {
    static let fixtures = PlatformHarness.repository.appendingPathComponent("Tests/PlatformTests/Fixtures/slices")

    struct Expected: Decodable {
        let rows: Int
        let score: Double
        let low: Double
        let high: Double
    }

    /// Fixtures/slices, made by `make_slice_fixtures.py` (scikit-learn 1.9.1): `matthews_corrcoef` and
    /// `accuracy_score` on each slice's rows, and on each of Podium's resamples with the draw counts as
    /// `sample_weight`; the interval is numpy's 2.5th and 97.5th percentile.
    @Test func sliceScoresAndIntervalsAgreeWithScikitLearn() throws {
        let spec = TaskSpec(metrics: [.mcc, .accuracy], sliceColumn: "category")
        let key = try AnswerKey.load(path: Self.fixtures.appendingPathComponent("solution.csv").path, spec: spec)
        let predictions = try SubmissionValidator.validate(
            path: Self.fixtures.appendingPathComponent("submission.csv").path, key: key)
        let score = try TaskScorer.score(predictions, key: key, resamples: 1000, seed: "fixture")
        let expected = try JSONDecoder().decode(
            [String: Expected].self,
            from: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))
        let results = score.slices.map(Platform.sliceResult)
        #expect(results.map(\.name) == expected.keys.sorted())
        for result in results {
            let want = try #require(expected[result.name])
            #expect(result.rows == want.rows, "\(result.name)")
            #expect(abs(try #require(result.score) - want.score) < 1e-12, "\(result.name)")
            #expect(abs(try #require(result.low) - want.low) < 1e-12, "\(result.name)")
            #expect(abs(try #require(result.high) - want.high) < 1e-12, "\(result.name)")
        }
    }

    @Test func tagsAreTrimmedAndTwoLevelTagsCountInTheirFamily() {
        #expect(SliceIndex.slices(of: " logic/negation ;knowledge; ") == ["knowledge", "logic", "logic/negation"])
        #expect(
            SliceIndex.slices(of: "logic/negation;logic/quantifiers") == [
                "logic", "logic/negation", "logic/quantifiers",
            ])
        #expect(SliceIndex.slices(of: "").isEmpty)
    }

    @Test func aSolutionWithoutItsSliceColumnIsRefusedWithTheColumnNamed() throws {
        let spec = TaskSpec(metrics: [.accuracy], sliceColumn: "phenomenon")
        let path = Self.fixtures.appendingPathComponent("solution.csv").path
        #expect {
            _ = try AnswerKey.load(path: path, spec: spec)
        } throws: { error in
            "\(error)".contains("phenomenon") && "\(error)".contains("missing column")
        }
    }
}
