import Synchronization

/// The bootstraps a process has drawn, so that a worker scoring one task's submissions one after another
/// draws each part's resamples once: they depend only on the seed, the part's rows and units, and the count.
/// At most `capacity` are kept (the oldest goes first); one of 4,096 buckets and 1,000 resamples is 8 MB.
public final class BootstrapCache: Sendable {
    /// The process's cache.
    public static let shared = BootstrapCache(capacity: 24)

    private struct Key: Hashable {
        let resamples: Int
        let seed: UInt64
        let rowCount: Int
        let units: [Int32]?
    }

    private let capacity: Int
    private let entries = Mutex<(bootstraps: [Key: Bootstrap], order: [Key])>(([:], []))

    /// A cache of at most `capacity` bootstraps.
    public init(capacity: Int) { self.capacity = capacity }

    /// The bootstrap of these arguments (see `Bootstrap.init`), drawn once.
    public func bootstrap(resamples: Int, seed: UInt64, rowCount: Int, units: [Int32]? = nil) -> Bootstrap {
        let key = Key(resamples: resamples, seed: seed, rowCount: rowCount, units: units)
        if let found = entries.withLock({ $0.bootstraps[key] }) { return found }
        let drawn = Bootstrap(resamples: resamples, seed: seed, rowCount: rowCount, units: units)
        entries.withLock { cache in
            if cache.bootstraps.updateValue(drawn, forKey: key) == nil { cache.order.append(key) }
            while cache.order.count > capacity { cache.bootstraps[cache.order.removeFirst()] = nil }
        }
        return drawn
    }
}
