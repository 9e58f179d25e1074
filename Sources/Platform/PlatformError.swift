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
        /// A field is missing, empty, too long or malformed (a name, a reason, rules not accepted).
        case invalidInput = "invalid_input"
        /// The competition takes no sign-ups (`registration: closed`).
        case registrationClosed = "registration_closed"
        /// The competition has rules, and the sign-up did not accept them.
        case rulesNotAccepted = "rules_not_accepted"
        /// The participant waits for an organiser's approval.
        case notApproved = "not_approved"
        /// The name is taken in this competition.
        case nameTaken = "name_taken"
        /// The participant is in a team already.
        case alreadyInTeam = "already_in_team"
        /// The participant is in no team.
        case notInTeam = "not_in_team"
        /// The team has `max_team_size` members.
        case teamFull = "team_full"
        /// The invite code was used (each admits one participant): ask the captain for the current one.
        case inviteUsed = "invite_used"
        /// The invite code was replaced by the captain, or its team is gone.
        case inviteRevoked = "invite_revoked"
        /// Only the team's captain may do this.
        case notCaptain = "not_captain"
        /// The member has submitted in the team, so may no longer leave it or be removed.
        case hasSubmitted = "has_submitted"
        /// The merge deadline has passed.
        case mergeDeadlinePassed = "merge_deadline_passed"
        /// The merged team would break a rule (size, submissions made); `message` says which.
        case mergeNotAllowed = "merge_not_allowed"
        /// The server serves an ended event, read-only (`podium serve --read-only`): nothing may change.
        case readOnly = "read_only"
        /// An event archive is damaged, unfinished or of another schema (the message names the part).
        case archiveRefused = "archive_refused"
        /// The data folder or database already holds an event (an import does not mix two).
        case notEmpty = "not_empty"
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

    /// The message, then the details one per line.
    public var description: String {
        ([message] + details.map { "  \($0)" }).joined(separator: "\n")
    }
}
