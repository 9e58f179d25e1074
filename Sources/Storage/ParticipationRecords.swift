import Foundation

/// Whether a participant may submit: at once under open registration, after an organiser's approval under
/// approval registration; stored by raw value.
public enum ParticipantStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for an organiser.
    case pending
    /// May submit (once in a team).
    case approved
}

/// A person who signed up for a competition. Their token is stored only as a SHA-256 hash.
public struct ParticipantRecord: Codable, Sendable {
    /// Row id.
    public var id: Int64?
    /// The competition.
    public var competition: String
    /// The name they chose, unique in the competition.
    public var name: String
    /// SHA-256 of their bearer token.
    public var tokenHash: String
    /// Pending or approved.
    public var status: ParticipantStatus
    /// Their team, if they are in one.
    public var teamId: Int64?
    /// When they joined that team.
    public var joinedAt: Date?
    /// Whether they accepted the competition's rules when signing up.
    public var acceptedRules: Bool
    /// When they signed up.
    public var createdAt: Date

    /// Creates a record.
    public init(
        id: Int64? = nil, competition: String, name: String, tokenHash: String, status: ParticipantStatus,
        teamId: Int64? = nil, joinedAt: Date? = nil, acceptedRules: Bool, createdAt: Date
    ) {
        self.id = id
        self.competition = competition
        self.name = name
        self.tokenHash = tokenHash
        self.status = status
        self.teamId = teamId
        self.joinedAt = joinedAt
        self.acceptedRules = acceptedRules
        self.createdAt = createdAt
    }
}

/// Where an invite code is; stored by raw value.
public enum InviteState: String, Codable, Sendable {
    /// It admits the next participant who brings it.
    case active
    /// Someone joined with it (each code admits one participant).
    case used
    /// The captain replaced it, or the team is gone.
    case revoked
}

/// A code that admits one participant to a team. Kept after use or revocation, so that a stale code gets a
/// precise refusal rather than "unknown".
public struct InviteRecord: Codable, Sendable {
    /// The code itself.
    public var code: String
    /// The competition.
    public var competition: String
    /// The team it admits to.
    public var teamId: Int64
    /// Active, used or revoked.
    public var state: InviteState
    /// When it was made.
    public var createdAt: Date
    /// Who joined with it.
    public var usedBy: Int64?
    /// When it was used or revoked.
    public var closedAt: Date?

    /// Creates a record.
    public init(
        code: String, competition: String, teamId: Int64, state: InviteState, createdAt: Date, usedBy: Int64? = nil,
        closedAt: Date? = nil
    ) {
        self.code = code
        self.competition = competition
        self.teamId = teamId
        self.state = state
        self.createdAt = createdAt
        self.usedBy = usedBy
        self.closedAt = closedAt
    }
}

/// Where a merge request is; stored by raw value.
public enum MergeState: String, Codable, Sendable {
    /// Waiting for the other captain.
    case pending
    /// Done: the requesting team is now part of the other.
    case accepted
    /// Turned down by the other captain.
    case declined
    /// Withdrawn, or void because one of the teams changed (merged elsewhere, gone).
    case withdrawn
}

/// A captain's request to merge their team into another, which that team's captain accepts or declines.
public struct MergeRequestRecord: Codable, Sendable {
    /// Row id.
    public var id: Int64?
    /// The competition.
    public var competition: String
    /// The team asking; it disappears into `intoTeam` when accepted.
    public var fromTeam: Int64
    /// The team asked; it survives the merge.
    public var intoTeam: Int64
    /// Pending, accepted, declined or withdrawn.
    public var state: MergeState
    /// When it was asked.
    public var createdAt: Date
    /// When it was answered.
    public var decidedAt: Date?

    /// Creates a record.
    public init(
        id: Int64? = nil, competition: String, fromTeam: Int64, intoTeam: Int64, state: MergeState, createdAt: Date,
        decidedAt: Date? = nil
    ) {
        self.id = id
        self.competition = competition
        self.fromTeam = fromTeam
        self.intoTeam = intoTeam
        self.state = state
        self.createdAt = createdAt
        self.decidedAt = decidedAt
    }
}

/// An organiser with a personal token (stored only as a SHA-256 hash), named in the audit log.
public struct OrganiserRecord: Codable, Sendable {
    /// Row id.
    public var id: Int64?
    /// Their name, unique.
    public var name: String
    /// SHA-256 of their token.
    public var tokenHash: String
    /// When they were added.
    public var createdAt: Date

    /// Creates a record.
    public init(id: Int64? = nil, name: String, tokenHash: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}

/// One organiser action in the audit log: who, when, what, on what, and why.
public struct AuditRecord: Codable, Sendable {
    /// Row id (the log's order).
    public var id: Int64?
    /// When.
    public var at: Date
    /// Who: an organiser's name, `organiser` for the bootstrap token, `cli:USER` on the box.
    public var actor: String
    /// What: `round.open`, `submission.disqualify`, `participant.approve`, …
    public var action: String
    /// The competition, when the action has one.
    public var competition: String?
    /// What it acted on: a round, a submission id, a team or participant name.
    public var subject: String
    /// Why, as the organiser gave it (required for destructive actions).
    public var reason: String?
    /// More, as a JSON object.
    public var details: String

    /// Creates a record.
    public init(
        id: Int64? = nil, at: Date, actor: String, action: String, competition: String?, subject: String,
        reason: String?, details: String = "{}"
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.competition = competition
        self.subject = subject
        self.reason = reason
        self.details = details
    }
}
