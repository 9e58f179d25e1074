import Competitions
import Foundation
import NIOCore
import Platform
import Synchronization

/// Boards built once per change and served from memory to everyone. A board's snapshot is trusted for
/// `recheck` seconds without any I/O; after that one request reads the competition's board version (one
/// small query) and rebuilds only when it moved, so a board changes at most `recheck` after a score on
/// any machine, and a quiet board costs nothing. Encoded forms of a snapshot (the JSON, the CSV, a page's
/// table) are kept with it.
final class BoardCache: Sendable {
    /// A board: competition, round, public or private.
    struct Key: Hashable, Sendable {
        let slug: String
        let round: String
        let board: Board
        /// The board as organisers see it: live through a freeze (everyone else sees the frozen one).
        var live = false
    }

    private struct Entry {
        var snapshot: BoardSnapshot
        var checkedAt: Date
        var encodings: [String: ByteBuffer] = [:]
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// Held while a board is checked and rebuilt (store I/O), so concurrent requests wait and reuse the result.
    private let building = Mutex(())
    private let platform: Platform
    /// Seconds a snapshot is served before its version is checked again (0: checked on every request).
    let recheck: TimeInterval

    /// Encodings kept per snapshot at most (pages of a board); more are built per request.
    static let maxEncodings = 64

    init(platform: Platform, recheck: TimeInterval) {
        self.platform = platform
        self.recheck = recheck
    }

    /// The snapshot of `key` when it was checked less than `recheck` ago: memory only.
    func fresh(_ key: Key, now: Date = Date()) -> BoardSnapshot? {
        entries.withLock { entries in
            guard let entry = entries[key], now.timeIntervalSince(entry.checkedAt) < recheck else { return nil }
            return entry.snapshot
        }
    }

    /// The snapshot of `key`: from memory while fresh, else checked against the store off the event loop.
    func snapshot(_ key: Key) async throws -> BoardSnapshot {
        if let snapshot = fresh(key) { return snapshot }
        return try await blocking { try self.current(key) }
    }

    /// The snapshot of `key` after checking the board version, rebuilt when it moved (blocking: reads the
    /// store; one rebuild at a time, the others wait for it and reuse it).
    func current(_ key: Key, now: Date = Date()) throws -> BoardSnapshot {
        try building.withLock { _ in
            let (version, config) = try platform.boardVersion(competition: key.slug)
            if let snapshot = entries.withLock({ entries -> BoardSnapshot? in
                guard let entry = entries[key], entry.snapshot.version == version, entry.snapshot.config == config
                else { return nil }
                entries[key]?.checkedAt = now
                return entry.snapshot
            }) {
                return snapshot
            }
            let snapshot = try BoardSnapshot.build(key, version: version, config: config, platform: platform)
            entries.withLock { entries in
                if entries.count > 1_000 { entries.removeAll() }
                entries[key] = Entry(snapshot: snapshot, checkedAt: now)
            }
            return snapshot
        }
    }

    /// The encoding `name` of `snapshot`, made once while the snapshot is current.
    func encoding(_ name: String, of snapshot: BoardSnapshot, make: () throws -> ByteBuffer) rethrows -> ByteBuffer {
        let key = snapshot.key
        if let kept = entries.withLock({ entries -> ByteBuffer? in
            guard let entry = entries[key], entry.snapshot.version == snapshot.version else { return nil }
            return entry.encodings[name]
        }) {
            return kept
        }
        let made = try make()
        entries.withLock { entries in
            guard let entry = entries[key], entry.snapshot.version == snapshot.version,
                entry.snapshot.config == snapshot.config, entry.encodings.count < Self.maxEncodings
            else { return }
            entries[key]?.encodings[name] = made
        }
        return made
    }
}
