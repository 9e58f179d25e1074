import Foundation
import NIOCore

/// Encoded responses kept for a moment: a live leaderboard read by a whole hackathon is computed once
/// per `lifetime` instead of once per request (at most that stale; a second by default).
final class ResponseCache: @unchecked Sendable {
    private var entries: [String: (expires: Date, body: ByteBuffer, contentType: String)] = [:]
    private let lock = NSLock()
    let lifetime: TimeInterval

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    /// The cached body of `key`, if still fresh.
    func get(_ key: String, now: Date = Date()) -> (ByteBuffer, String)? {
        lock.withLock {
            guard let entry = entries[key], entry.expires > now else { return nil }
            return (entry.body, entry.contentType)
        }
    }

    /// Keeps `body` for `key`.
    func put(_ key: String, _ body: ByteBuffer, contentType: String, now: Date = Date()) {
        guard lifetime > 0 else { return }
        lock.withLock {
            if entries.count > 10_000 { entries.removeAll() }
            entries[key] = (now.addingTimeInterval(lifetime), body, contentType)
        }
    }
}
