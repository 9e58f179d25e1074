import Foundation

/// A team's quota in a round: submissions charged in the current window, the limit, when a slot frees.
public struct QuotaResource: Codable, Sendable, Equatable {
    /// Charged submissions that count now.
    public var used: Int
    /// The limit (nil: none).
    @Nullable public var limit: Int?
    /// When the next slot frees (nil: a slot is free, or never).
    @Nullable public var resetsAt: Date?

    enum CodingKeys: String, CodingKey {
        case used, limit
        case resetsAt = "resets_at"
    }

    /// A quota.
    public init(used: Int, limit: Int?, resetsAt: Date?) {
        self.used = used
        self.limit = limit
        self.resetsAt = resetsAt
    }
}

/// The 202 answer to an accepted submission.
public struct AcceptedResource: Codable, Sendable, Equatable {
    /// The submission's id.
    public var id: Int64
    /// `queued`.
    public var status: String
    /// Its place in the scoring queue.
    @Nullable public var queuePosition: Int?
    /// The team's quota after it.
    public var quota: QuotaResource

    enum CodingKeys: String, CodingKey {
        case id, status, quota
        case queuePosition = "queue_position"
    }

    /// An answer.
    public init(id: Int64, status: String, queuePosition: Int?, quota: QuotaResource) {
        self.id = id
        self.status = status
        self.queuePosition = queuePosition
        self.quota = quota
    }
}
