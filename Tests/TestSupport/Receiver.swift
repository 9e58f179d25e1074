import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A local HTTP receiver with Telegram-, Slack-, Discord- and webhook-shaped endpoints. Each request is
/// recorded; `script` decides the answers (status and body) of the next requests, then 200.
public final class Receiver: Sendable {
    /// One request received.
    public struct Received: Sendable {
        /// Its path.
        public let path: String
        /// Its headers.
        public let headers: HTTPFields
        /// Its body.
        public let body: Data
        /// The body as a JSON object (empty when it is not one).
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private struct State {
        var received: [Received] = []
        var script: [(HTTPResponse.Status, String)] = []
    }

    private let state = Mutex(State())

    /// A receiver that has heard nothing yet.
    public init() {}

    /// Every request so far, in order.
    public var requests: [Received] { state.withLock { $0.received } }

    /// The next answers, in order (then 200 "ok").
    public func answer(_ answers: [(HTTPResponse.Status, String)]) { state.withLock { $0.script = answers } }

    /// The receiver as an application on a free loopback port.
    public func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let (status, body) = self.state.withLock { state -> (HTTPResponse.Status, String) in
                state.received.append(
                    Received(path: request.uri.path, headers: request.headers, body: Data(buffer: buffer)))
                return state.script.isEmpty ? (.ok, "{\"ok\":true}") : state.script.removeFirst()
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            if status == .tooManyRequests, body.isEmpty { headers[.retryAfter] = "1" }
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Runs `body` with the receiver listening; passes its base URL.
    public func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        try await application().test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }
}
