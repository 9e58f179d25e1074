import Synchronization

/// Rendered page fragments a visitor sees again on every refresh (the header and footer of their session, the
/// notice of their row on an unchanged board), by a key that names everything the fragment shows: Mustache
/// renders a header in tens of microseconds, more than serving the cached board it surrounds. At most
/// `capacity` are kept (all are dropped when it is reached).
final class FragmentCache: Sendable {
    private let fragments = Mutex<[String: String]>([:])
    private let capacity: Int

    /// Keeps at most `capacity` fragments.
    init(capacity: Int = 20_000) { self.capacity = capacity }

    /// The fragment of `key`, rendered by `render` the first time.
    func fragment(_ key: String, render: () -> String) -> String {
        if let kept = fragments.withLock({ $0[key] }) { return kept }
        let rendered = render()
        fragments.withLock { fragments in
            if fragments.count >= capacity { fragments.removeAll() }
            fragments[key] = rendered
        }
        return rendered
    }
}
