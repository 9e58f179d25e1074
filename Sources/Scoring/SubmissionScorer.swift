import Dispatch
import Foundation
import MLMetrics
import Tabular

/// The whole path for one file: read the solution and the submission at the same time (one core each),
/// validate, score.
public enum SubmissionScorer {
    /// The result of scoring one file.
    public struct Outcome: Sendable {
        /// The key it was scored against.
        public let key: AnswerKey
        /// Rows in the submission.
        public let rows: Int
        /// The scores.
        public let score: TaskScore
    }

    /// Scores `submissionPath` against the solution at `solutionPath` for `spec`, and on `resamples`
    /// bootstrap resamples of each part when above 0 (seeded by the solution's file name).
    public static func score(
        submissionPath: String, solutionPath: String, spec: TaskSpec, resamples: Int = 0
    ) throws(ScoringError) -> Outcome {
        let options = try SubmissionValidator.readOptions(for: spec)
        let (keyResult, tableResult) = inParallel(
            { () -> Result<AnswerKey, ScoringError> in
                do throws(ScoringError) { return .success(try AnswerKey.load(path: solutionPath, spec: spec)) } catch {
                    return .failure(error)
                }
            },
            { () -> Result<CSVTable, CSVError> in
                do throws(CSVError) {
                    return .success(try spec.readSubmission(path: submissionPath, options: options))
                } catch {
                    return .failure(error)
                }
            })
        let key = try keyResult.get()
        let table: CSVTable
        switch tableResult {
        case .success(let read): table = read
        case .failure(let error):
            throw .invalidSubmission(ValidationReport(file: error.file, problems: [error.problem], more: 0))
        }
        let predictions = try SubmissionValidator.validate(table, key: key)
        // The table's last use: its ids, lines and columns are freed before scoring.
        let rows = table.rowCount
        let seed = URL(fileURLWithPath: solutionPath).lastPathComponent
        return Outcome(
            key: key, rows: rows, score: try TaskScorer.score(predictions, key: key, resamples: resamples, seed: seed))
    }
}

/// Runs two closures on two threads and returns both results.
func inParallel<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    nonisolated(unsafe) var a: A?
    nonisolated(unsafe) var b: B?
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { a = first() } else { b = second() }
    }
    return (a!, b!)
}
