import Competitions
import Foundation
import Platform
import Synchronization

/// The one check every cached page value and board of a competition is validated by: the competition's version
/// (`Platform.competitionVersion`), read from the store at most once every `recheck` seconds per competition and
/// process, and at once after a write this process made. A change made on any replica thus shows at the next
/// check; between checks, every request of the competition is served from memory.
final class CompetitionVersions: Sendable {
    /// A version as read, with the config it goes with.
    struct Checked: Sendable {
        let version: CompetitionVersion
        let config: CompetitionConfig
        let at: Date
    }

    private let checked = Mutex<[String: Checked]>([:])
    private let platform: Platform
    /// Seconds a version is trusted before the store is asked again (0: asked on every request).
    let recheck: TimeInterval

    init(platform: Platform, recheck: TimeInterval) {
        self.platform = platform
        self.recheck = recheck
    }

    /// The version of `slug` checked less than `recheck` ago: memory only.
    func fresh(_ slug: String, now: Date = Date()) -> Checked? {
        checked.withLock { checked in
            checked[slug].flatMap { now.timeIntervalSince($0.at) < recheck ? $0 : nil }
        }
    }

    /// The version of `slug` read from the store now (blocking).
    func current(_ slug: String, now: Date = Date()) throws -> Checked {
        let (version, config) = try platform.competitionVersion(slug)
        let read = Checked(version: version, config: config, at: now)
        checked.withLock { checked in
            if checked.count > 1_000 { checked.removeAll() }
            checked[slug] = read
        }
        return read
    }

    /// The version of `slug`: from memory while fresh, else read off the event loop.
    func check(_ slug: String) async throws -> Checked {
        if let fresh = fresh(slug) { return fresh }
        return try await blocking { try self.current(slug) }
    }

    /// This process wrote for `slug`: the next check reads the store.
    func changed(_ slug: String) {
        _ = checked.withLock { $0.removeValue(forKey: slug) }
    }
}
