import Foundation

/// The numbers behind a fair-play case; which fields it has depends on its kind.
public struct IntegrityEvidence: Codable, Sendable, Equatable {
    /// The submissions the case is about, oldest first.
    public var submissions: [Int64]
    /// When they were made (or, for `shared_address`, when the requests were), in the same order.
    public var times: [Date]
    /// `identical_file`: the normalised content hash the submissions share.
    public var contentHash: String?
    /// `shared_predictions`: Cohen's kappa of the two teams' error patterns, and the threshold it reached.
    public var kappa: Double?
    /// The kappa at which a case opens.
    public var threshold: Double?
    /// `shared_predictions`: Private rows compared, each team's wrong rows, the rows both got wrong, and how many
    /// both would get wrong if their errors were independent.
    public var rows: Int?
    /// Rows each team got wrong.
    public var wrong: [Int]?
    /// Rows both got wrong.
    public var bothWrong: Int?
    /// How many both would get wrong if their errors were independent.
    public var expectedBothWrong: Double?
    /// `shared_address`: requests from the one address by the teams' members, whether one browser made them,
    /// and what they were (sign_up, submit).
    public var requests: Int?
    /// Whether one browser made every request.
    public var sameBrowser: Bool?
    /// What the requests were (sign_up, submit).
    public var actions: [String]?
    /// `probing`: the team's scored submissions and how many changed few rows of the one before.
    public var nearIdentical: Int?
    /// The team's scored submissions in the round.
    public var scored: Int?
    /// `probing`: how far those near-identical submissions moved the Public and the Private score, in the
    /// better direction.
    public var publicWalk: Double?
    /// How far the same submissions moved the Private score.
    public var privateWalk: Double?

    enum CodingKeys: String, CodingKey {
        case submissions, times, kappa, threshold, rows, wrong, requests, actions, scored
        case contentHash = "content_hash"
        case bothWrong = "both_wrong"
        case expectedBothWrong = "expected_both_wrong"
        case sameBrowser = "same_browser"
        case nearIdentical = "near_identical"
        case publicWalk = "public_walk"
        case privateWalk = "private_walk"
    }

    /// Evidence naming `submissions` made at `times`; the caller fills in its kind's fields.
    public init(submissions: [Int64], times: [Date]) {
        self.submissions = submissions
        self.times = times
    }
}

/// A fair-play case as organisers see it.
public struct IntegrityCaseResource: Codable, Sendable, Equatable {
    /// Its id.
    public var id: Int64
    /// `identical_file`, `shared_predictions`, `shared_address` or `probing`.
    public var kind: String
    /// The teams it is about.
    public var teams: [String]
    /// The numbers behind it.
    public var evidence: IntegrityEvidence
    /// `open`, `cleared` or `upheld`.
    public var state: String
    /// The organiser's reason, who decided and when (nil while open).
    @Nullable public var reason: String?
    /// Who decided it.
    @Nullable public var decidedBy: String?
    /// When it was decided.
    @Nullable public var decidedAt: Date?
    /// When it was opened and when its evidence last changed.
    public var openedAt: Date
    /// When its evidence last changed.
    public var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, kind, teams, evidence, state, reason
        case decidedBy = "decided_by"
        case decidedAt = "decided_at"
        case openedAt = "opened_at"
        case updatedAt = "updated_at"
    }

    /// A case.
    public init(
        id: Int64, kind: String, teams: [String], evidence: IntegrityEvidence, state: String, reason: String?,
        decidedBy: String?, decidedAt: Date?, openedAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.teams = teams
        self.evidence = evidence
        self.state = state
        self.reason = reason
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.openedAt = openedAt
        self.updatedAt = updatedAt
    }
}

/// `GET /api/v1/competitions/{slug}/rounds/{round}/integrity`: a round's fair-play cases, newest first, with
/// the thresholds that opened them.
public struct IntegrityReportResource: Codable, Sendable, Equatable {
    /// The competition and the round.
    public var competition: String
    /// The round.
    public var round: String
    /// `standard` or `ladder`.
    public var publicBoard: String
    /// The thresholds: kappa, near-identical share of rows, near-identical submissions, address window.
    public var sharedPredictions: Double
    /// The share of rows a near-identical submission may change.
    public var nearIdentical: Double
    /// Near-identical submissions that open a probing case.
    public var probingSubmissions: Int
    /// Minutes within which one address for two teams is flagged.
    public var addressWindowMinutes: Int
    /// Whether requests' hashed addresses are still kept (they are dropped once the last round is revealed).
    public var addressesKept: Bool
    /// The cases.
    public var cases: [IntegrityCaseResource]

    enum CodingKeys: String, CodingKey {
        case competition, round, cases
        case publicBoard = "public_board"
        case sharedPredictions = "shared_predictions"
        case nearIdentical = "near_identical"
        case probingSubmissions = "probing_submissions"
        case addressWindowMinutes = "address_window_minutes"
        case addressesKept = "addresses_kept"
    }

    /// A report.
    public init(
        competition: String, round: String, publicBoard: String, sharedPredictions: Double, nearIdentical: Double,
        probingSubmissions: Int, addressWindowMinutes: Int, addressesKept: Bool, cases: [IntegrityCaseResource]
    ) {
        self.competition = competition
        self.round = round
        self.publicBoard = publicBoard
        self.sharedPredictions = sharedPredictions
        self.nearIdentical = nearIdentical
        self.probingSubmissions = probingSubmissions
        self.addressWindowMinutes = addressWindowMinutes
        self.addressesKept = addressesKept
        self.cases = cases
    }
}

/// `POST …/integrity/{case}`: an organiser's decision on a case.
public struct IntegrityDecisionRequest: Codable, Sendable, Equatable {
    /// `cleared` or `upheld`.
    public let state: String
    /// Why, for the audit log (required).
    public let reason: String?
    /// For an upheld case, what to disqualify through the submission action: `none` (the default), the case's
    /// `submissions`, or every scored submission in the round of its `teams`.
    public let disqualify: String?

    /// A body.
    public init(state: String, reason: String?, disqualify: String? = nil) {
        self.state = state
        self.reason = reason
        self.disqualify = disqualify
    }
}

extension IntegrityEvidence {
    /// The evidence as lines of text for the review page and `podium integrity` (numbers, not prose: the same
    /// in both languages); scores with `decimals` decimals.
    public func lines(decimals: Int) -> [String] {
        let score = { (value: Double) in String(format: "%+.\(decimals)f", value) }
        var lines: [String] = []
        if let contentHash { lines.append("content hash \(contentHash.prefix(16))…") }
        if let kappa, let threshold { lines.append("κ = \(String(format: "%.3f", kappa)) (threshold \(threshold))") }
        if let rows, let wrong, let bothWrong, let expectedBothWrong {
            lines.append(
                "\(rows) private rows; wrong \(wrong.map(String.init).joined(separator: " / ")); both wrong \(bothWrong)"
                    + " (\(String(format: "%.1f", expectedBothWrong)) if independent)")
        }
        if let requests {
            lines.append("\(requests) requests from one address (\((actions ?? []).joined(separator: ", ")))")
            if sameBrowser == true { lines.append("one browser") }
        }
        if let nearIdentical, let scored {
            lines.append("\(nearIdentical) of \(scored) submissions near-identical to the one before")
        }
        if let publicWalk, let privateWalk {
            lines.append("public moved \(score(publicWalk)), private \(score(privateWalk))")
        }
        return lines
    }
}
