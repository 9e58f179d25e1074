import Foundation
import Hummingbird

/// Records every request in `ServerMetrics`: its route (the registered pattern, never the raw path, so ids do not
/// multiply the series), method, status and duration; a thrown error counts with the status it will be answered
/// with (500 for anything that is not an `HTTPResponseError`).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = PodiumContext

    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        let record = { (status: HTTPResponse.Status) in
            let elapsed = ContinuousClock.now - started
            metrics.request(
                method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status.code,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        do {
            let response = try await next(request, context)
            record(response.status)
            return response
        } catch {
            record((error as? any HTTPResponseError)?.status ?? .internalServerError)
            throw error
        }
    }
}
