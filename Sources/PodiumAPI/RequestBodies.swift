import Foundation

// The JSON bodies clients send: one type each, decoded by the server and encoded by the CLI.

/// `PUT …/rounds/{round}/selection`: the submissions a team picks for the private board.
public struct SelectionRequest: Codable, Sendable, Equatable {
    /// The picked submissions' ids.
    public let submissions: [Int64]

    /// Creates a body.
    public init(submissions: [Int64]) { self.submissions = submissions }
}

/// `POST …/rounds/{round}/{open|close|reveal|advance}` (organisers): why, and for an advance where to and how many.
public struct RoundActionRequest: Codable, Sendable, Equatable {
    /// The round teams advance to (an advance; default: the next round).
    public let to: String?
    /// How many teams advance (an advance; default: the round's rule).
    public let top: Int?
    /// Why, for the audit log.
    public let reason: String?

    /// Creates a body.
    public init(to: String? = nil, top: Int? = nil, reason: String? = nil) {
        self.to = to
        self.top = top
        self.reason = reason
    }
}

/// An organiser's action on a submission (`disqualify`, `rescore`): why.
public struct ReasonRequest: Codable, Sendable, Equatable {
    /// Why, for the audit log.
    public let reason: String?

    /// Creates a body.
    public init(reason: String? = nil) { self.reason = reason }
}

/// `POST …/teams`: a team an organiser adds, or one a participant founds.
public struct NewTeamRequest: Codable, Sendable, Equatable {
    /// Its name.
    public let name: String
    /// A baseline (organisers only).
    public let baseline: Bool?

    /// Creates a body.
    public init(name: String, baseline: Bool? = nil) {
        self.name = name
        self.baseline = baseline
    }
}

/// `POST …/participants`: a sign-up.
public struct SignUpRequest: Codable, Sendable, Equatable {
    /// The participant's name.
    public let name: String
    /// Whether they accept the competition's rules.
    public let acceptRules: Bool?

    /// Creates a body.
    public init(name: String, acceptRules: Bool?) {
        self.name = name
        self.acceptRules = acceptRules
    }

    enum CodingKeys: String, CodingKey {
        case name
        case acceptRules = "accept_rules"
    }
}

/// `POST …/teams/join`: an invite code.
public struct JoinRequest: Codable, Sendable, Equatable {
    /// The code a captain shared.
    public let inviteCode: String

    /// Creates a body.
    public init(inviteCode: String) { self.inviteCode = inviteCode }

    enum CodingKeys: String, CodingKey { case inviteCode = "invite_code" }
}

/// `POST …/team/merges`: the team a captain asks to merge into.
public struct MergeRequestBody: Codable, Sendable, Equatable {
    /// That team's name.
    public let into: String

    /// Creates a body.
    public init(into: String) { self.into = into }
}
