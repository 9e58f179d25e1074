import Foundation
import Synchronization

/// Template values every visitor of a page shares (a competition page: its README, its rounds' states and
/// windows, its files), built off the event loop once and served from memory for `recheck` seconds — as
/// boards are — instead of reading the store and rendering the README on every request. What a page shows
/// per visitor (the header, the language) is not in them: the key holds the language.
final class SharedPageValues: Sendable {
    /// Values are `[String: Any]`, immutable once built and only read afterwards.
    private struct Values: @unchecked Sendable {
        let values: [String: Any]
        let builtAt: Date
    }

    private let entries = Mutex<[String: Values]>([:])
    /// Seconds values are served before they are built again (0: built on every request).
    let recheck: TimeInterval

    /// A cache whose values live `recheck` seconds.
    init(recheck: TimeInterval) { self.recheck = recheck }

    /// The values of `key`, built by `build` on the thread pool when missing or older than `recheck`.
    func values(_ key: String, build: @escaping @Sendable () throws -> [String: Any]) async throws -> [String: Any] {
        let now = Date()
        if let kept = entries.withLock({ $0[key] }), now.timeIntervalSince(kept.builtAt) < recheck {
            return kept.values
        }
        let values = try await blocking(build)
        entries.withLock { entries in
            if entries.count > 1_000 { entries.removeAll() }
            entries[key] = Values(values: values, builtAt: now)
        }
        return values
    }
}
