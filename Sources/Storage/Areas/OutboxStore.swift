import Competitions
import Foundation

/// What a transaction reads of events for the chat and their deliveries (used by `Outbox`).
public protocol OutboxReader {
    /// The latest events, newest first.
    func events(limit: Int) throws -> [EventRecord]

    /// The newest event's id (0 when there is none).
    func newestEventId() throws -> Int64

    /// The last event a target has fanned out.
    func cursor(target: String) throws -> Int64?

    /// Events after `id`, in id order.
    func events(after id: Int64) throws -> [EventRecord]

    /// The event with this id.
    func event(id: Int64) throws -> EventRecord?

    /// The oldest pending delivery of a target.
    func headDelivery(target: String) throws -> DeliveryRecord?

    /// The newest deliveries.
    func recentDeliveries(limit: Int) throws -> [DeliveryRecord]
}

/// What a write transaction changes of events for the chat and their deliveries (used by `Outbox`).
public protocol OutboxWriter: OutboxReader {
    /// Moves a target's cursor.
    func setCursor(target: String, eventId: Int64) throws

    /// Adds a pending delivery of an event to a target, unless there is one.
    func addDelivery(eventId: Int64, target: String, at: Date) throws

    /// Records an acknowledged delivery.
    func markDelivered(deliveryId: Int64, status: Int, response: String, at: Date) throws

    /// Records a failed attempt: retried at `next`, or dead when `next` is nil.
    func markAttemptFailed(deliveryId: Int64, status: Int, response: String, next: Date?) throws

    /// Puts dead deliveries (of one target, or all) back in their queues; returns how many.
    func reviveDeadDeliveries(target: String?, at: Date) throws -> Int

    /// Adds an event for the notifier, committed with the change that caused it.
    func emit(_ event: Event, competition: String, at: Date) throws

    /// Adds an event only the first time `key` is seen; true when it was added.
    @discardableResult
    func emitOnce(key: String, _ event: Event, competition: String, at: Date) throws -> Bool
}
