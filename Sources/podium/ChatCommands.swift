import ArgumentParser
import Foundation
import Notifications
import Platform
import PodiumAPI
import Tabular

extension Podium {
    /// `podium chat`.
    struct Chat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The event's chat bot: link a participant's chat account, set up a transport.",
            subcommands: [Link.self, Telegram.self])

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

        /// `podium chat telegram`.
        struct Telegram: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Set up the competition's Telegram bot.", subcommands: [SetWebhook.self])
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
                    let (_, config) = try platform.competition(competition)
                    guard
                        let target = NotifyTarget.fromConfig(competition: competition, config.notify ?? []).targets
                            .first(where: { $0.kind == .telegram && $0.commands }),
                        let tokenEnv = target.tokenEnv, let secretEnv = target.secretEnv
                    else {
                        throw PlatformError(
                            .notFound,
                            "\(competition)'s notify list has no telegram target with commands: true, token_env and secret_env"
                        )
                    }
                    let environment = ProcessInfo.processInfo.environment
                    guard let token = environment[tokenEnv], let secret = environment[secretEnv] else {
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
        }
    }
}
