import Foundation
import GRDB

/// One event's delivery to one chat target.
public struct DeliveryRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// Database table name.
    public static let databaseTableName = "delivery"
    /// Row id.
    public var id: Int64?
    /// The event.
    public var eventId: Int64
    /// The target's name.
    public var target: String
    /// pending, delivered or dead.
    public var state: String
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

    /// Takes the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The notification outbox: events fan out to each target's queue; each queue is delivered in event
/// order, one head at a time, and survives restarts because it lives in the database.
public struct Outbox: Sendable {
    /// The database.
    public let database: AppDatabase

    /// Creates an outbox over `database`.
    public init(database: AppDatabase) { self.database = database }

    /// Queues for `target` every event after its cursor that `accepts` lets through. A target seen for
    /// the first time starts at the newest event: adding a chat does not replay history.
    public func fanOut(target: String, accepts: (EventRecord) -> Bool, now: Date) throws {
        try database.writer.write { db in
            let newest = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0
            guard
                let cursor = try Int64.fetchOne(
                    db, sql: "SELECT lastEventId FROM notifyCursor WHERE target = ?", arguments: [target])
            else {
                try db.execute(
                    sql: "INSERT INTO notifyCursor (target, lastEventId) VALUES (?, ?)", arguments: [target, newest])
                return
            }
            for event in try EventRecord.filter(Column("id") > cursor).order(Column("id")).fetchAll(db)
            where accepts(event) {
                try db.execute(
                    sql:
                        "INSERT OR IGNORE INTO delivery (eventId, target, state, attempts, nextAttemptAt) VALUES (?, ?, 'pending', 0, ?)",
                    arguments: [event.id!, target, Self.wholeMilliseconds(now)])
            }
            try db.execute(
                sql: "UPDATE notifyCursor SET lastEventId = ? WHERE target = ?", arguments: [newest, target])
        }
    }

    /// `date` cut down to whole milliseconds, the precision dates are stored with: a delivery due "now" must
    /// read back as due no later than the same `now`, which a stored value rounded up would not be.
    static func wholeMilliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// The oldest pending delivery of `target` and its event, if it is due.
    public func due(target: String, now: Date) throws -> (DeliveryRecord, EventRecord)? {
        try database.writer.read { db in
            guard
                let head = try DeliveryRecord.filter(Column("target") == target && Column("state") == "pending")
                    .order(Column("eventId")).fetchOne(db),
                head.nextAttemptAt <= now, let event = try EventRecord.fetchOne(db, key: head.eventId)
            else { return nil }
            return (head, event)
        }
    }

    /// Records an acknowledged delivery.
    public func delivered(_ id: Int64, status: Int, response: String, now: Date) throws {
        try database.writer.write { db in
            try db.execute(
                sql:
                    "UPDATE delivery SET state = 'delivered', attempts = attempts + 1, lastStatus = ?, lastResponse = ?, deliveredAt = ? WHERE id = ?",
                arguments: [status, response, now, id])
        }
    }

    /// Records a failed attempt: retried at `next`, or dead when `next` is nil.
    public func failed(_ id: Int64, status: Int, response: String, next: Date?) throws {
        try database.writer.write { db in
            if let next {
                try db.execute(
                    sql:
                        "UPDATE delivery SET attempts = attempts + 1, lastStatus = ?, lastResponse = ?, nextAttemptAt = ? WHERE id = ?",
                    arguments: [status, response, next, id])
            } else {
                try db.execute(
                    sql:
                        "UPDATE delivery SET state = 'dead', attempts = attempts + 1, lastStatus = ?, lastResponse = ? WHERE id = ?",
                    arguments: [status, response, id])
            }
        }
    }

    /// Puts dead deliveries (of one target, or all) back in their queues; returns how many.
    @discardableResult
    public func retryDead(target: String? = nil, now: Date) throws -> Int {
        try database.writer.write { db in
            if let target {
                try db.execute(
                    sql:
                        "UPDATE delivery SET state = 'pending', attempts = 0, nextAttemptAt = ? WHERE state = 'dead' AND target = ?",
                    arguments: [now, target])
            } else {
                try db.execute(
                    sql: "UPDATE delivery SET state = 'pending', attempts = 0, nextAttemptAt = ? WHERE state = 'dead'",
                    arguments: [now])
            }
            return db.changesCount
        }
    }

    /// The newest deliveries, for organisers.
    public func recent(limit: Int = 100) throws -> [DeliveryRecord] {
        try database.writer.read { db in try DeliveryRecord.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    /// Emits `type` once for `key` (scheduled events: a round closing soon, a daily digest).
    /// Returns false when it was emitted before.
    @discardableResult
    public static func emitOnce(
        _ db: Database, key: String, competition: String, type: String, _ data: [String: Any], at now: Date
    ) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scheduledEvent WHERE key = ?", arguments: [key]) == 0
        else { return false }
        try Events.emit(db, competition: competition, type: type, data, at: now)
        try db.execute(
            sql: "INSERT INTO scheduledEvent (key, eventId) VALUES (?, ?)", arguments: [key, db.lastInsertedRowID])
        return true
    }
}
