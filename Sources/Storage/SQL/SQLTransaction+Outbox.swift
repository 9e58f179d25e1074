import Foundation

/// Events and their deliveries to chat targets (see `Outbox`).
extension SQLTransaction {
    func events(limit: Int) throws -> [EventRecord] {
        try sql.records("SELECT \(raw: EventRecord.columns) FROM event ORDER BY id DESC LIMIT \(limit)")
    }

    func newestEventId() throws -> Int64 {
        try sql.value("SELECT COALESCE(MAX(id), 0) FROM event", as: Int64.self) ?? 0
    }

    func cursor(target: String) throws -> Int64? {
        try sql.value("SELECT lastEventId FROM notifyCursor WHERE target = \(target)", as: Int64.self)
    }

    func events(after id: Int64) throws -> [EventRecord] {
        try sql.records("SELECT \(raw: EventRecord.columns) FROM event WHERE id > \(id) ORDER BY id")
    }

    func event(id: Int64) throws -> EventRecord? {
        try sql.record("SELECT \(raw: EventRecord.columns) FROM event WHERE id = \(id)")
    }

    func headDelivery(target: String) throws -> DeliveryRecord? {
        try sql.record(
            """
            SELECT \(raw: DeliveryRecord.columns) FROM delivery WHERE target = \(target)
            AND state = \(DeliveryState.pending) ORDER BY eventId LIMIT 1
            """)
    }

    func recentDeliveries(limit: Int) throws -> [DeliveryRecord] {
        try sql.records("SELECT \(raw: DeliveryRecord.columns) FROM delivery ORDER BY id DESC LIMIT \(limit)")
    }

    func emit(_ event: Event, competition: String, at now: Date) throws {
        _ = try insertEvent(event, competition: competition, at: now)
    }

    @discardableResult
    func emitOnce(key: String, _ event: Event, competition: String, at now: Date) throws -> Bool {
        guard try sql.count("SELECT COUNT(*) FROM scheduledEvent WHERE key = \(key)") == 0 else { return false }
        let id = try insertEvent(event, competition: competition, at: now)
        try sql.perform("INSERT INTO scheduledEvent (key, eventId) VALUES (\(key), \(id))")
        return true
    }

    private func insertEvent(_ event: Event, competition: String, at now: Date) throws -> Int64 {
        let id = try sql.value(
            """
            INSERT INTO event (competition, type, payload, createdAt)
            VALUES (\(competition), \(event.type), \(try event.json()), \(now)) RETURNING id
            """, as: Int64.self)
        guard let id else { throw StoreError.database("an event was inserted but no id came back") }
        return id
    }

    func setCursor(target: String, eventId: Int64) throws {
        try sql.perform(
            """
            INSERT INTO notifyCursor (target, lastEventId) VALUES (\(target), \(eventId))
            ON CONFLICT (target) DO UPDATE SET lastEventId = excluded.lastEventId
            """)
    }

    func addDelivery(eventId: Int64, target: String, at now: Date) throws {
        try sql.perform(
            """
            INSERT INTO delivery (eventId, target, state, attempts, nextAttemptAt)
            VALUES (\(eventId), \(target), \(DeliveryState.pending), 0, \(now)) ON CONFLICT DO NOTHING
            """)
    }

    func markDelivered(deliveryId: Int64, status: Int, response: String, at now: Date) throws {
        try sql.perform(
            """
            UPDATE delivery SET state = \(DeliveryState.delivered), attempts = attempts + 1, lastStatus = \(status),
            lastResponse = \(response), deliveredAt = \(now) WHERE id = \(deliveryId)
            """)
    }

    func markAttemptFailed(deliveryId: Int64, status: Int, response: String, next: Date?) throws {
        guard let next else {
            try sql.perform(
                """
                UPDATE delivery SET state = \(DeliveryState.dead), attempts = attempts + 1, lastStatus = \(status),
                lastResponse = \(response) WHERE id = \(deliveryId)
                """)
            return
        }
        try sql.perform(
            """
            UPDATE delivery SET attempts = attempts + 1, lastStatus = \(status), lastResponse = \(response),
            nextAttemptAt = \(next) WHERE id = \(deliveryId)
            """)
    }

    func reviveDeadDeliveries(target: String?, at now: Date) throws -> Int {
        try sql.execute(
            """
            UPDATE delivery SET state = \(DeliveryState.pending), attempts = 0, nextAttemptAt = \(now)
            WHERE state = \(DeliveryState.dead) AND (CAST(\(target) AS TEXT) IS NULL OR target = \(target))
            """)
    }
}
