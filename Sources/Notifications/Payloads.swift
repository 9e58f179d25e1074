import Foundation
import Storage

/// The HTTP request each kind of target gets for an event.
public enum Payloads {
    /// URL, headers and body for `event` to `target` (`note`: a line added to the message, a personal alert's
    /// reason), or nil when it cannot be sent now.
    public static func request(
        _ event: EventRecord, to target: NotifyTarget, title: String, language: String, environment: [String: String],
        note: String? = nil
    ) -> (url: String, headers: [String], body: Data)? {
        guard case (let url?, _) = target.endpoint(environment) else { return nil }
        let (heading, message) = MessageText.render(event, title: title, language: language)
        let text = note.map { "\(message)\n\($0)" } ?? message
        var headers = ["Content-Type: application/json"]
        let body: Data
        switch target.kind {
        case .telegram:
            body = encoded(
                TelegramMessage(
                    chatID: target.chatID ?? "",
                    text: "<b>\(MessageText.html(title))</b> · \(MessageText.html(heading))\n\(MessageText.html(text))")
            )
        case .slack:
            body = encoded(
                SlackMessage(
                    text: "\(title) · \(heading): \(text)",
                    blocks: [
                        .init(type: "header", text: .init(type: "plain_text", text: "\(heading) — \(title)")),
                        .init(type: "section", text: .init(type: "mrkdwn", text: text)),
                    ]))
        case .discord:
            body = encoded(
                DiscordMessage(
                    content: "**\(title)** · \(heading)",
                    embeds: [.init(title: heading, description: text, color: 0x2457D6)]))
        case .webhook:
            body = encoded(
                WebhookMessage(
                    id: event.id ?? 0, type: event.type.rawValue, time: event.createdAt.formatted(.iso8601),
                    competition: event.competition, data: event.event.map(Event.Payload.init)))
            headers.append("X-Podium-Event-Id: \(event.id ?? 0)")
        }
        if target.kind == .webhook, let secret = Secrets.value(target.secretEnv, in: environment) {
            headers.append(
                "X-Podium-Signature: sha256=\(HMAC.sha256Hex(key: Array(secret.utf8), message: Array(body)))")
        }
        return (url, headers, body)
    }

    /// `message` as JSON with its keys sorted and slashes as they are.
    private static func encoded(_ message: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(message)) ?? Data()
    }

    /// Telegram's `sendMessage`.
    private struct TelegramMessage: Encodable {
        let chatID: String
        var parseMode = "HTML"
        var disableWebPagePreview = true
        let text: String

        enum CodingKeys: String, CodingKey {
            case chatID = "chat_id"
            case parseMode = "parse_mode"
            case disableWebPagePreview = "disable_web_page_preview"
            case text
        }
    }

    /// A Slack (or Mattermost) incoming webhook's message, with Block Kit blocks.
    private struct SlackMessage: Encodable {
        let text: String
        let blocks: [Block]

        struct Block: Encodable {
            let type: String
            let text: Text
        }

        struct Text: Encodable {
            let type: String
            let text: String
        }
    }

    /// A Discord webhook's message with one embed.
    private struct DiscordMessage: Encodable {
        let content: String
        let embeds: [Embed]

        struct Embed: Encodable {
            let title: String
            let description: String
            let color: Int
        }
    }

    /// The generic signed webhook's event: its id, type, time, competition and typed payload.
    private struct WebhookMessage: Encodable {
        let id: Int64
        let type: String
        let time: String
        let competition: String
        /// The event's payload (`{}` when it cannot be read as its type).
        let data: Event.Payload?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(type, forKey: .type)
            try container.encode(time, forKey: .time)
            try container.encode(competition, forKey: .competition)
            try container.encode(data ?? Event.Payload(.test), forKey: .data)
        }

        enum CodingKeys: String, CodingKey { case id, type, time, competition, data }
    }
}
