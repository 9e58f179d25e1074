import Foundation
import Synchronization

/// Values every visitor of a page shares (a competition page's view: its README, its rounds' states and windows,
/// its files), built off the event loop once and served from memory for `recheck` seconds — as boards are —
/// instead of reading the store and rendering the README on every request. What a page shows per visitor (the
/// header, the language) is not in them: the key holds the language.
final class SharedPageValues: Sendable {
    private struct Entry: Sendable {
        let value: any Sendable
        let builtAt: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Seconds values are served before they are built again (0: built on every request).
    let recheck: TimeInterval

    /// A cache whose values live `recheck` seconds.
    init(recheck: TimeInterval) { self.recheck = recheck }

    /// The value of `key`, built by `build` on the thread pool when missing, of another type, or older than
    /// `recheck`.
    func values<Value: Sendable>(_ key: String, build: @escaping @Sendable () throws -> Value) async throws -> Value {
        let now = Date()
        if let kept = entries.withLock({ $0[key] }), now.timeIntervalSince(kept.builtAt) < recheck,
            let value = kept.value as? Value
        {
            return value
        }
        let value = try await blocking(build)
        entries.withLock { entries in
            if entries.count > 1_000 { entries.removeAll() }
            entries[key] = Entry(value: value, builtAt: now)
        }
        return value
    }
}
