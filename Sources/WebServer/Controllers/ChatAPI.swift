import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Notifications
import Platform
import PodiumAPI
import Storage

/// The chat transports: a competition's Telegram bot, Slack app and Discord application post their users' commands
/// here, each checked by its platform's own verification before anything is read; the answer comes from the
/// platform's chat service (`ChatService`) and goes back in the response. A request that fails its check, or is
/// sent again, is answered nothing (401, or 200 with no reply). The service rate-limits each chat user.
struct ChatAPI: Sendable {
    let platform: Platform
    let environment: @Sendable () -> [String: String]
    let replays = ReplayGuard()

    func addRoutes(to api: RouterGroup<PodiumContext>) {
        api.post("chat/telegram/:slug", use: telegram)
        api.post("chat/slack/:slug", use: slack)
        api.post("chat/discord/:slug", use: discord)
    }

    /// POST /api/v1/chat/telegram/{slug} — a Bot API update, with the webhook's secret token in
    /// `X-Telegram-Bot-Api-Secret-Token`; the answer as a `sendMessage` in the response.
    func telegram(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let body = try await Self.body(of: request)
        let secret = try await target(slug, .telegram).flatMap { Secrets.value($0.secretEnv, in: environment()) }
        guard let secret,
            ChatVerification.telegram(
                header: request.headers[HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!], secret: secret)
        else { return Self.refused }
        guard let update = try? JSONDecoder().decode(TelegramUpdate.self, from: Data(body)),
            replays.isNew("telegram:\(slug):\(update.updateId)", now: platform.now),
            let message = update.message, let text = message.text, let from = message.from
        else { return Self.nothing }
        let user = ChatUser(transport: "telegram", id: String(from.id))
        guard let answer = try await answer(text, from: user, slug: slug, language: from.languageCode) else {
            return Self.nothing
        }
        return JSON.response(TelegramReply(to: message, text: answer))
    }

    /// POST /api/v1/chat/slack/{slug} — a slash command (form encoded), signed with the app's signing secret
    /// (`X-Slack-Signature`, `X-Slack-Request-Timestamp`); the answer in the response, to the asker only. The Events
    /// API's URL check (`url_verification`) is answered with its challenge.
    func slack(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let body = try await Self.body(of: request)
        let app = try await target(slug, .slack)
        let secret = app.flatMap { Secrets.value($0.signingSecretEnv, in: environment()) }
        let signature = request.headers[HTTPField.Name("X-Slack-Signature")!]
        guard let secret,
            ChatVerification.slack(
                signature: signature, timestamp: request.headers[HTTPField.Name("X-Slack-Request-Timestamp")!],
                body: body, secret: secret, now: platform.now)
        else { return Self.refused }
        guard replays.isNew("slack:\(signature ?? "")", now: platform.now) else { return Self.nothing }
        if let challenge = try? JSONDecoder().decode(SlackChallenge.self, from: Data(body)),
            challenge.type == "url_verification"
        {
            return JSON.response(["challenge": challenge.challenge])
        }
        if let callback = try? JSONDecoder().decode(SlackEventCallback.self, from: Data(body)) {
            try await answer(
                callback, slug: slug, token: app.flatMap { Secrets.value($0.botTokenEnv, in: environment()) })
            return Self.nothing
        }
        guard
            let form = try? URLEncodedFormDecoder().decode(
                SlackCommand.self, from: String(decoding: body, as: UTF8.self))
        else { return Self.nothing }
        let user = ChatUser(transport: "slack", id: "\(form.teamId ?? "")/\(form.userId)")
        // `/podium top 5` carries "top 5"; a command of its own (`/top 5`) carries its name and "5".
        let command = form.command ?? "/podium"
        let text = command == "/podium" ? form.text ?? "" : "\(command) \(form.text ?? "")"
        let answer = try await answer(text, from: user, slug: slug, language: nil, slash: command == "/podium")
        return JSON.response(SlackReply(text: answer ?? ""))
    }

    /// POST /api/v1/chat/discord/{slug} — an interaction, signed with the application's Ed25519 key
    /// (`X-Signature-Ed25519`, `X-Signature-Timestamp`): PING answered with PONG, a command with a message only its
    /// asker sees.
    func discord(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let body = try await Self.body(of: request)
        guard let key = try await target(slug, .discord)?.publicKey,
            ChatVerification.discord(
                signature: request.headers[HTTPField.Name("X-Signature-Ed25519")!],
                timestamp: request.headers[HTTPField.Name("X-Signature-Timestamp")!], body: body, publicKey: key,
                now: platform.now)
        else { return Self.refused }
        guard let interaction = try? JSONDecoder().decode(DiscordInteraction.self, from: Data(body)) else {
            return JSON.error(.badRequest, code: "bad_request", message: "not a Discord interaction")
        }
        if interaction.type == 1 { return JSON.response(DiscordReply.pong) }
        guard replays.isNew("discord:\(interaction.id)", now: platform.now), let command = interaction.data,
            let id = interaction.member?.user?.id ?? interaction.user?.id
        else { return Self.nothing }
        let text = (["/\(command.name)"] + (command.options ?? []).compactMap { $0.value?.description }).joined(
            separator: " ")
        let answer = try await answer(
            text, from: ChatUser(transport: "discord", id: id), slug: slug, language: interaction.locale)
        return JSON.response(DiscordReply.message(answer ?? ""))
    }

    /// A message that mentions the app (or is sent to it directly), answered in its thread with `chat.postMessage`
    /// and the app's bot token, once per event id (Slack sends an event again when it heard no answer in time).
    private func answer(_ callback: SlackEventCallback, slug: String, token: String?) async throws {
        let event = callback.event
        guard ["app_mention", "message"].contains(event.type), event.botId == nil, let user = event.user,
            let text = event.text, let channel = event.channel, let token,
            replays.isNew("slack-event:\(callback.eventId ?? "")", now: platform.now)
        else { return }
        // `<@U123> top 5`: the mention is the app's name, the rest the command.
        let command = text.replacingOccurrences(of: #"<@[A-Z0-9]+>"#, with: "", options: .regularExpression)
        guard
            let answer = try await answer(
                command, from: ChatUser(transport: "slack", id: "\(callback.teamId ?? "")/\(user)"), slug: slug,
                language: nil, slash: true)
        else { return }
        let api = environment()["PODIUM_SLACK_API"] ?? "https://slack.com/api"
        let reply = SlackPost(channel: channel, text: answer, threadTs: event.threadTs ?? event.ts)
        _ = try await blocking {
            HTTPPoster.send(
                "POST", url: "\(api)/chat.postMessage",
                headers: ["Content-Type: application/json; charset=utf-8", "Authorization: Bearer \(token)"],
                body: APICoding.data(reply))
        }
    }

    /// The platform's answer.
    private func answer(_ text: String, from user: ChatUser, slug: String, language: String?, slash: Bool = false)
        async throws -> String?
    {
        try await blocking {
            try platform.chat.answer(text, from: user, competition: slug, userLanguage: language, slash: slash)
        }
    }

    /// The competition's target of `kind` that answers commands, if it has one.
    private func target(_ slug: String, _ kind: NotifyTarget.Kind) async throws -> NotifyTarget? {
        try await blocking {
            guard let (_, config) = try? platform.competition(slug) else { return nil }
            return NotifyTarget.fromConfig(competition: slug, config.notify ?? []).targets.first {
                $0.kind == kind && $0.commands
            }
        }
    }

    private static func body(of request: Request) async throws -> [UInt8] {
        var buffer = try await request.body.collect(upTo: 64 * 1024)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// A request that failed its platform's check: nothing answered.
    static var refused: Response {
        JSON.error(.unauthorized, code: "unauthorized", message: "the request's signature or secret is not the chat's")
    }

    /// Nothing to say (no command, a repeat): 200 with an empty object.
    static var nothing: Response { JSON.response([String: String]()) }
}

/// A slash command as Slack posts it (https://api.slack.com/interactivity/slash-commands).
struct SlackCommand: Decodable {
    let command: String?
    let text: String?
    let userId: String
    let teamId: String?
    enum CodingKeys: String, CodingKey {
        case command, text
        case userId = "user_id"
        case teamId = "team_id"
    }
}

/// An Events API delivery (https://api.slack.com/apis/events-api): the parts the bot reads.
struct SlackEventCallback: Decodable {
    struct Event: Decodable {
        let type: String
        let user: String?
        let text: String?
        let channel: String?
        let ts: String?
        let threadTs: String?
        let botId: String?
        enum CodingKeys: String, CodingKey {
            case type, user, text, channel, ts
            case threadTs = "thread_ts"
            case botId = "bot_id"
        }
    }
    let type: String
    let event: Event
    let eventId: String?
    let teamId: String?
    enum CodingKeys: String, CodingKey {
        case type, event
        case eventId = "event_id"
        case teamId = "team_id"
    }
}

/// A message posted with the app's bot token, in the thread of the one it answers.
struct SlackPost: Encodable {
    let channel: String
    let text: String
    let threadTs: String?
    enum CodingKeys: String, CodingKey {
        case channel, text
        case threadTs = "thread_ts"
    }
}

/// Slack's Events API URL check.
struct SlackChallenge: Decodable {
    let type: String
    let challenge: String
}
