import Foundation

/// Every refusal of the API and of the CLI's `--json`: `{"error": {"code", "message", "details", "resets_at"}}`.
public struct ErrorBody: Codable, Sendable, Equatable {
    /// One located problem (a line and column of a file, or a line of a report).
    public struct Detail: Codable, Sendable, Equatable {
        /// 1-based line, when the problem has one.
        @Nullable public var line: Int?
        /// The column (or JSON field), when the problem has one.
        @Nullable public var column: String?
        /// What is wrong and what was expected.
        public var message: String

        /// A detail.
        public init(line: Int?, column: String?, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// The error itself.
    public struct Failure: Codable, Sendable, Equatable {
        /// A stable code: `invalid_submission`, `quota_exceeded`, `round_closed`, `not_allowed`,
        /// `unknown_team`, `not_found`, `invalid_competition`, `too_large`, `internal_error`, `unauthorized`,
        /// `forbidden`, `bad_request`.
        public var code: String
        /// A sentence saying what happened and what to do.
        public var message: String
        /// Located problems; empty when there are none.
        public var details: [Detail]
        /// When the next quota slot frees (`quota_exceeded`).
        @Nullable public var resetsAt: Date?

        enum CodingKeys: String, CodingKey {
            case code, message, details
            case resetsAt = "resets_at"
        }

        /// A failure.
        public init(code: String, message: String, details: [Detail] = [], resetsAt: Date? = nil) {
            self.code = code
            self.message = message
            self.details = details
            self.resetsAt = resetsAt
        }
    }

    /// The error.
    public var error: Failure

    /// An error body.
    public init(_ error: Failure) { self.error = error }
}
