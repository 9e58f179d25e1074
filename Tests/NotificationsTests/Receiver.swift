import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A local HTTP receiver with Telegram-, Slack-, Discord- and webhook-shaped endpoints. Each request is
/// recorded; `script` decides the answers (status and body) of the next requests, then 200.
final class Receiver: @unchecked Sendable {
    struct Received {
        let path: String
        let headers: HTTPFields
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private let lock = NSLock()
    private var received: [Received] = []
    private var script: [(HTTPResponse.Status, String)] = []

    var requests: [Received] { lock.withLock { received } }

    /// The next answers, in order (then 200 "ok").
    func answer(_ answers: [(HTTPResponse.Status, String)]) { lock.withLock { script = answers } }

    func application() -> some ApplicationProtocol {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let (status, body) = self.lock.withLock { () -> (HTTPResponse.Status, String) in
                self.received.append(
                    Received(path: request.uri.path, headers: request.headers, body: Data(buffer: buffer)))
                return self.script.isEmpty ? (.ok, "{\"ok\":true}") : self.script.removeFirst()
            }
            var headers: HTTPFields = [.contentType: "application/json"]
            if status == .tooManyRequests, body.isEmpty { headers[.retryAfter] = "1" }
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Runs `body` with the receiver listening; passes its base URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        try await application().test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)")
        }
    }
}
