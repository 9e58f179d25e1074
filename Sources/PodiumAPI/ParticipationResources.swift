import Foundation
import Tabular

/// A participant as they and organisers see them.
public struct ParticipantResource: Codable, Sendable, Equatable {
    /// The id.
    public var id: Int64
    /// The name they chose.
    public var name: String
    /// `pending` (waiting for an organiser's approval) or `approved`.
    public var status: String
    /// Their team's name, if they are in one.
    @Nullable public var team: String?

    /// A participant.
    public init(id: Int64, name: String, status: String, team: String?) {
        self.id = id
        self.name = name
        self.status = status
        self.team = team
    }
}

/// `POST /api/v1/competitions/{slug}/participants`: the new participant and their token, shown this once.
public struct SignUpResource: Codable, Sendable, Equatable {
    /// The participant.
    public var participant: ParticipantResource
    /// Their personal bearer token (only its hash is kept).
    public var token: String

    /// An answer.
    public init(participant: ParticipantResource, token: String) {
        self.participant = participant
        self.token = token
    }
}

/// A member of a team.
public struct MemberResource: Codable, Sendable, Equatable {
    /// Their name.
    public var name: String
    /// `pending` or `approved`.
    public var status: String
    /// Whether they lead the team.
    public var captain: Bool
    /// When they joined it.
    public var joinedAt: Date

    enum CodingKeys: String, CodingKey {
        case name, status, captain
        case joinedAt = "joined_at"
    }

    /// A member.
    public init(name: String, status: String, captain: Bool, joinedAt: Date) {
        self.name = name
        self.status = status
        self.captain = captain
        self.joinedAt = joinedAt
    }
}

/// A merge request as either team sees it.
public struct MergeResource: Codable, Sendable, Equatable {
    /// The id (to accept or decline it).
    public var id: Int64
    /// The team asking (it disappears into the other).
    public var from: String
    /// The team asked (it survives).
    public var into: String
    /// `pending`, `accepted`, `declined` or `withdrawn`.
    public var state: String
    /// When it was asked.
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, from, into, state
        case createdAt = "created_at"
    }

    /// A merge request.
    public init(id: Int64, from: String, into: String, state: String, createdAt: Date) {
        self.id = id
        self.from = from
        self.into = into
        self.state = state
        self.createdAt = createdAt
    }
}

/// A team as its members see it: who is in it, its invite code, its pending merges.
public struct TeamResource: Codable, Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Its captain's name (null for a team an organiser made).
    @Nullable public var captain: String?
    /// Its members, in the order they joined.
    public var members: [MemberResource]
    /// The most members it may have.
    public var maxSize: Int
    /// Pending merge requests it made or received.
    public var merges: [MergeResource]

    enum CodingKeys: String, CodingKey {
        case name, captain, members, merges
        case maxSize = "max_size"
    }

    /// A team.
    public init(name: String, captain: String?, members: [MemberResource], maxSize: Int, merges: [MergeResource]) {
        self.name = name
        self.captain = captain
        self.members = members
        self.maxSize = maxSize
        self.merges = merges
    }
}

/// `POST …/teams` by a participant, `POST …/teams/join`, `GET …/team`: the team and the code that admits its
/// next member (null when the team is full).
public struct TeamMembershipResource: Codable, Sendable, Equatable {
    /// The team.
    public var team: TeamResource
    /// The current invite code: it admits one participant, then the team gets a new one.
    @Nullable public var inviteCode: String?

    enum CodingKeys: String, CodingKey {
        case team
        case inviteCode = "invite_code"
    }

    /// An answer.
    public init(team: TeamResource, inviteCode: String?) {
        self.team = team
        self.inviteCode = inviteCode
    }
}

/// `GET /api/v1/competitions/{slug}/participants`: organisers' list (who waits for approval, who is where).
public struct ParticipantList: Codable, Sendable, Equatable {
    /// The participants, by name.
    public var participants: [ParticipantResource]

    /// A list.
    public init(participants: [ParticipantResource]) { self.participants = participants }
}

/// One entry of the audit log.
public struct AuditEntryResource: Codable, Sendable, Equatable {
    /// The id (the log's order).
    public var id: Int64
    /// When.
    public var at: Date
    /// Who: an organiser's name, `organiser` for the bootstrap token, `cli:USER` on the box.
    public var actor: String
    /// What, e.g. `round.open`, `submission.disqualify`, `participant.approve`.
    public var action: String
    /// The competition, when the action has one.
    @Nullable public var competition: String?
    /// What it acted on.
    public var subject: String
    /// Why, as given.
    @Nullable public var reason: String?
    /// More, as recorded.
    public var details: [String: JSONValue]

    /// An entry.
    public init(
        id: Int64, at: Date, actor: String, action: String, competition: String?, subject: String, reason: String?,
        details: [String: JSONValue]
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

/// `GET /api/v1/admin/audit`: a page of the audit log, newest first.
public struct AuditLogResource: Codable, Sendable, Equatable {
    /// The entries.
    public var entries: [AuditEntryResource]
    /// Pass as `before` for the next (older) page; null on the last page.
    @Nullable public var nextBefore: Int64?

    enum CodingKeys: String, CodingKey {
        case entries
        case nextBefore = "next_before"
    }

    /// A page.
    public init(entries: [AuditEntryResource], nextBefore: Int64?) {
        self.entries = entries
        self.nextBefore = nextBefore
    }
}
