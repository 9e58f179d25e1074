import Competitions
import Foundation

/// What a transaction reads of submissions, their files, scores and failures.
public protocol SubmissionReader {
    /// A team's charged submissions in a round (its quota use).
    func charges(competition: String, round: String, teamId: Int64) throws -> TeamCharges

    /// The submission with this id.
    func submission(id: Int64) throws -> SubmissionRecord?

    /// A team's submissions in a round, newest first.
    func submissions(competition: String, round: String, teamId: Int64) throws -> [SubmissionRecord]

    /// A round's submissions in any of `statuses`.
    func submissions(competition: String, round: String, statuses: [SubmissionStatus]) throws -> [SubmissionRecord]

    /// A competition's latest submissions, newest first.
    func recentSubmissions(competition: String, limit: Int) throws -> [SubmissionRecord]

    /// How many of a round's submissions are scored.
    func scoredCount(competition: String, round: String) throws -> Int

    /// The stored files of a submission.
    func files(submissionId: Int64) throws -> [SubmissionFileRecord]

    /// The model cards (JSON) of these submissions, by id (those without one are left out).
    func cards(submissionIds: [Int64]) throws -> [Int64: String]

    /// The score sheets (JSON, see `ScoreSheet`) of these submissions, by id (those not scored are left out).
    func scoreSheets(submissionIds: [Int64]) throws -> [Int64: String]

    /// The stored bootstrap resamples of those submissions on one part (`public` or `private`) that have them.
    func resamples(submissionIds: [Int64], part: String) throws -> [Int64: [Double]]

    /// The slice resamples of those of `submissionIds` that have them, for `task`: submission → slice → values.
    func sliceResamples(submissionIds: [Int64], task: String) throws -> [Int64: [String: [Double]]]

    /// How many submissions a team has (in every round), or only those `participantId` uploaded.
    func submissionCount(teamId: Int64, submittedBy participantId: Int64?) throws -> Int
}

/// What a write transaction changes of submissions, their files, scores and failures.
public protocol SubmissionWriter: SubmissionReader {
    /// Inserts a submission; returns it with its id.
    func insert(_ submission: SubmissionRecord) throws -> SubmissionRecord

    /// Inserts a stored file of a submission.
    func insert(_ file: SubmissionFileRecord) throws

    /// Inserts `submission` with its `files` (their `submissionId` set to its id) and queues its job of `kind` at
    /// `at` — only while everything in `basis` still holds for the submission's team and round, in one statement on
    /// PostgreSQL; nil (and nothing written) when something moved since it was read.
    func insertQueued(
        _ submission: SubmissionRecord, files: [SubmissionFileRecord], kind: JobKind, at: Date, if basis: AcceptBasis
    ) throws -> QueuedSubmission?

    /// Makes `ids` the team's only final selections in the round.
    func select(competition: String, round: String, teamId: Int64, submissions ids: [Int64]) throws

    /// Stores a submission's scores and marks it scored.
    func recordScore(_ score: StoredScore, submissionId: Int64, at: Date) throws

    /// Marks a submission failed with a message for the team and the detail for the organiser.
    func markFailed(submissionId: Int64, error: String, detail: String, at: Date) throws

    /// Marks a submission disqualified.
    func disqualify(submissionId: Int64) throws
}
