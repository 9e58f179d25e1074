import Foundation
import Hummingbird
import Logging
import NIOCore
import Platform
import Synchronization

/// The demo's stand-in for Telegram's Bot API on a loopback port: every `sendMessage` the notifier makes (the
/// competition's events, personal alerts) is printed as a chat line and answered `ok`, so `podium demo --fake-chat`
/// shows the event's chat without a bot, a token or the network.
enum FakeTelegram {
    /// Starts it on a free loopback port in the background; its base URL, once it listens.
    static func start() async throws -> String {
        let router = Router()
        router.post("**") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let message = try? JSONDecoder().decode(Message.self, from: Data(buffer: body))
            if let message {
                let text = message.text.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
                Output.line("[chat \(message.chatID)] \(text.replacingOccurrences(of: "\n", with: "\n  "))")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"ok":true,"result":{}}"#)))
        }
        let port = Mutex<Int?>(nil)
        var logger = Logger(label: "podium.fake-telegram")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } }, logger: logger)
        Task { try await app.runService() }
        for _ in 0..<200 {
            if let bound = port.withLock({ $0 }) { return "http://127.0.0.1:\(bound)" }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw PlatformError(.internalError, "the fake Telegram did not start")
    }

    /// The parts of a sendMessage call it prints (the chat's id as the notifier sends it, text, or as the bot's
    /// webhook answer does, a number).
    struct Message: Decodable {
        let chatID: String
        let text: String
        enum CodingKeys: String, CodingKey {
            case text
            case chatID = "chat_id"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            text = try container.decode(String.self, forKey: .text)
            chatID =
                try (try? container.decode(String.self, forKey: .chatID))
                ?? String(try container.decode(Int64.self, forKey: .chatID))
        }
    }
}
