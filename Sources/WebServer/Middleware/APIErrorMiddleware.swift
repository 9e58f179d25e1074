import Hummingbird
import Logging
import Platform

/// Every error under /api/v1 in one shape, `{"error": {"code", "message", "details", "resets_at"}}`:
/// platform refusals and `APIFailure`s answer themselves; Hummingbird's own errors (a body that does not
/// decode, a route that does not exist) are re-shaped with a code from their status; anything else is a
/// logged 500 that says nothing of the server's internals.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as PlatformError {
            return JSON.error(error)
        } catch let error as APIFailure {
            return JSON.error(error.status, code: JSON.code(of: error.status), message: error.message)
        } catch let error as HTTPError {
            return JSON.error(
                error.status, code: JSON.code(of: error.status),
                message: error.body ?? error.status.reasonPhrase.lowercased())
        } catch let error as any HTTPResponseError {
            return JSON.error(error.status, code: JSON.code(of: error.status), message: "\(error.status.reasonPhrase)")
        } catch {
            context.logger.error("API request failed: \(String(reflecting: error))")
            return JSON.error(.internalServerError, code: "internal_error", message: "the server failed; try again")
        }
    }
}
