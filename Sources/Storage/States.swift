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

/// What a scoring job needs of its worker; stored by raw value.
public enum JobKind: String, Codable, Sendable, CaseIterable {
    /// Prediction files: any worker scores them.
    case files
    /// A program to run in the sandbox first: only workers that can run code claim it.
    case code
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

    /// The event a chat hears of this action by `actor` on `round`, for the actions that have one.
    public func event(round: String, actor: String) -> Event? {
        let change = Event.RoundChange(round: round, actor: actor)
        return switch self {
        case .open: .roundOpened(change)
        case .close: .roundClosed(change)
        case .reveal: .leaderboardRevealed(change)
        case .advance: nil
        }
    }
}

/// What happened, as the notifier and the organiser's page name it; stored by raw value.
public enum EventType: String, Codable, Sendable, CaseIterable {
    case roundOpened = "round.opened"
    case roundClosingSoon = "round.closing_soon"
    case roundClosed = "round.closed"
    case leaderboardRevealed = "leaderboard.revealed"
    case leaderChanged = "leader.changed"
    case teamAdvanced = "team.advanced"
    case digest
    case submissionScored = "submission.scored"
    case submissionFailed = "submission.failed"
    case submissionDisqualified = "submission.disqualified"
    case queueJobFailing = "queue.job_failing"
    case queueStalled = "queue.stalled"
    /// `podium notify test`: a message to check a chat target.
    case test
    /// The public board froze before the round's close (`freeze_minutes`).
    case leaderboardFrozen = "leaderboard.frozen"
    /// An organiser acted (the audit log's entry): for the organisers' chat only.
    case organiserAction = "organiser.action"
    /// A team changed its final selection (its members' personal alerts).
    case selectionChanged = "selection.changed"
    /// A team passed others on the public board (the passed teams' members' personal alerts).
    case teamsOvertaken = "leaderboard.overtaken"
}

/// Where one event's delivery to one chat target is; stored by raw value.
public enum DeliveryState: String, Codable, Sendable {
    /// Waiting for its turn or its next attempt.
    case pending
    /// The target acknowledged it.
    case delivered
    /// Given up (a 4xx the target will keep answering, or attempts exhausted); `podium notify retry` revives it.
    case dead
}

/// What a linked participant may choose to be told in a direct message about their own team.
public enum AlertKind: String, Codable, Sendable, CaseIterable {
    /// One of the team's submissions was scored.
    case scored
    /// One of the team's submissions failed (with the reason the team reads).
    case failed
    /// A round opened, or closes soon.
    case rounds
    /// The team's final selection changed.
    case selection
    /// Another team passed the team on the public board.
    case overtaken
}
