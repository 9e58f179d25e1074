import Foundation

/// One event's delivery to one chat target.
public struct DeliveryRecord: Codable, Sendable {
    /// Row id.
    public var id: Int64?
    /// The event.
    public var eventId: Int64
    /// The target's name.
    public var target: String
    /// Where it is.
    public var state: DeliveryState
    /// Attempts so far.
    public var attempts: Int
    /// When the next attempt may happen.
    public var nextAttemptAt: Date
    /// The last HTTP status (0: no response).
    public var lastStatus: Int?
    /// The last response body or network error.
    public var lastResponse: String?
    /// When the target acknowledged it.
    public var deliveredAt: Date?
}

/// The notification outbox: events fan out to each target's queue; each queue is delivered in event
/// order, one head at a time, and survives restarts because it lives in the database.
public struct Outbox: Sendable {
    /// The storage.
    public let store: any Store

    /// Creates an outbox over `store`.
    public init(store: any Store) { self.store = store }

    /// Queues for `target` every event after its cursor that `accepts` lets through (reading, when it must, in the
    /// same transaction). A target seen for the first time starts at the newest event: adding a chat does not
    /// replay history.
    public func fanOut(target: String, accepts: (EventRecord, any StoreReader) throws -> Bool, now: Date) throws {
        try store.write { store in
            let newest = try store.newestEventId()
            guard let cursor = try store.cursor(target: target) else {
                try store.setCursor(target: target, eventId: newest)
                return
            }
            for event in try store.events(after: cursor) where try event.id! <= newest && accepts(event, store) {
                try store.addDelivery(eventId: event.id!, target: target, at: Self.wholeMilliseconds(now))
            }
            try store.setCursor(target: target, eventId: newest)
        }
    }

    /// `date` cut down to whole milliseconds, the precision dates are stored with: a delivery due "now" must
    /// read back as due no later than the same `now`, which a stored value rounded up would not be.
    static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// The oldest pending delivery of `target` and its event, if it is due.
    public func due(target: String, now: Date) throws -> (DeliveryRecord, EventRecord)? {
        try store.read { store in
            guard let head = try store.headDelivery(target: target), head.nextAttemptAt <= now,
                let event = try store.event(id: head.eventId)
            else { return nil }
            return (head, event)
        }
    }

    /// Records an acknowledged delivery.
    public func delivered(_ id: Int64, status: Int, response: String, now: Date) throws {
        try store.write { try $0.markDelivered(deliveryId: id, status: status, response: response, at: now) }
    }

    /// Records a failed attempt: retried at `next`, or dead when `next` is nil.
    public func failed(_ id: Int64, status: Int, response: String, next: Date?) throws {
        try store.write { try $0.markAttemptFailed(deliveryId: id, status: status, response: response, next: next) }
    }

    /// Puts dead deliveries (of one target, or all) back in their queues; returns how many.
    @discardableResult
    public func retryDead(target: String? = nil, now: Date) throws -> Int {
        try store.write { try $0.reviveDeadDeliveries(target: target, at: now) }
    }

    /// The newest deliveries, for organisers.
    public func recent(limit: Int = 100) throws -> [DeliveryRecord] {
        try store.read { try $0.recentDeliveries(limit: limit) }
    }
}
