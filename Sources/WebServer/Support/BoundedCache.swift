import Synchronization

/// Values a process has computed, by a key that names everything they depend on, so a visitor refreshing a
/// page does not pay for them again: rendered page fragments (a session's header and footer, a team's row
/// notice on an unchanged board) and verified session cookies. At most `capacity` are kept; all are dropped
/// when it is reached, so a crowd of new keys costs what it did without the cache.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])
    private let capacity: Int

    /// Keeps at most `capacity` values.
    init(capacity: Int) { self.capacity = capacity }

    /// The value kept under `key`, if any.
    func value(_ key: Key) -> Value? { values.withLock { $0[key] } }

    /// Keeps `value` under `key`.
    func keep(_ value: Value, as key: Key) {
        values.withLock { values in
            if values.count >= capacity { values.removeAll() }
            values[key] = value
        }
    }

    /// The value of `key`, made by `make` the first time.
    func value(_ key: Key, make: () -> Value) -> Value {
        if let kept = value(key) { return kept }
        let made = make()
        keep(made, as: key)
        return made
    }
}
