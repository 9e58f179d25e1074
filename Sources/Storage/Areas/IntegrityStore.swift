import Foundation

/// The kinds of fair-play case.
public enum IntegrityKind: String, Sendable, Codable, CaseIterable {
    /// Two teams submitted the same predictions.
    case identicalFile = "identical_file"
    /// Two teams' errors agree far beyond what their accuracies explain.
    case sharedPredictions = "shared_predictions"
    /// Members of two teams used one address (and browser) within a short time.
    case sharedAddress = "shared_address"
    /// A team made many near-identical submissions (probing the public board).
    case probing
}

/// Where an organiser's review of a case stands.
public enum IntegrityState: String, Sendable, Codable, CaseIterable {
    /// Not yet reviewed.
    case open
    /// Reviewed: nothing wrong.
    case cleared
    /// Reviewed: the rules were broken.
    case upheld
}

/// What scoring a submission leaves for comparing it with others: its normalised content hash, which Private
/// rows it got wrong, and a byte per row of what it predicted.
public struct SubmissionSignal: Sendable, Equatable {
    /// The submission.
    public let submissionId: Int64
    /// Its competition, round and team.
    public let competition: String
    /// The round.
    public let round: String
    /// The team.
    public let teamId: Int64
    /// The normalised content hash.
    public let contentHash: String
    /// Rows of the error pattern.
    public let errorRows: Int
    /// The error pattern's bytes.
    public let errorBits: Data
    /// One byte per row of its predictions.
    public let rowBytes: Data
    /// Rows changed from the team's submission scored before it (nil: none before).
    public var changedRows: Int?

    /// A signal.
    public init(
        submissionId: Int64, competition: String, round: String, teamId: Int64, contentHash: String, errorRows: Int,
        errorBits: Data, rowBytes: Data, changedRows: Int?
    ) {
        self.submissionId = submissionId
        self.competition = competition
        self.round = round
        self.teamId = teamId
        self.contentHash = contentHash
        self.errorRows = errorRows
        self.errorBits = errorBits
        self.rowBytes = rowBytes
        self.changedRows = changedRows
    }
}

/// A team's error pattern as the shared-predictions signal compares it: that of a submission the team selected for
/// the final, of its public-board row, or of its latest scored submission.
public struct TeamPattern: Sendable {
    /// Why the submission stands for its team.
    public enum Role: Sendable {
        /// The team selected it for the final.
        case selected
        /// It is the team's public-board row.
        case boardRow
        /// It is the team's latest scored submission.
        case latest
    }

    /// The team.
    public let teamId: Int64
    /// The submission.
    public let submissionId: Int64
    /// The pattern's rows.
    public let errorRows: Int
    /// The pattern's bytes.
    public let errorBits: Data
    /// The submission's normalised content hash.
    public let contentHash: String
    /// Whether its team is a baseline (public: never a case).
    public let isBaseline: Bool
    /// Why it stands for the team.
    public let role: Role
}

/// A scored submission found by its content hash.
public struct SignalMatch: Sendable {
    /// The submission.
    public let submissionId: Int64
    /// Its team.
    public let teamId: Int64
    /// When it was made.
    public let submittedAt: Date
    /// Whether its team is a baseline (public: never a case).
    public let isBaseline: Bool
}

/// One of a team's scored submissions in a round, for the probing signal.
public struct SignalStep: Sendable {
    /// The submission, its rows changed from the one before and its rows.
    public let submissionId: Int64
    /// Rows changed from the submission before.
    public var changedRows: Int?
    /// Rows compared.
    public let rows: Int
    /// Its scores.
    public let publicScore: Double?
    /// Its Private score.
    public let privateScore: Double?
}

/// A fair-play case as stored.
public struct IntegrityCaseRecord: Sendable, Equatable {
    /// Its id.
    public let id: Int64
    /// Its competition and round.
    public let competition: String
    /// The round.
    public let round: String
    /// Its kind.
    public let kind: IntegrityKind
    /// What it is about, unique for its kind in its round: the team ids (`12,34`) or, for identical files, the
    /// content hash.
    public let subject: String
    /// The team ids it is about, ascending.
    public let teamIds: [Int64]
    /// The evidence, as JSON (`IntegrityEvidence`).
    public let evidence: String
    /// The review's state, its reason, who decided and when.
    public let state: IntegrityState
    /// The organiser's reason (nil while open).
    public let reason: String?
    /// Who decided it.
    public let decidedBy: String?
    /// When it was decided.
    public let decidedAt: Date?
    /// When it was opened and when its evidence last changed.
    public let openedAt: Date
    /// When its evidence last changed.
    public let updatedAt: Date

    /// The subject of a case about teams: their ids ascending, comma-separated.
    public static func teamsSubject(_ ids: [Int64]) -> String {
        ids.sorted().map(String.init).joined(separator: ",")
    }
}

/// A request that a participant made, kept as hashes under the event's key (see `AddressHash`).
public struct AccessTrace: Sendable, Equatable {
    /// The competition, the participant and their team then.
    public let competition: String
    /// The participant.
    public let participantId: Int64
    /// The team.
    public let teamId: Int64?
    /// The address's hash and the browser's (nil: a token, not a browser).
    public let addressHash: String
    /// The browser's hash (nil: a token, not a browser).
    public let agentHash: String?
    /// What was done: sign_up, submit.
    public let action: String
    /// When.
    public let at: Date

    /// A trace.
    public init(
        competition: String, participantId: Int64, teamId: Int64?, addressHash: String, agentHash: String?,
        action: String, at: Date
    ) {
        self.competition = competition
        self.participantId = participantId
        self.teamId = teamId
        self.addressHash = addressHash
        self.agentHash = agentHash
        self.action = action
        self.at = at
    }
}

/// What a transaction reads of fair-play signals and cases.
public protocol IntegrityReader {
    /// The team's latest signal in the round below `submissionId` (whatever became of its submission since).
    func previousSignal(competition: String, round: String, teamId: Int64, before submissionId: Int64) throws
        -> SubmissionSignal?

    /// Each team's patterns in a round: its selected submissions', its board row's and its latest scored one's (a
    /// submission may come more than once, in several roles).
    func teamPatterns(competition: String, round: String) throws -> [TeamPattern]

    /// Each team's first scored submission in the round with this content hash.
    func submissions(competition: String, round: String, contentHash: String) throws -> [SignalMatch]

    /// A team's scored, not disqualified submissions in a round that have signals, in submission order.
    func signalSteps(competition: String, round: String, teamId: Int64) throws -> [SignalStep]

    /// The cases of a round, newest first.
    func integrityCases(competition: String, round: String) throws -> [IntegrityCaseRecord]

    /// One case.
    func integrityCase(id: Int64) throws -> IntegrityCaseRecord?

    /// Other participants' traces of `competition` with this address hash at or after `since`.
    func accessTraces(competition: String, addressHash: String, since: Date) throws -> [AccessTrace]

    /// The event's address key, if it has one.
    func integrityKey(competition: String) throws -> [UInt8]?

}

/// What a write transaction changes of fair-play signals and cases.
public protocol IntegrityWriter: IntegrityReader {
    /// Keeps a scored submission's signal (replacing one from an earlier scoring).
    func saveSignal(_ signal: SubmissionSignal) throws

    /// Opens a case of `kind` about `subject` in a round, naming `teamIds`, with `evidence`, or — one is open or
    /// decided already — updates its teams and evidence. Returns the case's id.
    @discardableResult
    func recordIntegrityCase(
        competition: String, round: String, kind: IntegrityKind, subject: String, teamIds: [Int64], evidence: String,
        at: Date
    ) throws -> Int64

    /// Updates a case's teams and evidence only if the case exists; whether it did.
    @discardableResult
    func updateIntegrityEvidence(
        competition: String, round: String, kind: IntegrityKind, subject: String, teamIds: [Int64], evidence: String,
        at: Date
    ) throws -> Bool

    /// Records the organiser's decision on a case.
    func decideIntegrityCase(id: Int64, state: IntegrityState, reason: String, by: String, at: Date) throws

    /// Keeps a request's trace.
    func recordAccess(_ trace: AccessTrace) throws

    /// Keeps the event's address key.
    func saveIntegrityKey(competition: String, key: [UInt8]) throws

    /// Drops the event's traces and its key; how many traces there were.
    @discardableResult
    func forgetAddresses(competition: String) throws -> Int
}
