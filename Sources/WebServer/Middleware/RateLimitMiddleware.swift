import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A token bucket per client address and per bearer token, on top of the quotas: a client that sends
/// too many requests gets 429 with Retry-After. Health and metrics are exempt.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = PodiumContext

    final class Buckets: Sendable {
        private let buckets = Mutex<[String: (tokens: Double, at: Date)]>([:])
        let burst: Double
        let perSecond: Double

        init(burst: Double, perSecond: Double) {
            self.burst = burst
            self.perSecond = perSecond
        }

        /// Takes one token for `key`; nil when allowed, else the seconds until one is available.
        func take(_ key: String, now: Date = Date()) -> Double? {
            buckets.withLock { buckets in
                var (tokens, at) = buckets[key] ?? (burst, now)
                tokens = min(burst, tokens + now.timeIntervalSince(at) * perSecond)
                if tokens >= 1 {
                    buckets[key] = (tokens - 1, now)
                    if buckets.count > 200_000 { buckets.removeAll() }
                    return nil
                }
                buckets[key] = (tokens, now)
                return (1 - tokens) / perSecond
            }
        }
    }

    let buckets: Buckets

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        if path == "/healthz" || path == "/metrics" || path.hasPrefix("/static/") {
            return try await next(request, context)
        }
        var keys = ["address:\(context.clientAddress)"]
        if let authorization = request.headers[.authorization] { keys.append("token:\(authorization)") }
        for key in keys {
            if let wait = buckets.take(key) {
                let seconds = max(1, Int(wait.rounded(.up)))
                var response = JSON.error(
                    .tooManyRequests, code: "rate_limited", message: "too many requests; retry in \(seconds) s")
                response.headers[.retryAfter] = String(seconds)
                return response
            }
        }
        return try await next(request, context)
    }
}
