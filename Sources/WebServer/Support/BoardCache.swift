import Competitions
import Foundation
import NIOCore
import Platform
import Synchronization

/// Boards as served: a snapshot per board (`BoardSnapshot`) and the encodings made of it (JSON, CSV, pages of
/// the table), kept at the competition's version (`CompetitionVersions`, the part boards show) and built again
/// when it moves — a queued upload does not move it, a score does. One snapshot is built at a time; requests
/// arriving meanwhile wait and reuse it.
final class BoardCache: Sendable {
    /// A board: competition, round, public or private.
    struct Key: Hashable, Sendable {
        let slug: String
        let round: String
        let board: Board
        /// The board as organisers see it: live through a freeze (everyone else sees the frozen one).
        var live = false
    }

    /// An encoding of a snapshot (a page of a table, a format, a chart), by a name that says which.
    private struct EncodingKey: Hashable, Sendable {
        let board: Key
        let name: String
    }

    private let snapshots = VersionedCache<Key, CompetitionVersion, BoardSnapshot>(capacity: 1_000)
    private let encodings = VersionedCache<EncodingKey, CompetitionVersion, ByteBuffer>(capacity: 20_000)
    /// Held while a board is checked and rebuilt (store I/O), so concurrent requests wait and reuse the result.
    private let building = Mutex(())
    private let platform: Platform
    let versions: CompetitionVersions

    init(platform: Platform, versions: CompetitionVersions) {
        self.platform = platform
        self.versions = versions
    }

    /// A cache over `platform` with a version check of its own, every `recheck` seconds.
    convenience init(platform: Platform, recheck: TimeInterval) {
        self.init(platform: platform, versions: CompetitionVersions(platform: platform, recheck: recheck))
    }

    /// The snapshot of `key` when its competition's version was checked less than `recheck` ago: memory only.
    func fresh(_ key: Key) -> BoardSnapshot? {
        versions.fresh(key.slug).flatMap { snapshots.value(key, at: $0.version.ofBoards) }
    }

    /// The snapshot of `key`: from memory while fresh, else checked against the store off the event loop.
    func snapshot(_ key: Key) async throws -> BoardSnapshot {
        if let snapshot = fresh(key) { return snapshot }
        return try await blocking { try self.current(key) }
    }

    /// The snapshot of `key` after checking the competition's version, rebuilt when it moved (blocking: reads
    /// the store; one rebuild at a time, the others wait for it and reuse it).
    func current(_ key: Key) throws -> BoardSnapshot {
        try building.withLock { _ in
            let checked = try versions.current(key.slug)
            return try snapshots.value(key, at: checked.version.ofBoards) {
                try BoardSnapshot.build(
                    key, version: checked.version.ofBoards, config: checked.config, platform: platform)
            }
        }
    }

    /// The encoding `name` of `snapshot`, made once while the snapshot is current.
    func encoding(_ name: String, of snapshot: BoardSnapshot, make: () throws -> ByteBuffer) rethrows -> ByteBuffer {
        try encodings.value(EncodingKey(board: snapshot.key, name: name), at: snapshot.version, build: make)
    }
}
