import ArgumentParser
import Foundation
import Notifications
import Platform
import PodiumAPI
import Storage
import Tabular

extension Podium {
    /// `podium chat`.
    struct Chat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The event's chat bot: link a participant's chat account, set up a transport.",
            subcommands: [Link.self, Telegram.self, Say.self])

        /// `podium chat link`.
        struct Link: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "A one-time code (15 minutes) a participant sends to the bot as /link CODE.")

            @Argument(help: "The competition.") var competition: String
            @Argument(help: "The participant's name.") var participant: String
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let record = try platform.participation.participant(competition: competition, name: participant)
                    let (code, expiresAt) = try platform.chat.linkCode(for: record)
                    if options.json {
                        Output.json(["code": .string(code), "expires_at": .date(expiresAt)])
                    } else {
                        Output.line("send to the bot: /link \(code)  (valid until \(Output.iso(expiresAt)))")
                    }
                }
            }
        }

        /// `podium chat say`.
        struct Say: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Talk to a server's chat bot as Telegram would: post a message, print the bot's answer.",
                discussion: """
                    A fake chat for trying the bot (podium demo --fake-chat prints the command): the message goes to \
                    SERVER/api/v1/chat/telegram/SLUG as a Bot API update from the user --user, with the webhook's \
                    secret token.
                    """)

            @Argument(help: "The competition.") var competition: String
            @Argument(help: "The message, e.g. /top 5 or /link CODE.") var text: String
            @Option(help: "The server's base URL.") var server: String
            @Option(help: "The webhook's secret token (default: $PODIUM_TELEGRAM_SECRET).") var secret: String?
            @Option(help: "The Telegram user id you speak as (default: 1001).") var user = 1001
            @Option(help: "Your language as Telegram reports it (default: en).") var language = "en"

            func run() throws {
                guard let secret = secret ?? ProcessInfo.processInfo.environment["PODIUM_TELEGRAM_SECRET"] else {
                    throw ValidationError("give --secret or set PODIUM_TELEGRAM_SECRET")
                }
                let id = Int.random(in: 1...Int(Int32.max))
                let update = JSONValue.object([
                    "update_id": .int(id),
                    "message": .object([
                        "message_id": .int(id), "date": .int(Int(Date().timeIntervalSince1970)), "text": .string(text),
                        "from": .object(["id": .int(user), "is_bot": .bool(false), "language_code": .string(language)]),
                        "chat": .object(["id": .int(user), "type": .string("private")]),
                    ]),
                ])
                let answer = HTTPPoster.send(
                    "POST", url: "\(server.trimmingCharacters(in: ["/"]))/api/v1/chat/telegram/\(competition)",
                    headers: ["Content-Type: application/json", "X-Telegram-Bot-Api-Secret-Token: \(secret)"],
                    body: APICoding.data(update))
                guard answer.status == 200 else {
                    Output.error(
                        "the bot answered \(answer.status): \(answer.failure ?? String(decoding: answer.body, as: UTF8.self))"
                    )
                    throw ExitCode(1)
                }
                let reply = try? JSONDecoder().decode(FakeTelegram.Message.self, from: answer.body)
                Output.line(reply?.text ?? "(no answer: not a command)")
            }
        }

        /// `podium chat telegram`.
        struct Telegram: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set up the competition's Telegram bot: a webhook, or long polling from behind NAT.",
                subcommands: [SetWebhook.self, Poll.self])
        }

        /// `podium chat telegram poll`.
        struct Poll: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Answer the bot's chat by long polling (getUpdates): for a server Telegram cannot reach.",
                discussion: """
                    Asks Telegram for new messages (waiting up to 25 s each time), answers each command as the \
                    webhook would and replies with sendMessage. Needs the competition's telegram target with \
                    commands: true and its token_env set; a bot has a webhook or polling, not both (Telegram \
                    refuses getUpdates while a webhook is set: deleteWebhook first).
                    """)

            @Argument(help: "The competition.") var competition: String
            @Flag(help: "Answer what is waiting now, then exit.") var once = false
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let bot = try SetWebhook.commandingBot(of: competition, in: platform)
                    let environment = ProcessInfo.processInfo.environment
                    guard let token = Secrets.value(bot.tokenEnv, in: environment) else {
                        throw PlatformError(.invalidInput, "set \(bot.tokenEnv ?? "the bot token's variable")")
                    }
                    let api = "\(environment["PODIUM_TELEGRAM_API"] ?? "https://api.telegram.org")/bot\(token)"
                    var offset: Int64?
                    var answered = 0
                    repeat {
                        let updates = try Self.updates(api, after: offset, wait: once ? 0 : 25)
                        for update in updates {
                            offset = update.updateId + 1
                            guard let message = update.message, let text = message.text, let from = message.from,
                                let answer = try platform.chat.answer(
                                    text, from: ChatUser(transport: "telegram", id: String(from.id)),
                                    competition: competition, userLanguage: from.languageCode)
                            else { continue }
                            let sent = HTTPPoster.send(
                                "POST", url: "\(api)/sendMessage", headers: ["Content-Type: application/json"],
                                body: APICoding.data(TelegramReply(to: message, text: answer)))
                            if sent.status != 200 { Output.error("sendMessage answered \(sent.status)") }
                            answered += 1
                        }
                    } while !once
                    Output.line("answered \(answered) message\(answered == 1 ? "" : "s")")
                }
            }

            /// The updates after `offset` (confirming those before it), waiting up to `wait` seconds for one.
            static func updates(_ api: String, after offset: Int64?, wait: Int) throws -> [TelegramUpdate] {
                let body = APICoding.data(
                    JSONValue.object([
                        "offset": .int(offset), "timeout": .int(wait), "allowed_updates": .array([.string("message")]),
                    ]))
                let answer = HTTPPoster.send(
                    "POST", url: "\(api)/getUpdates", headers: ["Content-Type: application/json"], body: body,
                    totalTimeout: Double(wait) + 15)
                guard answer.status == 200,
                    let updates = try? JSONDecoder().decode(TelegramUpdates.self, from: answer.body), updates.ok
                else {
                    throw PlatformError(
                        .internalError,
                        "getUpdates answered \(answer.status): \(answer.failure ?? String(decoding: answer.body.prefix(300), as: UTF8.self))"
                    )
                }
                return updates.result ?? []
            }
        }

        /// `podium chat telegram set-webhook`.
        struct SetWebhook: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set-webhook",
                abstract: "Point the bot's updates at this server (prints the Bot API call; --perform makes it).",
                discussion: """
                    The competition's notify list needs a telegram target with commands: true, token_env and \
                    secret_env; both variables must be set here. Telegram then posts every message to \
                    URL/api/v1/chat/telegram/SLUG with the secret in X-Telegram-Bot-Api-Secret-Token.
                    """)

            @Argument(help: "The competition.") var competition: String
            @Option(help: "This server's public https address, e.g. https://podium.example.org.") var url: String
            @Flag(help: "Make the call now (else print it, with the token left as a variable).") var perform = false
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let target = try Self.commandingBot(of: competition, in: platform)
                    guard let tokenEnv = target.tokenEnv, let secretEnv = target.secretEnv else {
                        throw PlatformError(
                            .notFound, "\(competition)'s telegram target needs token_env and secret_env")
                    }
                    let environment = ProcessInfo.processInfo.environment
                    guard let token = Secrets.value(tokenEnv, in: environment),
                        let secret = Secrets.value(secretEnv, in: environment)
                    else {
                        throw PlatformError(
                            .invalidInput, "set \(tokenEnv) and \(secretEnv) (the bot token, the secret)")
                    }
                    let api = environment["PODIUM_TELEGRAM_API"] ?? "https://api.telegram.org"
                    let hook = "\(url.trimmingCharacters(in: ["/"]))/api/v1/chat/telegram/\(competition)"
                    let body = APICoding.data(
                        JSONValue.object([
                            "url": .string(hook), "secret_token": .string(secret),
                            "allowed_updates": .array([.string("message")]),
                        ]))
                    guard perform else {
                        Output.line(
                            "curl -X POST \"\(api)/bot$\(tokenEnv)/setWebhook\" -H 'Content-Type: application/json' -d '{\"url\":\"\(hook)\",\"secret_token\":\"'\"$\(secretEnv)\"'\",\"allowed_updates\":[\"message\"]}'"
                        )
                        return
                    }
                    let answer = HTTPPoster.send(
                        "POST", url: "\(api)/bot\(token)/setWebhook", headers: ["Content-Type: application/json"],
                        body: body)
                    guard answer.status == 200 else {
                        throw PlatformError(
                            .internalError,
                            "Telegram answered \(answer.status): \(String(decoding: answer.body.prefix(300), as: UTF8.self))"
                        )
                    }
                    Output.line("Telegram will post \(competition)'s chat to \(hook)")
                }
            }

            /// The competition's Telegram target that answers commands.
            static func commandingBot(of competition: String, in platform: Platform) throws -> NotifyTarget {
                let (_, config) = try platform.competition(competition)
                guard
                    let target = NotifyTarget.fromConfig(competition: competition, config.notify ?? []).targets
                        .first(where: { $0.kind == .telegram && $0.commands })
                else {
                    throw PlatformError(
                        .notFound, "\(competition)'s notify list has no telegram target with commands: true")
                }
                return target
            }
        }
    }
}
