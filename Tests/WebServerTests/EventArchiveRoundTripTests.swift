import EventArchive
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notifications
import Platform
import Storage
import Synchronization
import TestSupport
import Testing
import WebServer

/// An ended event kept and moved: a scripted hackathon exported, imported into the other backend (SQLite into
/// PostgreSQL and back under `make test-postgres`; SQLite into SQLite under `make test`), and every API answer and
/// board, JSON and CSV, byte for byte the same as before.
@Suite(.ownThreads) struct EventArchiveRoundTripTests {
    /// Where an event is exported from and imported into.
    struct Direction: CustomStringConvertible, Sendable {
        let from: Backend
        let to: Backend
        var description: String { "\(from) to \(to)" }
    }

    enum Backend: String, CustomStringConvertible, Sendable {
        case sqlite, postgres
        var description: String { rawValue }
        func databaseURL() throws -> String? { self == .sqlite ? nil : try TestDatabase.fresh() }
    }

    static var directions: [Direction] {
        ProcessInfo.processInfo.environment["PODIUM_TEST_POSTGRES_URL"] == nil
            ? [Direction(from: .sqlite, to: .sqlite)]
            : [Direction(from: .sqlite, to: .postgres), Direction(from: .postgres, to: .sqlite)]
    }

    static let board = "/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard"

    @Test(arguments: directions) func anEventExportedAndImportedAnswersEveryRequestTheSame(direction: Direction)
        async throws
    {
        let clock = SteppedClock()
        let source = try await offTheCooperativePool { try ArchiveEvent(backend: direction.from, clock: clock) }
        let script = try await offTheCooperativePool { try source.playHackathon() }
        let before = try await source.answers(to: script.requests)
        // The story left what an archive must carry: deliveries, a failure, a disqualification, a revealed board.
        let deliveries = try #require(before[ArchiveRequest("/api/v1/admin/deliveries", organiser: true)])
        #expect(deliveries.hasPrefix("200 ") && deliveries.contains("\"target\":\"hook\""))
        let failed = try #require(before[ArchiveRequest("/api/v1/submissions/5", organiser: true)])
        #expect(failed.contains("\"status\":\"failed\""))
        let board = try #require(before[ArchiveRequest(Self.board + ".csv?board=private")])
        #expect(board.hasPrefix("200 ") && board.split(separator: "\n").count == 4, "\(board)")
        let archive = source.data + "-event.tar.gz"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let manifest = try await offTheCooperativePool { try source.platform.exportEvent(to: archive) }
        #expect(manifest.tables.first { $0.name == "submission" }?.rows == script.submissions)
        let target = try await offTheCooperativePool {
            try ArchiveEvent(backend: direction.to, clock: clock, loading: false)
        }
        let imported = try await offTheCooperativePool { try target.platform.importEvent(from: archive) }
        #expect(imported.files == script.files)
        let after = try await target.answers(to: script.requests)
        // Every table came across whole, the ones no answer shows too (invites, cursors, the kept boards).
        let again = target.data + "-again.tar.gz"
        defer { try? FileManager.default.removeItem(atPath: again) }
        let reexported = try await offTheCooperativePool { try target.platform.exportEvent(to: again) }
        #expect(reexported.tables.map { "\($0.name) \($0.rows)" } == manifest.tables.map { "\($0.name) \($0.rows)" })
        let empty = manifest.tables.filter { $0.rows == 0 }.map(\.name)
        #expect(empty == ["scheduledevent", "sliceresamples"])  // no timed event due; no sliced task
        #expect(before.count == script.requests.count)
        for (request, answer) in before {
            #expect(after[request] == answer, "\(request) answers differently after the import")
        }
        // Importing twice is refused, and leaves the event as it was.
        let twice = await #expect(throws: PlatformError.self) {
            try await offTheCooperativePool { try target.platform.importEvent(from: archive) }
        }
        #expect(twice?.code == .notEmpty)
        #expect(try await target.answers(to: script.requests) == after)
        // Told to replace, it deletes what is there and imports again, in one transaction.
        try await offTheCooperativePool { _ = try target.platform.importEvent(from: archive, replace: true) }
        #expect(try await target.answers(to: script.requests) == after)
    }

    @Test func oneCompetitionExportsAloneWithItsRowsAndFolder() async throws {
        let clock = SteppedClock()
        let source = try await offTheCooperativePool { () -> ArchiveEvent in
            let event = try ArchiveEvent(backend: .sqlite, clock: clock)
            _ = try event.platform.loadCompetition(
                folder: WebHarness.repository.appendingPathComponent("competitions/russian-superglue").path)
            _ = try event.platform.organisers.addTeam(competition: "nti-digits", name: "red")
            _ = try event.platform.organisers.addTeam(competition: "russian-superglue", name: "golden")
            // A participant of the other competition with chat alerts: rows that name only a participant.
            let ada = try event.platform.participation.signUp(competition: "nti-digits", name: "ada", acceptRules: true)
            try event.platform.chat.setAlerts([.failed], for: ada.0)
            return event
        }
        let archive = source.data + "-one.tar.gz"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let manifest = try await offTheCooperativePool {
            try source.platform.exportEvent(to: archive, competition: "russian-superglue")
        }
        #expect(manifest.competitions == ["russian-superglue"])
        #expect(manifest.parts.allSatisfy { !$0.name.hasPrefix("competitions/nti-digits/") })
        let target = try await offTheCooperativePool {
            try ArchiveEvent(backend: .sqlite, clock: clock, loading: false)
        }
        try await offTheCooperativePool { _ = try target.platform.importEvent(from: archive) }
        let slugs = try target.platform.competitions().map(\.slug)
        #expect(slugs == ["russian-superglue"])
        #expect(try target.platform.participation.teams(competition: "russian-superglue").map(\.name) == ["golden"])
        let before = try await source.answers(to: [ArchiveRequest("/api/v1/competitions/russian-superglue")])
        #expect(try await target.answers(to: [ArchiveRequest("/api/v1/competitions/russian-superglue")]) == before)
        let refused = #expect(throws: PlatformError.self) {
            try source.platform.exportEvent(to: archive, competition: "nowhere")
        }
        #expect(refused?.code == .notFound)
    }
}

/// A clock the story moves by a second per step; both events read the same moment.
final class SteppedClock: Sendable {
    private let moment = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    func now() -> Date { moment.withLock { $0 } }
    func step() { advance(by: 1) }
    func advance(by seconds: TimeInterval) { moment.withLock { $0 += seconds } }
}

/// A platform on one backend with the server's application over it.
final class ArchiveEvent: @unchecked Sendable {
    let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-archive-\(UUID())").path
    let platform: Platform
    let clock: SteppedClock
    var configuration = WebHarness.serverConfiguration()

    init(backend: EventArchiveRoundTripTests.Backend, clock: SteppedClock, loading: Bool = true) throws {
        self.clock = clock
        var options = Platform.Options()
        options.databaseURL = try backend.databaseURL()
        options.now = { clock.now() }
        platform = try Platform(dataDirectory: data, options: options)
        if loading {
            _ = try platform.loadCompetition(
                folder: WebHarness.repository.appendingPathComponent("competitions/nti-digits").path,
                calendar: .firstOpening(inDays: TestCalendar.qualifyingOpensInDays))
        }
        configuration = WebHarness.serverConfiguration()
        // Every request of the event is asked three times a second or more: no answer may be a rate limit's.
        configuration.rateLimitBurst = 10_000
    }

    deinit { try? FileManager.default.removeItem(atPath: data) }

    /// Adds team `name`, opens the practice round and scores one upload of the team's: the smallest event with a
    /// board. Returns the team's token.
    @discardableResult
    func scoredTeam(_ name: String) throws -> String {
        let (team, token) = try platform.organisers.addTeam(competition: "nti-digits", name: name)
        _ = try platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        _ = try platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: team,
            uploads: [Platform.Upload(name: "knn.csv", path: "\(WebHarness.examples)/knn/practice.csv")])
        try platform.scoring.work(worker: "w", once: true)
        return token
    }

    /// What the story left to ask about.
    struct Script {
        var requests: [ArchiveRequest] = []
        var submissions = 0
        var files = 0
    }

    /// Sign-ups, teams formed and merged, a baseline, submissions scored and one failed, a refused upload, a
    /// selection, a close and a reveal, a rescore, a disqualification, chat deliveries.
    func playHackathon() throws -> Script {
        let slug = "nti-digits"
        func step() { clock.step() }
        let chat = dispatcher()
        try chat.runOnce()  // first sight of the target: its cursor starts here
        var people: [String: (ParticipantRecord, String)] = [:]
        for name in ["ada", "boris", "chen", "dana"] {
            people[name] = try platform.participation.signUp(competition: slug, name: name, acceptRules: true)
            step()
        }
        let red = try platform.participation.createTeam(competition: slug, participant: people["ada"]!.0, name: "red")
        step()
        _ = try platform.participation.joinTeam(
            competition: slug, participant: people["boris"]!.0, inviteCode: try #require(red.inviteCode))
        step()
        _ = try platform.participation.createTeam(competition: slug, participant: people["chen"]!.0, name: "green")
        step()
        _ = try platform.participation.createTeam(competition: slug, participant: people["dana"]!.0, name: "blue")
        step()
        // Chen and Dana, of two teams, work from one laptop: a shared-address case, its addresses kept hashed.
        for name in ["chen", "dana"] {
            try platform.integrity.recordAccess(
                competition: slug, participantId: people[name]!.0.id!, action: "submit",
                client: .init(address: "192.0.2.7", browser: "Firefox/140"))
        }
        let (baseline, _) = try platform.organisers.addTeam(competition: slug, name: "baseline", baseline: true)
        _ = try platform.organisers.act("open", competition: slug, round: "qualifying", actor: "test")
        step()
        let teams = try platform.participation.teams(competition: slug)
        func team(_ name: String) -> TeamRecord { teams.first { $0.name == name }! }
        var ids: [Int64] = []
        func submit(_ name: String, _ model: String, by: String?) throws {
            let upload = Platform.Upload(name: "\(model).csv", path: "\(WebHarness.examples)/\(model)/qualifying.csv")
            ids.append(
                try platform.submissions.accept(
                    competition: slug, round: "qualifying", team: name == "baseline" ? baseline : team(name),
                    uploads: [upload], message: "\(model) by \(by ?? "organisers")", by: by.map { people[$0]!.0 }
                ).id)
            step()
        }
        try submit("red", "knn", by: "ada")
        try submit("green", "forest", by: "chen")
        try submit("blue", "logreg", by: "dana")
        try submit("baseline", "forest", by: nil)
        #expect(throws: PlatformError.self) {
            try platform.submissions.accept(
                competition: slug, round: "qualifying", team: team("blue"),
                uploads: [Platform.Upload(name: "broken.csv", path: "\(WebHarness.examples)/broken.csv")])
        }
        try platform.scoring.work(worker: "w", once: true)
        step()
        _ = try platform.scoring.rescore(competition: slug, round: "qualifying", actor: "test")
        step()
        // One fails in scoring: its worker gave up on it.
        try submit("red", "forest", by: "boris")
        let claim = try #require(try platform.queue.claim(worker: "w", now: clock.now()))
        #expect(claim.submissionId == ids[4])
        _ = try platform.queue.reject(
            ids[4], worker: "w", error: "scorer_failed", detail: "the scorer crashed", charged: true, now: clock.now())
        step()
        let merge = try platform.participation.requestMerge(
            competition: slug, captain: people["dana"]!.0, into: "green")
        _ = try platform.participation.answerMerge(
            competition: slug, captain: people["chen"]!.0, request: merge.id!, accept: true)
        step()
        try platform.submissions.select(
            competition: slug, round: "qualifying", team: team("red"), submissions: [ids[0]])
        _ = try platform.organisers.act("close", competition: slug, round: "qualifying", actor: "test", reason: "time")
        step()
        try platform.organisers.disqualify(submission: ids[2], actor: "test", reason: "a shared model")
        step()
        _ = try platform.organisers.act("reveal", competition: slug, round: "qualifying", actor: "test")
        step()
        _ = try platform.organisers.advance(competition: slug, from: "qualifying", to: "final", top: 2, actor: "test")
        _ = try platform.organisers.addOrganiser(name: "olga", actor: "test")
        // Ada links her chat account; Boris asks for a code and has not used it yet.
        let code = try platform.chat.linkCode(for: people["ada"]!.0).code
        let telegram = ChatUser(transport: "telegram", id: "7")
        _ = try platform.chat.answer("/link \(code)", from: telegram, competition: slug)
        _ = try platform.chat.answer("/alerts failed", from: telegram, competition: slug)
        _ = try platform.chat.linkCode(for: people["boris"]!.0)
        step()
        for _ in 0..<40 where try chat.runOnce() > 0 {}
        return Script(requests: requests(ids: ids, people: people), submissions: ids.count, files: 3)
    }

    /// A notifier posting every event to a webhook nobody listens on (the discard port): each delivery is tried
    /// once and given up, so the store holds deliveries and their failures.
    private func dispatcher() -> Dispatcher {
        var options = Dispatcher.Options()
        options.baseDelay = 0.01
        options.maxAttempts = 1
        options.connectTimeout = 2
        options.now = { self.clock.now() }
        let target = NotifyTarget(
            name: "hook", kind: .webhook, competition: "nti-digits", url: "http://127.0.0.1:9/hook")
        return Dispatcher(store: platform.store, targets: [target], options: options) { _ in ("NTI", "en") }
    }

    /// Every GET the API answers about the event: public, each participant's, the organisers'.
    private func requests(ids: [Int64], people: [String: (ParticipantRecord, String)]) -> [ArchiveRequest] {
        let base = "/api/v1/competitions/nti-digits"
        var requests = [ArchiveRequest("/api/v1/competitions"), ArchiveRequest(base)]
        for round in ["practice", "qualifying", "final", "efficiency"] {
            for board in ["", "?board=private"] {
                requests.append(ArchiveRequest("\(base)/rounds/\(round)/leaderboard\(board)"))
                requests.append(ArchiveRequest("\(base)/rounds/\(round)/leaderboard.csv\(board)"))
                requests.append(ArchiveRequest("\(base)/rounds/\(round)/leaderboard\(board)", organiser: true))
            }
            for (_, token) in people.values {
                requests.append(ArchiveRequest("\(base)/rounds/\(round)/submissions", token: token))
            }
            requests.append(ArchiveRequest("\(base)/rounds/\(round)/integrity", organiser: true))
        }
        for (_, token) in people.values {
            requests.append(ArchiveRequest("\(base)/participants/me", token: token))
            requests.append(ArchiveRequest("\(base)/team", token: token))
        }
        requests += ids.map { ArchiveRequest("/api/v1/submissions/\($0)", organiser: true) }
        requests += [
            "/api/v1/admin/deliveries", "/api/v1/admin/audit", "/api/v1/admin/audit.csv", "\(base)/participants",
        ]
        .map { ArchiveRequest($0, organiser: true) }
        requests.append(ArchiveRequest("\(base)/files/train.csv"))
        return requests
    }

    /// The status and body of each request, from the server's application over this platform.
    func answers(to requests: [ArchiveRequest]) async throws -> [ArchiveRequest: String] {
        let app = try await buildApplication(
            platform: platform, configuration: configuration, logger: WebHarness.logger, metrics: ServerMetrics())
        let answers = Mutex<[ArchiveRequest: String]>([:])
        try await app.test(.router) { client in
            for request in requests {
                let response = try await client.execute(
                    uri: request.uri, method: .get,
                    headers: WebHarness.headers(token: request.organiser ? WebHarness.organiserToken : request.token))
                let answer = "\(response.status.code) \(String(buffer: response.body))"
                answers.withLock { $0[request] = answer }
            }
        }
        return answers.withLock { $0 }
    }
}

/// A GET and whose token asks it.
struct ArchiveRequest: Hashable, CustomStringConvertible, Sendable {
    let uri: String
    var token: String?
    var organiser = false

    init(_ uri: String, token: String? = nil, organiser: Bool = false) {
        self.uri = uri
        self.token = token
        self.organiser = organiser
    }

    var description: String { "GET \(uri)\(organiser ? " (organiser)" : token.map { " (\($0.prefix(8))…)" } ?? "")" }
}
