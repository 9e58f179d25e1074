import Foundation
import Notifications
import Platform
import Storage
import TestSupport
import Testing

/// Personal alerts: a participant who linked their Telegram account and chose "failed" is told, in a direct message
/// from the competition's bot, that their team's submission failed and why — once, even when the notifier's process
/// restarts in the middle of the delivery — and is told nothing about another team's.
@Suite(.serialized, .ownThreads)
struct PersonalAlertTests {
    static let practiceFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../competitions/nti-digits/examples/knn/practice.csv").standardized.path

    @Test func aFailedSubmissionsAlertArrivesOnceAcrossARestartAndOnlyToItsTeam() async throws {
        let setup = try NotifierTests.Setup()
        let platform = setup.platform
        let ada = try platform.participation.signUp(competition: "nti-digits", name: "ada", acceptRules: true).0
        _ = try platform.participation.createTeam(competition: "nti-digits", participant: ada, name: "red")
        let red = try platform.participation.team(competition: "nti-digits", name: "red")
        let blue = try platform.organisers.addTeam(competition: "nti-digits", name: "blue").0
        let code = try platform.chat.linkCode(for: ada).code
        let telegram = ChatUser(transport: "telegram", id: "7")
        _ = try platform.chat.answer("/link \(code)", from: telegram, competition: "nti-digits")
        let chose = try platform.chat.answer("/alerts failed", from: telegram, competition: "nti-digits")
        #expect(chose?.contains("failed") == true && chose?.contains("scored") == false, "\(chose ?? "")")
        _ = try platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        var bot = NotifyTarget(
            name: "nti-digits/telegram#0", kind: .telegram, competition: "nti-digits", chatID: "-100123",
            tokenEnv: "TG_TOKEN")
        bot.commands = true
        let commandingBot = bot
        let receiver = Receiver()
        try await receiver.run { base in
            let environment = ["TG_TOKEN": "123:ABC", "PODIUM_TELEGRAM_API": base]
            var firstProcess: Platform? = try setup.anotherProcess()
            var first: Dispatcher? = setup.dispatcher(
                [commandingBot], environment: environment, store: firstProcess!.store)
            try first!.runOnce()  // first sight of the targets: their cursors start here
            receiver.answer([])
            func fail(_ team: TeamRecord) throws {
                let id = try platform.submissions.accept(
                    competition: "nti-digits", round: "practice", team: team,
                    uploads: [Platform.Upload(name: "knn.csv", path: Self.practiceFile)]
                ).id
                _ = try #require(try platform.queue.claim(worker: "w", now: Date()))
                _ = try platform.queue.reject(
                    id, worker: "w", error: "your program wrote 3 rows; the task has 70", detail: "(organisers only)",
                    charged: true, now: Date())
            }
            try fail(blue)
            try fail(red)
            // Telegram is down when the alert is first tried; then the notifier's process ends and another starts.
            receiver.answer(Array(repeating: (.serviceUnavailable, "{\"ok\":false}"), count: 8))
            try first!.runOnce()
            #expect(receiver.requests.contains { $0.json["chat_id"] as? String == "7" })
            first = nil
            firstProcess = nil
            receiver.answer([])
            let restarted = try setup.anotherProcess()
            let second = setup.dispatcher([commandingBot], environment: environment, store: restarted.store)
            try NotifierTests().drain(second, setup)
            let direct = receiver.requests.filter { $0.json["chat_id"] as? String == "7" }
            let answered = direct.dropFirst(direct.count - 1)
            #expect(direct.count >= 2, "tried while Telegram was down, then delivered")
            let text = try #require(answered.first?.json["text"] as? String)
            #expect(text.contains("Submission 2") && text.contains("your program wrote 3 rows"), "\(text)")
            #expect(!text.contains("organisers only"))
            let alerts = try setup.deliveries().filter { $0.target == "alert/telegram/nti-digits/7" }
            #expect(alerts.count == 1 && alerts.first?.state == .delivered, "one delivery of the one event")
            #expect(!direct.contains { ($0.json["text"] as? String)?.contains("Submission 1") == true })
        }
    }

    /// A team that passes others on the public board tells the teams it passed (those below it now that were level
    /// or above it before), and a participant who chose "overtaken" and "selection" hears of both in a direct message.
    @Test func overtakenTeamsAndAChangedSelectionAreToldToWhoChoseThem() async throws {
        let setup = try NotifierTests.Setup()
        let platform = setup.platform
        let slug = "nti-digits"
        let ada = try platform.participation.signUp(competition: slug, name: "ada", acceptRules: true).0
        _ = try platform.participation.createTeam(competition: slug, participant: ada, name: "red")
        let red = try platform.participation.team(competition: slug, name: "red")
        let green = try platform.organisers.addTeam(competition: slug, name: "green").0
        let blue = try platform.organisers.addTeam(competition: slug, name: "blue").0
        let code = try platform.chat.linkCode(for: ada).code
        let telegram = ChatUser(transport: "telegram", id: "7")
        _ = try platform.chat.answer("/link \(code)", from: telegram, competition: slug)
        _ = try platform.chat.answer("/alerts overtaken selection", from: telegram, competition: slug)
        _ = try platform.organisers.act("open", competition: slug, round: "qualifying", actor: "test")
        @Sendable func submit(_ team: TeamRecord, _ model: String) throws -> Int64 {
            let id = try platform.submissions.accept(
                competition: slug, round: "qualifying", team: team,
                uploads: [Platform.Upload(name: "\(model).csv", path: Self.examples + "/\(model)/qualifying.csv")]
            ).id
            try platform.scoring.work(worker: "w", once: true)
            return id
        }
        var bot = NotifyTarget(
            name: "nti-digits/telegram#0", kind: .telegram, competition: slug, chatID: "-100123", tokenEnv: "TG_TOKEN")
        bot.commands = true
        let commandingBot = bot
        let receiver = Receiver()
        try await receiver.run { base in
            let dispatcher = setup.dispatcher(
                [commandingBot], environment: ["TG_TOKEN": "123:ABC", "PODIUM_TELEGRAM_API": base])
            try dispatcher.runOnce()
            let redEntry = try submit(red, "naive_bayes")
            _ = try submit(green, "logreg")
            _ = try submit(blue, "knn")  // the best of the three: it passes both
            try platform.submissions.select(competition: slug, round: "qualifying", team: red, submissions: [redEntry])
            try NotifierTests().drain(dispatcher, setup)
            let board = try platform.boards.standings(competition: slug, round: "qualifying", board: .public)
            #expect(board.first?.team == "blue", "\(board.map(\.team))")
            let overtakings = try platform.organisers.events(limit: 50).compactMap { record -> Event.Overtaking? in
                guard case .teamsOvertaken(let passing) = record.event else { return nil }
                return passing
            }
            let byBlue = try #require(overtakings.first { $0.team == "blue" }, "\(overtakings)")
            #expect(Set(byBlue.overtaken) == ["green", "red"])
            let direct = receiver.requests.filter { $0.json["chat_id"] as? String == "7" }
                .compactMap { $0.json["text"] as? String }
            #expect(direct.contains { $0.contains("blue passed") && $0.contains("red") }, "\(direct)")
            #expect(
                direct.contains { $0.contains("red's final selection for round qualifying: \(redEntry)") }, "\(direct)")
            #expect(!direct.contains { $0.contains("scored") }, "not chosen")
        }
    }

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../competitions/nti-digits/examples").standardized.path
}
