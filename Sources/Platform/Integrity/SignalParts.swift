import FairPlay
import Foundation
import MLMetrics
import Scoring
import Storage

extension Platform {
    /// A submission's fair-play signal as scoring builds it, task by task, from the predictions it validated.
    struct SignalParts {
        private var patterns: [ErrorPattern] = []
        private var digests: [PredictionDigest] = []

        /// Adds one task's predictions.
        mutating func add(_ predictions: PredictedValues, key: AnswerKey) {
            patterns.append(ErrorPattern.of(predictions, key: key))
            digests.append(PredictionDigest.of(predictions))
        }

        /// The signal of `submission` (its rows changed from the one before are filled in when it is saved).
        func signal(of submission: SubmissionRecord) -> SubmissionSignal? {
            guard !digests.isEmpty else { return nil }
            let pattern = patterns.count == 1 ? patterns[0] : ErrorPattern.concatenating(patterns)
            let digest = digests.count == 1 ? digests[0] : PredictionDigest.concatenating(digests)
            return SubmissionSignal(
                submissionId: submission.id!, competition: submission.competition, round: submission.round,
                teamId: submission.teamId, contentHash: digest.contentHash, errorRows: pattern.rows,
                errorBits: Data(pattern.bytes), rowBytes: Data(digest.rowBytes), changedRows: nil)
        }
    }
}
