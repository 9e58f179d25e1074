import FairPlay
import Foundation
import MLMetrics
import Scoring
import Testing

/// Which Private rows a submission got wrong, for each kind of prediction, read through the real answer key and
/// validator.
struct ErrorPatternTests {
    /// A solution of `values` (row `r` is Private when odd) written to a temp file, loaded with `spec`.
    static func key(_ values: [String], spec: TaskSpec) throws -> AnswerKey {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = values.enumerated().map { "r\($0),\($1),\($0 % 2 == 1 ? "Private" : "Public")" }
        try (["id,label,Usage"] + rows).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try AnswerKey.load(path: path, spec: spec)
    }

    static func predictions(_ header: String, _ rows: [String], key: AnswerKey) throws -> PredictedValues {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sub-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = rows.enumerated().map { "r\($0),\($1)" }
        try ([header] + lines).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try SubmissionValidator.validate(path: path, key: key)
    }

    static func wrongRows(_ pattern: ErrorPattern) -> [Int] { (0..<pattern.rows).filter(pattern.isWrong) }

    @Test func labelsAreWrongWhereTheyDifferOnThePrivateRows() throws {
        let key = try Self.key(["a", "b", "a", "b", "a", "b"], spec: TaskSpec(metrics: [.accuracy]))
        let predicted = try Self.predictions("id,label", ["b", "a", "a", "b", "b", "a"], key: key)
        let pattern = ErrorPattern.of(predicted, key: key)
        #expect(pattern.rows == 3, "the Private rows 1, 3, 5")
        #expect(Self.wrongRows(pattern) == [0, 2], "rows 1 and 5 are wrong; row 0 and 4 are Public")
    }

    @Test func aProbabilityIsWrongWhenItsLabelAtOneHalfIs() throws {
        let key = try Self.key(["1", "0", "1", "0"], spec: TaskSpec(metrics: [.rocAUC]))
        let predicted = try Self.predictions("id,label", ["0.9", "0.7", "0.2", "0.1"], key: key)
        #expect(Self.wrongRows(ErrorPattern.of(predicted, key: key)) == [0], "row 1 (0.7 for a 0) is wrong")
    }

    @Test func aNumberIsWrongWhenItsErrorIsAboveTheSubmissionsMedian() throws {
        let key = try Self.key(["0", "0", "0", "0", "0", "0", "0", "0"], spec: TaskSpec(metrics: [.rmse]))
        let predicted = try Self.predictions("id,label", ["9", "1", "9", "5", "9", "2", "9", "3"], key: key)
        // Private errors 1, 5, 2, 3: median 2; above it: 5 (row 3) and 3 (row 7).
        #expect(Self.wrongRows(ErrorPattern.of(predicted, key: key)) == [1, 3])
    }
}
