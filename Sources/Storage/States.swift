/// Where a submission is on its way to the board; stored by raw value.
public enum SubmissionStatus: String, Codable, Sendable, CaseIterable {
    /// Accepted and waiting for a worker.
    case queued
    /// A worker holds it.
    case scoring
    /// Scored; its scores are stored.
    case scored
    /// Scoring failed for good (its quota slot refunded) or a rescore failed.
    case failed

    /// Whether a worker has yet to finish with it (a page showing it should refresh).
    public var isPending: Bool { self == .queued || self == .scoring }
}

/// Where a scoring job is; stored by raw value.
public enum JobState: String, Codable, Sendable {
    /// Waiting to be claimed.
    case queued
    /// Claimed by a worker until its lease runs out.
    case leased
    /// Scored.
    case done
    /// Given up after too many attempts.
    case failed
}

/// What an organiser did to a round; stored by raw value.
public enum RoundActionKind: String, Codable, Sendable, CaseIterable {
    /// Opened by hand.
    case open
    /// Closed by hand.
    case close
    /// The private board revealed.
    case reveal
    /// Teams advanced to it.
    case advance

    /// The event a chat hears, for the actions that have one.
    public var eventType: String? {
        switch self {
        case .open: "round.opened"
        case .close: "round.closed"
        case .reveal: "leaderboard.revealed"
        case .advance: nil
        }
    }
}
