import Foundation
import Synchronization

/// Values built from the store, each kept with the version of what it was built from, by a typed key: a value
/// is served while the version asked for is the one it was built at, and built again when the version moved —
/// on any replica, since the version lives in the store (see `CompetitionVersion`). At most `capacity` values are
/// kept; all are dropped when it is reached, so a crowd of new keys costs what it did without the cache. A value
/// that the clock alone changes (a quota's next free slot) is kept with the instant it goes stale.
public final class VersionedCache<Key: Hashable & Sendable, Version: Equatable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let version: Version
        var value: Value
        let until: Date?
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let capacity: Int
    private let now: @Sendable () -> Date

    /// A cache of at most `capacity` values, telling staleness by `now`.
    public init(capacity: Int, now: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = capacity
        self.now = now
    }

    /// The value of `key` built at `version`, if kept and not stale.
    public func value(_ key: Key, at version: Version) -> Value? {
        let entry = entries.withLock { $0[key] }
        guard let entry, entry.version == version else { return nil }
        if let until = entry.until, now() >= until { return nil }
        return entry.value
    }

    /// Keeps `value` as `key`'s at `version`, until the instant `until` if the clock alone makes it stale then.
    public func keep(_ value: Value, as key: Key, at version: Version, until: Date? = nil) {
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= capacity { entries.removeAll() }
            entries[key] = Entry(version: version, value: value, until: until)
        }
    }

    /// The value of `key` at `version`, built by `build` when missing or built at another version.
    public func value(_ key: Key, at version: Version, build: () throws -> Value) rethrows -> Value {
        if let kept = value(key, at: version) { return kept }
        let built = try build()
        keep(built, as: key, at: version)
        return built
    }

    /// `value(_:at:build:)` with an asynchronous build.
    public func value(_ key: Key, at version: Version, build: () async throws -> Value) async rethrows -> Value {
        if let kept = value(key, at: version) { return kept }
        let built = try await build()
        keep(built, as: key, at: version)
        return built
    }
}
