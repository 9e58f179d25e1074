import Foundation

/// A team's charged submissions in a round: what its quota counts.
public struct TeamCharges: Sendable, Equatable {
    /// When each was made.
    public let times: [Date]
    /// The newest one's id (nil: none charged).
    public let newest: Int64?

    /// Charges as read.
    public init(times: [Date], newest: Int64?) {
        self.times = times
        self.newest = newest
    }
}

/// What the platform read before deciding that a submission may be accepted: the store inserts it only while all of
/// this still holds, so an accept reads once, decides outside the write lock, and writes once (compare and set).
public struct AcceptBasis: Sendable {
    /// The team's charges in the round as read (their count and newest id: a refund or another accept moves one).
    public let charges: TeamCharges
    /// The submitting member as read (nil: the team's own token): still in the same team with the same status.
    public let member: ParticipantRecord?
    /// The id of the round's last open or close by hand as read (nil: none).
    public let lastOpenOrClose: Int64?

    /// A basis as read.
    public init(charges: TeamCharges, member: ParticipantRecord?, lastOpenOrClose: Int64?) {
        self.charges = charges
        self.member = member
        self.lastOpenOrClose = lastOpenOrClose
    }
}

/// A submission the store accepted and queued.
public struct QueuedSubmission: Sendable, Equatable {
    /// Its id.
    public let id: Int64
    /// Its 1-based place among the queued jobs when it was queued.
    public let queuePosition: Int
}
