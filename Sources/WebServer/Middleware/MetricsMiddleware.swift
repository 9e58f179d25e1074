import Foundation
import Hummingbird
import Synchronization

/// Counts requests by route and status for `/metrics`.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = PodiumContext

    final class Counters: Sendable {
        private let counts = Mutex<[String: Int]>([:])

        func add(method: String, route: String, status: Int) {
            let key = "method=\"\(method)\",route=\"\(route)\",status=\"\(status)\""
            counts.withLock { $0[key, default: 0] += 1 }
        }

        var snapshot: [String: Int] { counts.withLock { $0 } }
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
