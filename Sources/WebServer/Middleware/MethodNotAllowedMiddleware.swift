import HTTPTypes
import Hummingbird

/// 405 with `Allow` instead of 404 when an /api/v1 path exists but not with the request's method (a
/// client, and the OpenAPI contract, tell "wrong method" from "no such thing" that way).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each route's path components (`{name}` for a parameter) and its method.
    let routes: [(components: [Substring], method: HTTPRequest.Method)]

    init(routes: [(path: String, method: HTTPRequest.Method)]) {
        self.routes = routes.filter { $0.path.hasPrefix("/api/v1/") }.map { ($0.path.split(separator: "/"), $0.method) }
    }

    /// The methods a path is served with.
    /// The methods a path is served with: those of the routes that match it, the most literal ones only
    /// (`…/leaderboard` is not the `…/{action}` route, as the router itself decides).
    func methods(of path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/")
        let matching = routes.filter { route in
            route.components.count == parts.count
                && zip(route.components, parts).allSatisfy { pattern, part in pattern.hasPrefix("{") || pattern == part
                }
        }
        func literals(_ components: [Substring]) -> Int { components.filter { !$0.hasPrefix("{") }.count }
        let most = matching.map { literals($0.components) }.max() ?? 0
        return matching.filter { literals($0.components) == most }.map(\.method)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.uri.path.hasPrefix("/api/v1/") {
            let allowed = methods(of: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            var response = JSON.error(
                .methodNotAllowed, code: "method_not_allowed",
                message:
                    "\(request.method) is not served here; use \(allowed.map(\.rawValue).sorted().joined(separator: ", "))"
            )
            response.headers[.allow] = Set(allowed.map(\.rawValue)).sorted().joined(separator: ", ")
            return response
        }
    }
}
