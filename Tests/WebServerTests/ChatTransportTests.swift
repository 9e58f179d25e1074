import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import Storage
import TestSupport
import Testing
import WebServer

/// The chat answers back: each transport against the server over real HTTP with its platform's real verification —
/// Telegram's secret token, Slack's signing secret, Discord's Ed25519 signature. A forged or replayed request is
/// refused and answers nothing; a linked user sees their own team's quota and a stranger does not; the board in chat
/// is the participants' board, frozen and rounded.
@Suite(.ownThreads) struct ChatTransportTests {
    static let telegramSecret = "tg-secret-\(UUID().uuidString)"
    static let slackSecret = "slack-signing-\(UUID().uuidString)"

    /// nti-digits with its chat answering commands on all three transports and the qualifying round frozen for its
    /// last `freezeMinutes`, open by its schedule; teams red (captain ada) and blue; red scored before the freeze.
    final class Chat: @unchecked Sendable {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-chat-\(UUID())").path
        let discordKey = Curve25519.Signing.PrivateKey()
        let clock = SteppedClock()  // from 2027-01-15 08:00 UTC
        let platform: Platform
        var configuration = WebHarness.serverConfiguration()
        let ada: ParticipantRecord
        let blue: TeamRecord

        init() throws {
            let folder = "\(data)/nti-digits"
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: WebHarness.repository.appendingPathComponent("competitions/nti-digits").path, toPath: folder)
            let key = discordKey.publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
            var yaml = try String(contentsOfFile: "\(folder)/competition.yaml", encoding: .utf8)
            // The qualifying round (opened a day before the clock, closing in 12 days 13 hours) freezes an hour
            // after the clock's start: its last 12 days 12 hours.
            yaml = yaml.replacingOccurrences(
                of: "    advance: { top: 2 }\n", with: "    advance: { top: 2 }\n    freeze_minutes: 18000\n")
            yaml += """
                notify:
                  - telegram: { chat_id: "-100123", token_env: TG_TOKEN, commands: true, secret_env: TG_SECRET }
                  - slack: { url: "http://127.0.0.1:9/slack", commands: true, signing_secret_env: SLACK_SIGNING, bot_token_env: SLACK_BOT }
                  - discord: { url: "http://127.0.0.1:9/discord", commands: true, public_key: "\(key)" }

                """
            try yaml.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
            var options = Platform.Options()
            options.databaseURL = try TestDatabase.fresh()
            let clock = self.clock
            options.now = { clock.now() }
            platform = try Platform(dataDirectory: data, options: options)
            _ = try platform.loadCompetition(folder: folder, calendar: .firstOpening(inDays: -1))
            ada = try platform.participation.signUp(competition: "nti-digits", name: "ada", acceptRules: true).0
            _ = try platform.participation.createTeam(competition: "nti-digits", participant: ada, name: "red")
            blue = try platform.organisers.addTeam(competition: "nti-digits", name: "blue").0
            let red = try platform.participation.team(competition: "nti-digits", name: "red")
            try submit(red, "knn", by: ada)
            configuration.environment = {
                [
                    "TG_TOKEN": "123:ABC", "TG_SECRET": ChatTransportTests.telegramSecret,
                    "SLACK_SIGNING": ChatTransportTests.slackSecret,
                ]
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: data) }

        var now: Date { clock.now() }

        func submit(_ team: TeamRecord, _ model: String, by member: ParticipantRecord? = nil) throws {
            _ = try platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: team,
                uploads: [
                    Platform.Upload(name: "\(model).csv", path: "\(WebHarness.examples)/\(model)/qualifying.csv")
                ],
                by: member)
            try platform.scoring.work(worker: "w", once: true)
        }

        func application() async throws -> some ApplicationProtocol {
            try await buildApplication(
                platform: platform, configuration: configuration, logger: WebHarness.logger, metrics: ServerMetrics())
        }
    }

    static func telegramUpdate(_ id: Int, from user: Int, text: String, language: String = "en") -> ByteBuffer {
        ByteBuffer(
            string: """
                {"update_id":\(id),"message":{"message_id":\(id * 10),"from":{"id":\(user),"is_bot":false,\
                "first_name":"A","language_code":"\(language)"},"chat":{"id":-100123,"type":"supergroup"},\
                "date":1800000000,"text":"\(text)"}}
                """)
    }

    static func telegram(_ client: some TestClientProtocol, _ body: ByteBuffer, secret: String = telegramSecret)
        async throws -> (HTTPResponse.Status, [String: Any])
    {
        let response = try await client.execute(
            uri: "/api/v1/chat/telegram/nti-digits", method: .post,
            headers: [.contentType: "application/json", HTTPField.Name("X-Telegram-Bot-Api-Secret-Token")!: secret],
            body: body)
        return (response.status, WebHarness.json(response.body))
    }

    @Test func telegramAnswersAGoodUpdateAndNothingForgedOrReplayed() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        try await chat.application().test(.live) { client in
            let (forged, forgedBody) = try await Self.telegram(
                client, Self.telegramUpdate(1, from: 7, text: "/top"), secret: "guess")
            #expect(forged == .unauthorized && forgedBody["text"] == nil)
            let (status, reply) = try await Self.telegram(
                client, Self.telegramUpdate(2, from: 7, text: "/top@PodiumBot 3"))
            #expect(status == .ok)
            #expect(reply["method"] as? String == "sendMessage" && reply["chat_id"] as? Int == -100123)
            #expect(reply["reply_to_message_id"] as? Int == 20)
            let text = try #require(reply["text"] as? String)
            // The board's precision: four decimals, never the stored double.
            #expect(text.contains(/1\. red 0\.\d{4}\n?/) && !text.contains("0.98639"), "\(text)")
            let (_, replayed) = try await Self.telegram(client, Self.telegramUpdate(2, from: 7, text: "/top"))
            #expect(replayed.isEmpty)
            let (_, chatter) = try await Self.telegram(client, Self.telegramUpdate(3, from: 7, text: "good luck all"))
            #expect(chatter.isEmpty)
            let (_, russian) = try await Self.telegram(client, Self.telegramUpdate(4, from: 8, text: "/раунды"))
            #expect((russian["text"] as? String)?.contains("открыт") == true, "\(russian)")
        }
    }

    @Test func aLinkedUserSeesTheirTeamsQuotaAndAStrangerDoesNot() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        let code = try chat.platform.chat.linkCode(for: chat.ada).code
        try await chat.application().test(.live) { client in
            let (_, stranger) = try await Self.telegram(client, Self.telegramUpdate(1, from: 99, text: "/quota"))
            let strangerText = try #require(stranger["text"] as? String)
            #expect(strangerText.contains("/link") && !strangerText.contains("left today"), "\(strangerText)")
            let (_, wrong) = try await Self.telegram(client, Self.telegramUpdate(2, from: 7, text: "/link WRONG123"))
            #expect((wrong["text"] as? String)?.contains("wrong or has expired") == true)
            let (_, linked) = try await Self.telegram(client, Self.telegramUpdate(3, from: 7, text: "/link \(code)"))
            #expect((linked["text"] as? String)?.contains("you are ada") == true, "\(linked)")
            let (_, quota) = try await Self.telegram(client, Self.telegramUpdate(4, from: 7, text: "/quota"))
            #expect((quota["text"] as? String)?.contains("4 of 5 left today") == true, "\(quota)")
            // The code was used: another account cannot take it.
            let (_, again) = try await Self.telegram(client, Self.telegramUpdate(5, from: 99, text: "/link \(code)"))
            #expect((again["text"] as? String)?.contains("wrong or has expired") == true)
            let (_, last) = try await Self.telegram(client, Self.telegramUpdate(6, from: 7, text: "/last"))
            #expect((last["text"] as? String)?.contains(/Submission 1: scored, public 0\.\d{4}/) == true, "\(last)")
            let (_, other) = try await Self.telegram(client, Self.telegramUpdate(7, from: 99, text: "/status 1"))
            #expect((other["text"] as? String)?.contains("scored") == false)
        }
    }

    @Test func theBoardInChatStaysFrozenAsParticipantsSeeIt() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        // Two hours on: the freeze began an hour ago; blue's better score lands during it.
        chat.clock.advance(by: 2 * 3600)
        try await offTheCooperativePool { try chat.submit(chat.blue, "forest") }
        try await chat.application().test(.live) { client in
            let (_, reply) = try await Self.telegram(client, Self.telegramUpdate(1, from: 7, text: "/top"))
            let text = try #require(reply["text"] as? String)
            #expect(text.contains("frozen at") && text.contains("red") && !text.contains("blue"), "\(text)")
        }
    }

    static func slackSignature(_ body: String, timestamp: String, secret: String = slackSecret) -> String {
        let code = Crypto.HMAC<Crypto.SHA256>.authenticationCode(
            for: Array("v0:\(timestamp):\(body)".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return "v0=" + code.map { String(format: "%02x", $0) }.joined()
    }

    @Test func slackAnswersASignedSlashCommandAndRefusesForgedOrStaleOnes() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        let now = String(Int(chat.now.timeIntervalSince1970))
        let stale = String(Int(chat.now.timeIntervalSince1970) - 6 * 60)
        let body = "token=x&team_id=T1&user_id=U7&command=%2Fpodium&text=top+2&response_url=http%3A%2F%2Fx"
        try await chat.application().test(.live) { client in
            func send(_ body: String, timestamp: String, signature: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/chat/slack/nti-digits", method: .post,
                    headers: [
                        .contentType: "application/x-www-form-urlencoded",
                        HTTPField.Name("X-Slack-Request-Timestamp")!: timestamp,
                        HTTPField.Name("X-Slack-Signature")!: signature,
                    ], body: ByteBuffer(string: body))
            }
            let good = try await send(body, timestamp: now, signature: Self.slackSignature(body, timestamp: now))
            let reply = WebHarness.json(good.body)
            #expect(good.status == .ok && reply["response_type"] as? String == "ephemeral")
            #expect((reply["text"] as? String)?.contains("1. red") == true, "\(reply)")
            let replayed = try await send(body, timestamp: now, signature: Self.slackSignature(body, timestamp: now))
            #expect(WebHarness.json(replayed.body)["text"] == nil)
            let forged = try await send(
                body, timestamp: now, signature: Self.slackSignature(body, timestamp: now, secret: "guess"))
            #expect(forged.status == .unauthorized)
            let tampered = try await send(
                body.replacingOccurrences(of: "top+2", with: "quota"), timestamp: now,
                signature: Self.slackSignature(body, timestamp: now))
            #expect(tampered.status == .unauthorized)
            let old = try await send(body, timestamp: stale, signature: Self.slackSignature(body, timestamp: stale))
            #expect(old.status == .unauthorized)
        }
    }

    @Test func discordAnswersPingAndASignedCommandAndRefusesAForgedOne() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        let timestamp = String(Int(chat.now.timeIntervalSince1970))
        try await chat.application().test(.live) { client in
            func send(_ body: String, key: Curve25519.Signing.PrivateKey) async throws -> TestResponse {
                let signature = try key.signature(for: Array((timestamp + body).utf8))
                return try await client.execute(
                    uri: "/api/v1/chat/discord/nti-digits", method: .post,
                    headers: [
                        .contentType: "application/json",
                        HTTPField.Name("X-Signature-Ed25519")!: signature.map { String(format: "%02x", $0) }.joined(),
                        HTTPField.Name("X-Signature-Timestamp")!: timestamp,
                    ], body: ByteBuffer(string: body))
            }
            let ping = try await send(#"{"type":1,"id":"1"}"#, key: chat.discordKey)
            #expect(ping.status == .ok && WebHarness.json(ping.body)["type"] as? Int == 1)
            let command =
                #"{"type":2,"id":"2","locale":"ru","data":{"name":"top","options":[{"name":"n","value":1}]},"member":{"user":{"id":"42"}}}"#
            let answered = try await send(command, key: chat.discordKey)
            let reply = WebHarness.json(answered.body)
            #expect(reply["type"] as? Int == 4)
            let data = try #require(reply["data"] as? [String: Any])
            #expect(data["flags"] as? Int == 64)
            #expect((data["content"] as? String)?.contains("публичная таблица") == true, "\(reply)")
            let forged = try await send(command, key: Curve25519.Signing.PrivateKey())
            #expect(forged.status == .unauthorized && WebHarness.json(forged.body)["data"] == nil)
        }
    }

    /// `podium chat telegram set-webhook --perform` calls setWebhook (on a local receiver standing in for the Bot
    /// API) with this server's route and the secret; `podium chat link` prints a code the bot takes.
    @Test func theCLISetsTheWebhookAndMakesALinkCode() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        let receiver = Receiver()
        try await receiver.run { base in
            func podium(_ arguments: [String]) async throws -> (Int32, String) {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: ServeCommandTests.podium)
                process.arguments = arguments + ["--data", chat.data]
                process.environment = TestDatabase.environment(
                    chat.platform.options.databaseURL,
                    ["TG_TOKEN": "123:ABC", "TG_SECRET": Self.telegramSecret, "PODIUM_TELEGRAM_API": base])
                let finished = try await ChildProcess.run(process)
                return (finished.status, finished.text)
            }
            let (printed, call) = try await podium([
                "chat", "telegram", "set-webhook", "nti-digits", "--url", "https://podium.example.org/",
            ])
            #expect(printed == 0 && call.contains("$TG_TOKEN/setWebhook") && !call.contains("123:ABC"), "\(call)")
            let (performed, said) = try await podium([
                "chat", "telegram", "set-webhook", "nti-digits", "--url", "https://podium.example.org", "--perform",
            ])
            #expect(performed == 0, "\(said)")
            let request = try #require(receiver.requests.first)
            #expect(request.path == "/bot123:ABC/setWebhook")
            #expect(request.json["url"] as? String == "https://podium.example.org/api/v1/chat/telegram/nti-digits")
            #expect(request.json["secret_token"] as? String == Self.telegramSecret)
            let (made, line) = try await podium(["chat", "link", "nti-digits", "ada"])
            let code = try #require(line.firstMatch(of: /\/link ([A-Z2-9]{8})/)?.1)
            #expect(made == 0)
            // The CLI's code runs on the wall clock, as the bot of a real event would read it.
            var options = Platform.Options()
            options.databaseURL = chat.platform.options.databaseURL
            let bot = try Platform(dataDirectory: chat.data, options: options)
            let linked = try bot.chat.answer(
                "/link \(code)", from: ChatUser(transport: "telegram", id: "5"), competition: "nti-digits")
            #expect(linked?.contains("you are ada") == true)
        }
    }

    /// `podium chat telegram poll --once`: for a box Telegram cannot reach, the bot asks for updates (a local
    /// receiver standing in for the Bot API lists one) and answers each with sendMessage.
    @Test func theBotAnswersByLongPolling() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        let receiver = Receiver()
        receiver.answer([
            (
                .ok,
                #"{"ok":true,"result":[{"update_id":5,"message":{"message_id":50,"from":{"id":7,"is_bot":false,"language_code":"en"},"chat":{"id":7,"type":"private"},"date":1,"text":"/top 1"}}]}"#
            )
        ])
        try await receiver.run { base in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ServeCommandTests.podium)
            process.arguments = ["chat", "telegram", "poll", "nti-digits", "--once", "--data", chat.data]
            process.environment = TestDatabase.environment(
                chat.platform.options.databaseURL, ["TG_TOKEN": "123:ABC", "PODIUM_TELEGRAM_API": base])
            let finished = try await ChildProcess.run(process)
            #expect(finished.status == 0 && finished.text.contains("answered 1 message"), "\(finished.text)")
            let requests = receiver.requests
            #expect(requests.map(\.path) == ["/bot123:ABC/getUpdates", "/bot123:ABC/sendMessage"])
            let reply = try #require(requests.last?.json)
            #expect(reply["chat_id"] as? Int == 7 && reply["reply_to_message_id"] as? Int == 50)
            // (The command runs on the wall clock, whose current round is not the test clock's: any round's board.)
            #expect((reply["text"] as? String)?.contains("public board") == true, "\(reply)")
        }
    }

    /// Slack's Events API: a message that mentions the app, signed, is answered in its thread with chat.postMessage
    /// and the bot token (at a local receiver standing in for Slack's Web API); the same event sent again is not.
    @Test func slackAnswersAMentionThroughTheEventsAPI() async throws {
        let chat = try await offTheCooperativePool { try Chat() }
        let body =
            #"{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"app_mention","user":"U7","text":"<@UBOT> top 1","channel":"C1","ts":"1800000000.000100"}}"#
        let slack = Receiver()
        try await slack.run { base in
            chat.configuration.environment = {
                ["SLACK_SIGNING": ChatTransportTests.slackSecret, "SLACK_BOT": "xoxb-test", "PODIUM_SLACK_API": base]
            }
            try await chat.application().test(.live) { client in
                for _ in 0..<2 {
                    let retry = String(Int(chat.now.timeIntervalSince1970))
                    let response = try await client.execute(
                        uri: "/api/v1/chat/slack/nti-digits", method: .post,
                        headers: [
                            .contentType: "application/json",
                            HTTPField.Name("X-Slack-Request-Timestamp")!: retry,
                            HTTPField.Name("X-Slack-Signature")!: Self.slackSignature(body, timestamp: retry),
                        ], body: ByteBuffer(string: body))
                    #expect(response.status == .ok)
                    chat.clock.step()  // Slack's retry comes later, signed anew
                }
            }
            let posts = slack.requests
            #expect(posts.count == 1, "the retried event is not answered twice")
            let post = try #require(posts.first)
            #expect(post.path == "/chat.postMessage" && post.headers[.authorization] == "Bearer xoxb-test")
            #expect(post.json["channel"] as? String == "C1" && post.json["thread_ts"] as? String == "1800000000.000100")
            #expect((post.json["text"] as? String)?.contains("1. red") == true, "\(post.json)")
        }
    }
}
