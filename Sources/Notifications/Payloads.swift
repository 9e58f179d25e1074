import Foundation
import Storage

/// The HTTP request each kind of target gets for an event.
public enum Payloads {
    /// URL, headers and body for `event` to `target`, or the reason it cannot be sent now.
    public static func request(
        _ event: EventRecord, to target: NotifyTarget, title: String, language: String, environment: [String: String]
    ) -> (url: String, headers: [String], body: Data)? {
        guard case (let url?, _) = target.endpoint(environment) else { return nil }
        let (heading, text) = MessageText.render(event, title: title, language: language)
        var headers = ["Content-Type: application/json"]
        let object: [String: Any]
        switch target.kind {
        case .telegram:
            object = [
                "chat_id": target.chatID ?? "", "parse_mode": "HTML", "disable_web_page_preview": true,
                "text": "<b>\(MessageText.html(title))</b> · \(MessageText.html(heading))\n\(MessageText.html(text))",
            ]
        case .slack:
            object = [
                "text": "\(title) · \(heading): \(text)",
                "blocks": [
                    ["type": "header", "text": ["type": "plain_text", "text": "\(heading) — \(title)"]],
                    ["type": "section", "text": ["type": "mrkdwn", "text": text]],
                ],
            ]
        case .discord:
            object = [
                "content": "**\(title)** · \(heading)",
                "embeds": [["title": heading, "description": text, "color": 0x2457D6]],
            ]
        case .webhook:
            let data = (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) ?? [:]
            object = [
                "id": event.id ?? 0, "type": event.type.rawValue, "time": event.createdAt.formatted(.iso8601),
                "competition": event.competition, "data": data,
            ]
            headers.append("X-Podium-Event-Id: \(event.id ?? 0)")
        }
        let body =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        if target.kind == .webhook, let variable = target.secretEnv, let secret = environment[variable], !secret.isEmpty
        {
            headers.append(
                "X-Podium-Signature: sha256=\(HMAC.sha256Hex(key: Array(secret.utf8), message: Array(body)))")
        }
        return (url, headers, body)
    }
}
