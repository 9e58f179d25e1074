import Foundation

// The payload of each kind of event. Field names are the stored JSON's keys; a payload whose absent value is
// written as `null` (not left out) says so in its own `encode(to:)`.

extension Event {
    /// A round's state changed.
    public struct RoundChange: Codable, Sendable, Equatable {
        /// The round's id.
        public var round: String
        /// Who: an organiser's name, or "schedule".
        public var actor: String

        /// Creates the payload.
        public init(round: String, actor: String) {
            self.round = round
            self.actor = actor
        }
    }

    /// A round closes soon.
    public struct ClosingSoon: Codable, Sendable, Equatable {
        /// The round's id.
        public var round: String
        /// When, ISO 8601.
        public var closes: String
        /// Whole minutes left.
        public var minutes: Int

        /// Creates the payload.
        public init(round: String, closes: String, minutes: Int) {
            self.round = round
            self.closes = closes
            self.minutes = minutes
        }
    }

    /// A round's public board froze.
    public struct Frozen: Codable, Sendable, Equatable {
        /// The round's id.
        public var round: String
        /// The freeze's moment, ISO 8601.
        public var since: String

        /// Creates the payload.
        public init(round: String, since: String) {
            self.round = round
            self.since = since
        }
    }

    /// The day's top of a public board.
    public struct Digest: Codable, Sendable, Equatable {
        /// The round's id.
        public var round: String
        /// The ranked teams, best first.
        public var top: [Row]

        /// One ranked team.
        public struct Row: Codable, Sendable, Equatable {
            /// Its rank.
            public var rank: Int
            /// The team's name.
            public var team: String
            /// The score.
            public var score: Double

            /// Creates the payload.
            public init(rank: Int, team: String, score: Double) {
                self.rank = rank
                self.team = team
                self.score = score
            }
        }

        /// Creates the payload.
        public init(round: String, top: [Row]) {
            self.round = round
            self.top = top
        }
    }

    /// A team advanced.
    public struct Advancement: Codable, Sendable, Equatable {
        /// The team's name.
        public var team: String
        /// The round it leaves.
        public var from: String
        /// The round it enters.
        public var to: String

        /// Creates the payload.
        public init(team: String, from: String, to: String) {
            self.team = team
            self.from = from
            self.to = to
        }
    }

    /// A submission was scored.
    public struct Scored: Codable, Sendable, Equatable {
        /// The submission's id.
        public var submission: Int64
        /// The team's name.
        public var team: String
        /// The round's id.
        public var round: String
        /// The public score at the board's precision; nil (`null`) while the board is frozen or without one.
        public var `public`: Double?

        /// Creates the payload.
        public init(submission: Int64, team: String, round: String, public: Double?) {
            self.submission = submission
            self.team = team
            self.round = round
            self.public = `public`
        }

        /// Writes every field, an absent one as `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(submission, forKey: .submission)
            try container.encode(team, forKey: .team)
            try container.encode(round, forKey: .round)
            try container.encode(`public`, forKey: .public)
        }
    }

    /// A new leader of a public board.
    public struct LeaderChange: Codable, Sendable, Equatable {
        /// The round's id.
        public var round: String
        /// The team's name.
        public var team: String
        /// The score.
        public var score: Double
        /// The leader before (nil, `null`: there was none).
        public var previous: String?

        /// Creates the payload.
        public init(round: String, team: String, score: Double, previous: String?) {
            self.round = round
            self.team = team
            self.score = score
            self.previous = previous
        }

        /// Writes every field, an absent one as `null`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(round, forKey: .round)
            try container.encode(team, forKey: .team)
            try container.encode(score, forKey: .score)
            try container.encode(previous, forKey: .previous)
        }
    }

    /// A submission, by id.
    public struct SubmissionRef: Codable, Sendable, Equatable {
        /// The submission's id.
        public var submission: Int64

        /// Creates the payload.
        public init(submission: Int64) { self.submission = submission }
    }

    /// A submission an organiser disqualified.
    public struct Disqualified: Codable, Sendable, Equatable {
        /// The submission's id.
        public var submission: Int64
        /// Who.
        public var actor: String

        /// Creates the payload.
        public init(submission: Int64, actor: String) {
            self.submission = submission
            self.actor = actor
        }
    }

    /// A job that keeps failing.
    public struct JobFailing: Codable, Sendable, Equatable {
        /// The submission's id.
        public var submission: Int64
        /// Claims so far.
        public var attempts: Int
        /// The last error ("worker lost" when a worker vanished).
        public var error: String

        /// Creates the payload.
        public init(submission: Int64, attempts: Int, error: String) {
            self.submission = submission
            self.attempts = attempts
            self.error = error
        }
    }

    /// A queue that has not moved.
    public struct Stalled: Codable, Sendable, Equatable {
        /// Whole minutes the oldest job has waited.
        public var minutes: Int
        /// Jobs waiting.
        public var depth: Int

        /// Creates the payload.
        public init(minutes: Int, depth: Int) {
            self.minutes = minutes
            self.depth = depth
        }
    }

    /// An organiser's action, as the audit log recorded it.
    public struct OrganiserAction: Codable, Sendable, Equatable {
        /// The audit entry's id.
        public var audit: Int64
        /// Who: the organiser.
        public var actor: String
        /// What was done (`round.open`…).
        public var action: String
        /// What it was done to.
        public var subject: String
        /// Why (left out when none was given).
        public var reason: String?

        /// Creates the payload.
        public init(audit: Int64, actor: String, action: String, subject: String, reason: String?) {
            self.audit = audit
            self.actor = actor
            self.action = action
            self.subject = subject
            self.reason = reason
        }
    }

    /// A team's final selection for a round, as it is now.
    public struct SelectionChange: Codable, Sendable, Equatable {
        /// The team's name.
        public var team: String
        /// The round's id.
        public var round: String
        /// The selected submissions, by id.
        public var submissions: [Int64]

        /// Creates the payload.
        public init(team: String, round: String, submissions: [Int64]) {
            self.team = team
            self.round = round
            self.submissions = submissions
        }
    }

    /// A team passed others on a round's public board with a new score (never told while the board is frozen).
    public struct Overtaking: Codable, Sendable, Equatable {
        /// The round's id.
        public var round: String
        /// The team that passed.
        public var team: String
        /// Its public score now, at the board's precision.
        public var score: Double
        /// The teams it passed, by name.
        public var overtaken: [String]

        /// Creates the payload.
        public init(round: String, team: String, score: Double, overtaken: [String]) {
            self.round = round
            self.team = team
            self.score = score
            self.overtaken = overtaken
        }
    }
}
