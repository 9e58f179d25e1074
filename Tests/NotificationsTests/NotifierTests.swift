import Foundation
import GRDB
import HTTPTypes
import Notifications
import Platform
import Storage
import TestSupport
import Testing

/// The notifier against a real local receiver: formats, signatures, order, retries, dead letters, restarts.
@Suite(.serialized, .ownThreads)
struct NotifierTests {
    static let secret = "s3cret-signing-key"

    /// A platform in a temp dir with the demo competition and a few teams.
    final class Setup: @unchecked Sendable {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-notify-\(UUID())").path
        let platform: Platform

        init() throws {
            var options = Platform.Options()
            options.databaseURL = try TestDatabase.fresh()
            platform = try Platform(dataDirectory: data, options: options)
            _ = try platform.loadCompetition(
                folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../../competitions/nti-digits").standardized.path,
                calendar: .firstOpening(inDays: TestCalendar.qualifyingOpensInDays))
        }

        deinit { try? FileManager.default.removeItem(atPath: data) }

        func dispatcher(
            _ targets: [NotifyTarget], environment: [String: String] = [:], base: Double = 0.05,
            store: (any Store)? = nil
        ) -> Dispatcher {
            var options = Dispatcher.Options()
            options.baseDelay = base
            options.maxDelay = 0.2
            options.maxAttempts = 5
            options.connectTimeout = 5  // generous: a retry after a slow answer would be a second request
            options.totalTimeout = 15
            options.environment = { environment }
            return Dispatcher(store: store ?? platform.store, targets: targets, options: options) { _ in
                ("NTI AI Hackathon", "en")
            }
        }

        /// Emits `count` round events (open/close pairs) with distinct ids.
        func events(_ count: Int) throws {
            for index in 0..<count {
                _ = try platform.organisers.act(
                    index % 2 == 0 ? "open" : "close", competition: "nti-digits", round: "practice", actor: "t\(index)")
            }
        }

        /// Another process on the same database.
        func anotherProcess() throws -> Platform {
            var options = Platform.Options()
            options.databaseURL = platform.options.databaseURL
            return try Platform(dataDirectory: data, options: options)
        }

        func deliveries() throws -> [DeliveryRecord] {
            try Outbox(store: platform.store).recent(limit: 1000).reversed()
        }
    }

    /// Runs the dispatcher until nothing is pending (or `seconds` pass).
    func drain(_ dispatcher: Dispatcher, _ setup: Setup, seconds: Double = 10) throws {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            try dispatcher.runOnce()
            if try setup.deliveries().allSatisfy({ $0.state != .pending }) { return }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
    }

    @Test func everyFormatCarriesTheEventAndTheWebhookIsSigned() async throws {
        let setup = try Setup()
        let receiver = Receiver()
        try await receiver.run { base in
            let targets = [
                NotifyTarget(
                    name: "tg", kind: .telegram, competition: "nti-digits", chatID: "-100123", tokenEnv: "TG_TOKEN"),
                NotifyTarget(name: "slack", kind: .slack, competition: "nti-digits", urlEnv: "SLACK_URL"),
                NotifyTarget(name: "discord", kind: .discord, competition: "nti-digits", url: "\(base)/discord"),
                NotifyTarget(
                    name: "hook", kind: .webhook, competition: "nti-digits", url: "\(base)/hook",
                    secretEnv: "HOOK_SECRET"),
            ]
            let environment = [
                "TG_TOKEN": "123:ABC", "PODIUM_TELEGRAM_API": base, "SLACK_URL": "\(base)/slack",
                "HOOK_SECRET": Self.secret,
            ]
            let dispatcher = setup.dispatcher(targets, environment: environment)
            try dispatcher.runOnce()  // first sight of the targets: their cursors start here
            try setup.events(1)
            try drain(dispatcher, setup)
            let requests = receiver.requests
            #expect(requests.count == 4)
            let telegram = try #require(requests.first { $0.path == "/bot123:ABC/sendMessage" })
            #expect(telegram.json["chat_id"] as? String == "-100123")
            #expect(telegram.json["parse_mode"] as? String == "HTML")
            #expect(telegram.json["disable_web_page_preview"] as? Bool == true)
            #expect((telegram.json["text"] as? String)?.contains("Round practice is open") == true)
            let slack = try #require(requests.first { $0.path == "/slack" })
            #expect((slack.json["blocks"] as? [[String: Any]])?.count == 2)
            let discord = try #require(requests.first { $0.path == "/discord" })
            #expect(((discord.json["embeds"] as? [[String: Any]])?.first?["title"] as? String) == "Round open")
            let hook = try #require(requests.first { $0.path == "/hook" })
            #expect(hook.json["type"] as? String == "round.opened")
            #expect(hook.json["competition"] as? String == "nti-digits")
            #expect((hook.json["data"] as? [String: Any])?["round"] as? String == "practice")
            let signature = try #require(hook.headers[HTTPField.Name("X-Podium-Signature")!])
            // Checked against Python's hmac module, not against the function that made it.
            #expect(signature == "sha256=" + (try Self.pythonHMAC(key: Self.secret, message: Data(hook.body))))
            #expect(hook.headers[HTTPField.Name("X-Podium-Event-Id")!] == "\(hook.json["id"]!)")
            // The bot token is in the URL only: never in a stored response or the database.
            let stored = try setup.deliveries().map { "\($0.lastResponse ?? "")" }.joined()
            #expect(!stored.contains("123:ABC"))
        }
    }

    @Test func aReceiverDownForAWhileGetsEverythingOnceInOrder() async throws {
        let setup = try Setup()
        let receiver = Receiver()
        try await receiver.run { base in
            let dispatcher = setup.dispatcher([
                NotifyTarget(name: "hook", kind: .webhook, competition: "nti-digits", url: "\(base)/hook")
            ])
            try dispatcher.runOnce()
            receiver.answer(Array(repeating: (.serviceUnavailable, "down"), count: 3) + [(.badGateway, "down")])
            try setup.events(5)
            try drain(dispatcher, setup)
            let delivered = receiver.requests.filter { _ in true }.map { $0.json["id"] as? Int ?? -1 }
            let unique = delivered.reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
            #expect(try setup.deliveries().allSatisfy { $0.state == .delivered })
            let firstTry = receiver.requests.count
            #expect(firstTry == 5 + 4)  // every event once, plus the four refused attempts at the first one
            #expect(unique == unique.sorted())  // in order
            #expect(Set(unique).count == 5)
        }
    }

    @Test func tooManyRequestsHonoursTelegramsRetryAfter() async throws {
        let setup = try Setup()
        let receiver = Receiver()
        try await receiver.run { base in
            let dispatcher = setup.dispatcher(
                [NotifyTarget(name: "tg", kind: .telegram, competition: "nti-digits", chatID: "1", tokenEnv: "T")],
                environment: ["T": "x", "PODIUM_TELEGRAM_API": base])
            try dispatcher.runOnce()
            receiver.answer([(.tooManyRequests, "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":1}}")]
            )
            try setup.events(1)
            let started = Date()
            try dispatcher.runOnce()
            let waiting = try #require(try setup.deliveries().first)
            #expect(waiting.state == .pending && waiting.lastStatus == 429)
            #expect(waiting.nextAttemptAt.timeIntervalSince(started) >= 0.9)  // not the 0.05 s backoff
            try dispatcher.runOnce()
            #expect(receiver.requests.count == 1)  // not retried before retry_after
            try drain(dispatcher, setup)
            #expect(receiver.requests.count == 2)
            #expect(Date().timeIntervalSince(started) >= 0.9)
            #expect(try setup.deliveries().first?.state == .delivered)
        }
    }

    @Test func aClientErrorGoesToDeadLetterWithTheResponseAndRetryRedelivers() async throws {
        let setup = try Setup()
        let receiver = Receiver()
        try await receiver.run { base in
            let dispatcher = setup.dispatcher([
                NotifyTarget(name: "hook", kind: .webhook, competition: "nti-digits", url: "\(base)/hook")
            ])
            try dispatcher.runOnce()
            receiver.answer([(.badRequest, "{\"error\":\"unknown channel\"}")])
            try setup.events(2)
            try drain(dispatcher, setup)
            let deliveries = try setup.deliveries()
            #expect(deliveries.map(\.state) == [.dead, .delivered])  // the next event is not held back forever
            #expect(deliveries[0].lastStatus == 400 && deliveries[0].lastResponse == "{\"error\":\"unknown channel\"}")
            #expect(try Outbox(store: setup.platform.store).retryDead(now: Date()) == 1)
            try drain(dispatcher, setup)
            #expect(try setup.deliveries().allSatisfy { $0.state == .delivered })
        }
    }

    @Test func aNetworkErrorIsRetriedWithItsReason() throws {
        let setup = try Setup()
        let dispatcher = setup.dispatcher([
            NotifyTarget(name: "hook", kind: .webhook, competition: "nti-digits", url: "http://127.0.0.1:9/hook")
        ])
        try dispatcher.runOnce()
        try setup.events(1)
        try dispatcher.runOnce()
        let delivery = try #require(try setup.deliveries().first)
        #expect(delivery.state == .pending && delivery.lastStatus == 0)
        #expect(delivery.lastResponse?.isEmpty == false)
    }

    @Test func aRestartInTheMiddleOfABacklogLosesNothingAndRepeatsNothing() async throws {
        let setup = try Setup()
        let receiver = Receiver()
        try await receiver.run { base in
            let target = NotifyTarget(name: "hook", kind: .webhook, competition: "nti-digits", url: "\(base)/hook")
            var firstProcess: Platform? = try setup.anotherProcess()
            var first: Dispatcher? = setup.dispatcher([target], store: firstProcess!.store)
            try first!.runOnce()
            try setup.events(6)
            receiver.answer([(.ok, "ok"), (.ok, "ok"), (.serviceUnavailable, "down"), (.serviceUnavailable, "down")])
            try first!.runOnce()  // delivers two, then the third is refused and waits
            #expect(try setup.deliveries().filter { $0.state == .delivered }.count == 2)
            // "Restart": the first process ends (releasing the notifier's lock); a new one on the same database.
            first = nil
            firstProcess = nil
            let restarted = try setup.anotherProcess()
            let second = Dispatcher(
                store: restarted.store, targets: [target],
                options: {
                    var options = Dispatcher.Options()
                    options.baseDelay = 0.05
                    options.maxDelay = 0.2
                    return options
                }()
            ) { _ in ("NTI", "en") }
            try drain(second, setup)
            let ids = receiver.requests.filter { $0.json["id"] != nil }.map { $0.json["id"] as! Int }
            var distinct: [Int] = []
            for id in ids where distinct.last != id { distinct.append(id) }
            #expect(distinct.count == 6 && Set(distinct).count == 6 && distinct == distinct.sorted())
            #expect(try setup.deliveries().allSatisfy { $0.state == .delivered })
        }
    }

    @Test func oneDispatcherForTheWholeEventAndAnotherTakesOverWhenItsHolderEnds() async throws {
        let setup = try Setup()
        let receiver = Receiver()
        try await receiver.run { base in
            let target = NotifyTarget(name: "hook", kind: .webhook, competition: "nti-digits", url: "\(base)/hook")
            // Two replicas, each with its notifier.
            var holderProcess: Platform? = try setup.anotherProcess()
            var holder: Dispatcher? = setup.dispatcher([target], store: holderProcess!.store)
            let otherProcess = try setup.anotherProcess()
            let other = setup.dispatcher([target], store: otherProcess.store)
            try holder!.runOnce()  // takes the notifier's lock
            try setup.events(1)  // round.opened
            #expect(try other.runOnce() == 0, "the second replica's notifier must wait its turn")
            #expect(receiver.requests.isEmpty)
            #expect(try holder!.runOnce() == 1)
            #expect(try other.runOnce() == 0)
            #expect(receiver.requests.count == 1)
            // The holder's process ends: the other notifier takes over and delivers what follows, once.
            holder = nil
            holderProcess = nil
            _ = try setup.platform.organisers.act(
                "close", competition: "nti-digits", round: "practice", actor: "organiser")
            // PostgreSQL releases the lock when the holder's session ends on the server, a moment after the client
            // closed it; the other notifier takes over on one of its next passes, as a replica's would.
            var delivered = 0
            for _ in 0..<50 where delivered == 0 {
                delivered = try other.runOnce()
                if delivered == 0 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(delivered == 1)
            let types = receiver.requests.compactMap { $0.json["type"] as? String }
            #expect(types == ["round.opened", "round.closed"])
        }
    }

    @Test func publicChatsDoNotHearScoresUnlessTheyOptIn() {
        let chat = NotifyTarget(name: "c", kind: .slack, competition: "x", url: "u")
        let optedIn = NotifyTarget(name: "o", kind: .slack, competition: "x", url: "u", submissions: true)
        let organisers = NotifyTarget(name: "g", kind: .slack, competition: "x", url: "u", organisers: true)
        #expect(chat.accepts(type: .leaderChanged, competition: "x"))
        #expect(!chat.accepts(type: .submissionScored, competition: "x"))
        #expect(!chat.accepts(type: .queueStalled, competition: "x"))
        #expect(!chat.accepts(type: .roundOpened, competition: "other"))
        #expect(optedIn.accepts(type: .submissionScored, competition: "x"))
        #expect(organisers.accepts(type: .queueStalled, competition: "x"))
    }

    @Test func messagesReadInEnglishAndRussian() {
        let event = EventRecord(
            id: 7, competition: "x", type: .leaderChanged,
            payload: "{\"round\":\"final\",\"team\":\"alpha\",\"score\":0.9812}", createdAt: Date())
        #expect(
            MessageText.render(event, title: "T", language: "en").text
                == "New #1 on the public leaderboard of round final: alpha (0.9812).")
        #expect(
            MessageText.render(event, title: "T", language: "ru").text
                == "Новый лидер публичного лидерборда раунда «final»: alpha (0.9812).")
        let scored = EventRecord(
            id: 8, competition: "x", type: .submissionScored,
            payload: "{\"submission\":5,\"team\":\"g\",\"round\":\"final\",\"public\":0.98639}", createdAt: Date())
        #expect(MessageText.render(scored, title: "T", language: "en").text == "Submission 5 of g scored 0.9864.")
        let telegram = Payloads.request(
            EventRecord(
                id: 1, competition: "x", type: .teamAdvanced,
                payload: "{\"team\":\"<b>x</b>\",\"from\":\"q\",\"to\":\"f\"}", createdAt: Date()),
            to: NotifyTarget(name: "t", kind: .telegram, competition: "x", chatID: "1", tokenEnv: "T"), title: "A & B",
            language: "en",
            environment: ["T": "tok"])
        let text = (try? JSONSerialization.jsonObject(with: telegram!.body) as? [String: Any])?["text"] as? String
        #expect(text?.contains("&lt;b&gt;x&lt;/b&gt;") == true && text?.contains("A &amp; B") == true)
        #expect(
            Payloads.request(
                event, to: NotifyTarget(name: "t", kind: .telegram, competition: "x", chatID: "1", tokenEnv: "MISSING"),
                title: "T", language: "en", environment: [:]) == nil)
    }

    /// HMAC-SHA256 of `message` by Python's standard library (an independent implementation).
    static func pythonHMAC(key: String, message: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import hmac, hashlib, sys; print(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha256).hexdigest())",
            key,
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(message)
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func hmacMatchesRFC4231() {
        // RFC 4231 test case 2.
        #expect(
            HMAC.sha256Hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
