import Foundation

/// A submission as its team (and organisers) see it: `GET /api/v1/submissions/{id}`, the team's list,
/// and `podium submissions list --json`.
public struct SubmissionResource: Codable, Sendable, Equatable {
    /// The id.
    public var id: Int64
    /// The round.
    public var round: String
    /// `queued`, `scoring`, `scored` or `failed`.
    public var status: String
    /// Its place in the queue while queued.
    @Nullable public var queuePosition: Int?
    /// When it was submitted.
    public var submittedAt: Date
    /// The team's note.
    @Nullable public var message: String?
    /// The composite on the Public part.
    @Nullable public var publicScore: Double?
    /// Each task's Public score.
    public var tasks: [String: Double]
    /// Picked for the private board.
    public var selected: Bool
    /// Why it failed, for the team.
    @Nullable public var error: String?
    /// When it was scored (or failed).
    @Nullable public var scoredAt: Date?
    /// Decimals the boards show.
    public var displayPrecision: Int
    /// The team (organisers' views only: absent from a team's own).
    public var team: String?
    /// The Private composite (organisers only: absent from a team's view).
    public var privateScore: Double?
    /// The full failure (organisers only: absent from a team's view).
    public var errorDetail: String?
    /// Disqualified by an organiser.
    public var disqualified: Bool
    /// The member who uploaded it (null: the team's token).
    @Nullable public var submittedBy: String?
    /// A code submission's measurements by task (absent for uploaded files and before it ran).
    public var measurements: [String: CodeMeasurements]?
    /// While a code submission runs: the stage it is in (`batch size 32, repeat 2 of 3`).
    public var stage: String?
    /// While it is being scored: when this attempt started.
    public var startedAt: Date?
    /// Its scores on the slices of the tasks that have them, by task (absent when none has, or when the round's
    /// `slices_visibility` does not show them to this reader yet).
    public var slices: [String: [SliceResult]]?
    /// A probing submission layer by layer, by task: each layer's score and the layer the board takes (the Private
    /// scores for organisers only); absent for other rounds, and while the team's own scores are hidden.
    public var layers: [String: LayerScores]?
    /// On a round with `public_board: ladder`, before its reveal: true when this submission did not beat the
    /// team's best by the ladder's step, so `public_score` is that best again and its own details are held back.
    public var ladderHeld: Bool?

    enum CodingKeys: String, CodingKey {
        case id, round, status, message, tasks, selected, error, team, disqualified
        case queuePosition = "queue_position"
        case submittedAt = "submitted_at"
        case publicScore = "public_score"
        case scoredAt = "scored_at"
        case displayPrecision = "display_precision"
        case privateScore = "private_score"
        case errorDetail = "error_detail"
        case submittedBy = "submitted_by"
        case measurements, stage, slices, layers
        case startedAt = "started_at"
        case ladderHeld = "ladder_held"
    }

    /// A submission.
    public init(
        id: Int64, round: String, status: String, queuePosition: Int?, submittedAt: Date, message: String?,
        publicScore: Double?, tasks: [String: Double], selected: Bool, error: String?, scoredAt: Date?,
        displayPrecision: Int, team: String? = nil, privateScore: Double? = nil, errorDetail: String? = nil,
        disqualified: Bool = false, submittedBy: String? = nil, measurements: [String: CodeMeasurements]? = nil,
        stage: String? = nil, startedAt: Date? = nil, slices: [String: [SliceResult]]? = nil,
        layers: [String: LayerScores]? = nil, ladderHeld: Bool? = nil
    ) {
        self.ladderHeld = ladderHeld
        self.slices = slices
        self.layers = layers
        self.measurements = measurements
        self.stage = stage
        self.startedAt = startedAt
        self.id = id
        self.round = round
        self.status = status
        self.queuePosition = queuePosition
        self.submittedAt = submittedAt
        self.message = message
        self.publicScore = publicScore
        self.tasks = tasks
        self.selected = selected
        self.error = error
        self.scoredAt = scoredAt
        self.displayPrecision = displayPrecision
        self.team = team
        self.privateScore = privateScore
        self.errorDetail = errorDetail
        self.submittedBy = submittedBy
        self.disqualified = disqualified
    }
}

/// `GET …/rounds/{round}/submissions`: the calling team's submissions in a round and its quota.
public struct SubmissionList: Codable, Sendable, Equatable {
    /// Newest first.
    public var submissions: [SubmissionResource]
    /// The team's quota (nil in `podium submissions list`, which may span teams).
    @Nullable public var quota: QuotaResource?

    /// A list.
    public init(submissions: [SubmissionResource], quota: QuotaResource?) {
        self.submissions = submissions
        self.quota = quota
    }
}

/// `PUT …/selection`: the submissions now picked for the private board.
public struct SelectionResource: Codable, Sendable, Equatable {
    /// Their ids.
    public var selected: [Int64]

    /// A selection.
    public init(selected: [Int64]) { self.selected = selected }
}
