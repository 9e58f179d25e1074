import Foundation
import Tabular

/// A refusal or failure of a platform action, with the stable code the CLI's `--json` and the API use.
public struct PlatformError: Error, Sendable, CustomStringConvertible {
    /// The stable codes.
    public enum Code: String, Sendable {
        /// The file breaks the task's rules (see `details`); nothing was charged.
        case invalidSubmission = "invalid_submission"
        /// The team's quota is used up until `resetsAt`.
        case quotaExceeded = "quota_exceeded"
        /// The round is not open.
        case roundClosed = "round_closed"
        /// The team may not take part in this round (not advanced), or the action is not allowed.
        case notAllowed = "not_allowed"
        /// No such team (or the token is wrong).
        case unknownTeam = "unknown_team"
        /// No such competition, round, submission.
        case notFound = "not_found"
        /// The competition folder has problems (see `details`).
        case invalidCompetition = "invalid_competition"
        /// The upload is over the size limit.
        case tooLarge = "too_large"
        /// Something else went wrong on the platform's side.
        case internalError = "internal_error"
    }

    /// The code.
    public let code: Code
    /// A sentence saying what happened and what to do.
    public let message: String
    /// Located problems (validation) or other lines (competition check).
    public let details: [CSVProblem]
    /// When the next quota slot frees (quota_exceeded).
    public let resetsAt: Date?

    /// Creates an error.
    public init(_ code: Code, _ message: String, details: [CSVProblem] = [], resetsAt: Date? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.resetsAt = resetsAt
    }

    /// The body of `{"error": …}` that the CLI's `--json` and the API both print: code, message, located
    /// details, and when the next quota slot frees.
    public var jsonObject: [String: Any] {
        var object: [String: Any] = ["code": code.rawValue, "message": message]
        if !details.isEmpty {
            object["details"] = details.map { problem -> [String: Any] in
                [
                    "line": problem.line.map { $0 as Any } ?? NSNull(),
                    "column": problem.column.map { $0 as Any } ?? NSNull(),
                    "message": problem.message,
                ]
            }
        }
        if let resetsAt { object["resets_at"] = resetsAt.formatted(.iso8601) }
        return object
    }

    /// The message, then the details one per line.
    public var description: String {
        ([message] + details.map { "  \($0)" }).joined(separator: "\n")
    }
}
