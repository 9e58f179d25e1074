import Competitions
import Foundation

/// A loaded competition.
public struct CompetitionRecord: Codable, Sendable {
    /// The folder name under competitions/.
    public var slug: String
    /// Its title.
    public var title: String
    /// The absolute path of its folder.
    public var folder: String
    /// When it was last loaded.
    public var loadedAt: Date
    /// Days its calendar is moved by (0: the dates as its folder writes them).
    public var calendarShiftDays: Int

    /// Creates a record.
    public init(slug: String, title: String, folder: String, loadedAt: Date, calendarShiftDays: Int = 0) {
        self.slug = slug
        self.title = title
        self.folder = folder
        self.loadedAt = loadedAt
        self.calendarShiftDays = calendarShiftDays
    }

    /// How its calendar is moved.
    public var calendarShift: CalendarShift { CalendarShift(days: calendarShiftDays) }
}

/// The hash of a solution file as loaded, per round and task.
public struct SolutionRecord: Codable, Sendable {
    /// The competition.
    public var competition: String
    /// The round.
    public var round: String
    /// The task.
    public var task: String
    /// The path relative to the competition folder.
    public var path: String
    /// SHA-256 of the file.
    public var sha256: String

    /// Creates a record.
    public init(competition: String, round: String, task: String, path: String, sha256: String) {
        self.competition = competition
        self.round = round
        self.task = task
        self.path = path
        self.sha256 = sha256
    }
}

/// A team in a competition. Its token is stored only as a SHA-256 hash.
public struct TeamRecord: Codable, Sendable {
    /// Row id.
    public var id: Int64?
    /// The competition.
    public var competition: String
    /// The team's name, unique in the competition.
    public var name: String
    /// SHA-256 of the team's bearer token.
    public var tokenHash: String
    /// A baseline (shown on the board, not ranked).
    public var isBaseline: Bool
    /// Left out of standings.
    public var disqualified: Bool
    /// When it was added.
    public var createdAt: Date
    /// The participant who leads it (nil for a team an organiser made).
    public var captainId: Int64?
    /// A baseline's model card, as JSON (see `ModelCard`).
    public var card: String?

    /// Creates a record.
    public init(
        id: Int64? = nil, competition: String, name: String, tokenHash: String, isBaseline: Bool, disqualified: Bool,
        createdAt: Date, captainId: Int64? = nil, card: String? = nil
    ) {
        self.id = id
        self.competition = competition
        self.name = name
        self.tokenHash = tokenHash
        self.isBaseline = isBaseline
        self.disqualified = disqualified
        self.createdAt = createdAt
        self.captainId = captainId
        self.card = card
    }
}

/// An organiser's action on a round: open, close or reveal.
public struct RoundActionRecord: Codable, Sendable {
    /// Row id.
    public var id: Int64?
    /// The competition.
    public var competition: String
    /// The round.
    public var round: String
    /// What was done.
    public var kind: RoundActionKind
    /// When.
    public var at: Date
    /// Who.
    public var actor: String

    /// Creates a record.
    public init(
        id: Int64? = nil, competition: String, round: String, kind: RoundActionKind, at: Date, actor: String
    ) {
        self.id = id
        self.competition = competition
        self.round = round
        self.kind = kind
        self.at = at
        self.actor = actor
    }
}

/// A team admitted to a round by advancement.
public struct AdvancementRecord: Codable, Sendable {
    /// The competition.
    public var competition: String
    /// The round the team was admitted to.
    public var round: String
    /// The team.
    public var teamId: Int64
    /// When.
    public var at: Date

    /// Creates a record.
    public init(competition: String, round: String, teamId: Int64, at: Date) {
        self.competition = competition
        self.round = round
        self.teamId = teamId
        self.at = at
    }
}

/// A submission and, once scored, its scores.
public struct SubmissionRecord: Codable, Sendable {
    /// Row id (the submission's public id).
    public var id: Int64?
    /// The competition.
    public var competition: String
    /// The round.
    public var round: String
    /// The team.
    public var teamId: Int64
    /// When it was accepted.
    public var createdAt: Date
    /// The team's note.
    public var message: String?
    /// Where it is on its way to the board.
    public var status: SubmissionStatus
    /// Whether it counts against the quota (false once refunded).
    public var charged: Bool
    /// Picked for the private board.
    public var selected: Bool
    /// Left out of standings by an organiser.
    public var disqualified: Bool
    /// Composite on the Public part.
    public var publicScore: Double?
    /// Composite on the Private part.
    public var privateScore: Double?
    /// JSON of per-task scores.
    public var scores: String?
    /// The short error the team sees.
    public var error: String?
    /// The full error the organiser sees.
    public var errorDetail: String?
    /// SHA-256 of the solution files it was scored against.
    public var solutionHash: String?
    /// The scorer's version.
    public var scorerVersion: String?
    /// When it was scored.
    public var scoredAt: Date?
    /// The participant who uploaded it (nil: the team's token).
    public var submittedBy: Int64?
    /// Its model card, as JSON (see `ModelCard`).
    public var card: String?

    /// Creates a record.
    public init(
        id: Int64? = nil, competition: String, round: String, teamId: Int64, createdAt: Date, message: String? = nil,
        status: SubmissionStatus, charged: Bool, selected: Bool, disqualified: Bool, publicScore: Double? = nil,
        privateScore: Double? = nil, scores: String? = nil, error: String? = nil, errorDetail: String? = nil,
        solutionHash: String? = nil, scorerVersion: String? = nil, scoredAt: Date? = nil, submittedBy: Int64? = nil,
        card: String? = nil
    ) {
        self.id = id
        self.competition = competition
        self.round = round
        self.teamId = teamId
        self.createdAt = createdAt
        self.message = message
        self.status = status
        self.charged = charged
        self.selected = selected
        self.disqualified = disqualified
        self.publicScore = publicScore
        self.privateScore = privateScore
        self.scores = scores
        self.error = error
        self.errorDetail = errorDetail
        self.solutionHash = solutionHash
        self.scorerVersion = scorerVersion
        self.scoredAt = scoredAt
        self.submittedBy = submittedBy
        self.card = card
    }
}

/// One task's file of a submission, stored by content hash.
public struct SubmissionFileRecord: Codable, Sendable {
    /// The submission.
    public var submissionId: Int64
    /// The task it predicts.
    public var task: String
    /// SHA-256 of the content (its path in the file store).
    public var sha256: String
    /// The uploaded file's name.
    public var name: String
    /// Its size in bytes.
    public var size: Int64

    /// Creates a record.
    public init(submissionId: Int64, task: String, sha256: String, name: String, size: Int64) {
        self.submissionId = submissionId
        self.task = task
        self.sha256 = sha256
        self.name = name
        self.size = size
    }
}

/// while scoring; a job whose lease expired is claimed again.
public struct ScoringJobRecord: Codable, Sendable {
    /// The submission.
    public var submissionId: Int64
    /// Where the job is.
    public var state: JobState
    /// Claims so far.
    public var attempts: Int
    /// The worker holding the lease.
    public var leaseOwner: String?
    /// When the lease runs out.
    public var leaseExpiresAt: Date?
    /// When it was queued (order of the queue).
    public var enqueuedAt: Date
    /// The last failure.
    public var lastError: String?
    /// What it needs of its worker.
    public var kind: JobKind = .files
    /// What a code job is doing now (`batch size 32, repeat 2 of 3`).
    public var stage: String?
    /// When its current attempt was claimed.
    public var claimedAt: Date?

    /// Creates a record.
    public init(
        submissionId: Int64, state: JobState, attempts: Int, leaseOwner: String? = nil, leaseExpiresAt: Date? = nil,
        enqueuedAt: Date, lastError: String? = nil, kind: JobKind = .files, stage: String? = nil,
        claimedAt: Date? = nil
    ) {
        self.kind = kind
        self.stage = stage
        self.claimedAt = claimedAt
        self.submissionId = submissionId
        self.state = state
        self.attempts = attempts
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.enqueuedAt = enqueuedAt
        self.lastError = lastError
    }
}

/// An event for the notifier, written in the same transaction as the change that caused it.
public struct EventRecord: Codable, Sendable {
    /// Row id (the event id).
    public var id: Int64?
    /// The competition.
    public var competition: String
    /// round.opened, submission.scored, leader.changed, …
    public var type: EventType
    /// JSON data.
    public var payload: String
    /// When.
    public var createdAt: Date

    /// Creates a record.
    public init(id: Int64? = nil, competition: String, type: EventType, payload: String, createdAt: Date) {
        self.id = id
        self.competition = competition
        self.type = type
        self.payload = payload
        self.createdAt = createdAt
    }
}
