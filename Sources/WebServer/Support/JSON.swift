import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Platform

/// JSON responses: keys sorted, errors as {"error": {"code", "message", "details"}}.
enum JSON {
    /// A JSON response.
    static func response(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An error response.
    static func error(_ status: HTTPResponse.Status, code: String, message: String, details: [[String: Any]] = [])
        -> Response
    {
        var error: [String: Any] = ["code": code, "message": message]
        if !details.isEmpty { error["details"] = details }
        return response(["error": error], status: status)
    }

    /// The HTTP answer to a platform refusal.
    static func error(_ error: PlatformError) -> Response {
        let status: HTTPResponse.Status =
            switch error.code {
            case .invalidSubmission: .unprocessableContent
            case .quotaExceeded: .tooManyRequests
            case .roundClosed, .notAllowed: .forbidden
            case .unknownTeam: .unauthorized
            case .notFound: .notFound
            case .tooLarge: .contentTooLarge
            case .invalidCompetition, .internalError: .internalServerError
            }
        var response = response(["error": error.jsonObject], status: status)
        if let resetsAt = error.resetsAt {
            response.headers[.retryAfter] = String(max(1, Int(resetsAt.timeIntervalSinceNow.rounded(.up))))
        }
        return response
    }

    /// ISO 8601 in UTC.
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// `value`, or JSON null.
    static func orNull(_ value: Any?) -> Any { value ?? NSNull() }
}
