import Foundation
import Hummingbird

/// Counts requests by route and status for `/metrics`.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = PodiumContext

    final class Counters: @unchecked Sendable {
        private var counts: [String: Int] = [:]
        private let lock = NSLock()

        func add(method: String, route: String, status: Int) {
            let key = "method=\"\(method)\",route=\"\(route)\",status=\"\(status)\""
            lock.withLock { counts[key, default: 0] += 1 }
        }

        var snapshot: [String: Int] { lock.withLock { counts } }
    }

    let counters: Counters

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            let response = try await next(request, context)
            counters.add(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                status: response.status.code)
            return response
        } catch let error as HTTPResponseError {
            counters.add(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: error.status.code)
            throw error
        }
    }
}
