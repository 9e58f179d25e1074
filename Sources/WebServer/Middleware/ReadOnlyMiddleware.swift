import HTTPTypes
import Hummingbird
import Platform

/// An ended event served read-only (`podium serve --read-only`): every request that would change something is
/// refused with 409 `read_only` before it reaches a handler; reads, and signing in and out (a signed cookie, no
/// write), go through.
struct ReadOnlyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The requests other than reads that change nothing stored.
    static var allowed: Set<String> { ["/login", "/logout", "/admin/login"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard [.get, .head, .options].contains(request.method) || Self.allowed.contains(request.uri.path) else {
            return JSON.error(
                PlatformError(
                    .readOnly,
                    "this server keeps an ended event, read-only: boards, pages and the API answer, nothing changes"))
        }
        return try await next(request, context)
    }
}
