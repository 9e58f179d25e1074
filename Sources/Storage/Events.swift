import Foundation
import GRDB

/// Writes events for the notifier into the `event` table, inside the caller's transaction, so an
/// event exists exactly when the change that caused it was committed.
public enum Events {
    /// Adds an event with JSON `data` (keys sorted).
    public static func emit(_ db: Database, competition: String, type: String, _ data: [String: Any], at now: Date)
        throws
    {
        let json = try JSONSerialization.data(withJSONObject: data, options: [.sortedKeys])
        var event = EventRecord(
            id: nil, competition: competition, type: type, payload: String(decoding: json, as: UTF8.self),
            createdAt: now)
        try event.insert(db)
    }
}
