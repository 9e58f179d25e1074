import Foundation
import Storage
import Synchronization

/// How often one chat user may ask, in this process: a bucket of ten commands that refills one every six seconds,
/// whichever transport they come by (a webhook or long polling).
final class ChatRateLimiter: Sendable {
    static let burst = 10.0
    static let perSecond = 1.0 / 6

    private let buckets = Mutex<[ChatUser: (tokens: Double, at: Date)]>([:])

    /// Takes one command of `user` at `now`: whether they may ask.
    func take(_ user: ChatUser, now: Date) -> Bool {
        buckets.withLock { buckets in
            var (tokens, at) = buckets[user] ?? (Self.burst, now)
            tokens = min(Self.burst, tokens + max(0, now.timeIntervalSince(at)) * Self.perSecond)
            if buckets.count > 100_000 { buckets.removeAll() }
            guard tokens >= 1 else {
                buckets[user] = (tokens, now)
                return false
            }
            buckets[user] = (tokens - 1, now)
            return true
        }
    }
}
