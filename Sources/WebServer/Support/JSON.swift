import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Platform
import PodiumAPI

/// JSON responses: a resource of `PodiumAPI` encoded by `APICoding`, errors as
/// `{"error": {"code", "message", "details", "resets_at"}}`.
enum JSON {
    /// A JSON response of `value`.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: APICoding.data(value))))
    }

    /// An error response.
    static func error(
        _ status: HTTPResponse.Status, code: String, message: String, details: [ErrorBody.Detail] = []
    ) -> Response {
        response(ErrorBody(.init(code: code, message: message, details: details)), status: status)
    }

    /// The HTTP status of a platform refusal.
    static func status(of code: PlatformError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidSubmission: .unprocessableContent
        case .quotaExceeded: .tooManyRequests
        case .roundClosed, .notAllowed: .forbidden
        case .unknownTeam: .unauthorized
        case .notFound: .notFound
        case .tooLarge: .contentTooLarge
        case .invalidCompetition, .internalError: .internalServerError
        case .invalidInput: .unprocessableContent
        case .registrationClosed, .rulesNotAccepted, .notApproved, .notCaptain, .hasSubmitted, .mergeDeadlinePassed:
            .forbidden
        // A used or replaced invite code conflicts with the code's state now (it was valid; it is not any more).
        case .nameTaken, .alreadyInTeam, .notInTeam, .teamFull, .mergeNotAllowed, .inviteUsed, .inviteRevoked:
            .conflict
        // An ended event's archive: the request is right, the event no longer changes.
        case .readOnly, .notEmpty: .conflict
        case .archiveRefused: .unprocessableContent
        }
    }

    /// The HTTP answer to a platform refusal (with `Retry-After` when a quota slot frees later).
    static func error(_ error: PlatformError) -> Response {
        var response = response(ErrorBody(error), status: status(of: error.code))
        if let resetsAt = error.resetsAt {
            response.headers[.retryAfter] = String(max(1, Int(resetsAt.timeIntervalSinceNow.rounded(.up))))
        }
        return response
    }

    /// ISO 8601 in UTC (`2026-11-28T21:00:00Z`), as the JSON writes dates.
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The stable code of an HTTP status the API answers with.
    static func code(of status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "too_large"
        case 422: "invalid_request"
        case 429: "rate_limited"
        default: status.code >= 500 ? "internal_error" : "error"
        }
    }
}

/// A refusal of the API that is not the platform's (authentication, a bad parameter): thrown by handlers,
/// answered in the API's error shape with its status.
struct APIFailure: HTTPResponseError {
    /// The status.
    let status: HTTPResponse.Status
    /// The message.
    let message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSON.error(status, code: JSON.code(of: status), message: message)
    }
}

extension PlatformError: HTTPResponseError {
    /// The status the API answers this refusal with.
    public var status: HTTPResponse.Status { JSON.status(of: code) }

    /// The refusal in the API's error shape.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSON.error(self)
    }
}
