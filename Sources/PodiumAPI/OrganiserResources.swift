import Foundation
import Tabular

/// `POST …/rounds/{round}/{open|close|reveal}` and `podium round open|close|reveal --json`.
public struct RoundActionResource: Codable, Sendable, Equatable {
    /// The round.
    public var round: String
    /// `open`, `close` or `reveal`.
    public var action: String
    /// The round's state after it.
    public var state: String

    /// An answer.
    public init(round: String, action: String, state: String) {
        self.round = round
        self.action = action
        self.state = state
    }
}

/// `POST …/rounds/{round}/advance` and `podium round advance --json`.
public struct AdvanceResource: Codable, Sendable, Equatable {
    /// The round the teams come from.
    public var from: String
    /// The round they may now enter.
    public var to: String
    /// The board that ranked them (`private` once revealed, else `public`).
    public var board: String
    /// The advanced teams.
    public var teams: [String]

    /// An answer.
    public init(from: String, to: String, board: String, teams: [String]) {
        self.from = from
        self.to = to
        self.board = board
        self.teams = teams
    }
}

/// `POST /api/v1/submissions/{id}/{rescore|disqualify}`.
public struct SubmissionActionResource: Codable, Sendable, Equatable {
    /// The submission.
    public var submission: Int64
    /// `rescore` or `disqualify`.
    public var action: String

    /// An answer.
    public init(submission: Int64, action: String) {
        self.submission = submission
        self.action = action
    }
}

/// `POST …/teams` and `podium team add --json`: the team and its token, shown once.
public struct TeamCreatedResource: Codable, Sendable, Equatable {
    /// The team's name.
    public var team: String
    /// Its token (stored hashed; this is the only time it is shown).
    public var token: String
    /// Whether it is a baseline.
    public var baseline: Bool

    /// An answer.
    public init(team: String, token: String, baseline: Bool) {
        self.team = team
        self.token = token
        self.baseline = baseline
    }
}

/// One chat delivery of an event.
public struct DeliveryResource: Codable, Sendable, Equatable {
    /// The event.
    public var event: Int64
    /// The chat target.
    public var target: String
    /// `pending`, `delivered` or `dead`.
    public var state: String
    /// Attempts so far.
    public var attempts: Int
    /// The last HTTP status.
    @Nullable public var lastStatus: Int?
    /// The start of the last response.
    @Nullable public var lastResponse: String?
    /// When it is tried next.
    public var nextAttemptAt: Date

    enum CodingKeys: String, CodingKey {
        case event, target, state, attempts
        case lastStatus = "last_status"
        case lastResponse = "last_response"
        case nextAttemptAt = "next_attempt_at"
    }

    /// A delivery.
    public init(
        event: Int64, target: String, state: String, attempts: Int, lastStatus: Int?, lastResponse: String?,
        nextAttemptAt: Date
    ) {
        self.event = event
        self.target = target
        self.state = state
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastResponse = lastResponse
        self.nextAttemptAt = nextAttemptAt
    }
}

/// One event the notifier fans out.
public struct EventResource: Codable, Sendable, Equatable {
    /// Its id.
    public var id: Int64
    /// The competition.
    public var competition: String
    /// `submission.scored`, `leader.changed`, …
    public var type: String
    /// When it happened.
    public var createdAt: Date
    /// What happened (the event's own fields).
    public var data: JSONValue

    enum CodingKeys: String, CodingKey {
        case id, competition, type, data
        case createdAt = "created_at"
    }

    /// An event.
    public init(id: Int64, competition: String, type: String, createdAt: Date, data: JSONValue) {
        self.id = id
        self.competition = competition
        self.type = type
        self.createdAt = createdAt
        self.data = data
    }
}

/// `GET /api/v1/admin/deliveries`: the newest deliveries and events.
public struct DeliveriesResource: Codable, Sendable, Equatable {
    /// Deliveries, newest first.
    public var deliveries: [DeliveryResource]
    /// Events, newest first.
    public var events: [EventResource]

    /// An answer.
    public init(deliveries: [DeliveryResource], events: [EventResource]) {
        self.deliveries = deliveries
        self.events = events
    }
}
