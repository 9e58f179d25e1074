import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Platform
import ServiceLifecycle
import Storage
import TestSupport
import WebServer

/// A platform in a temp dir with the demo competition loaded, and the web application over it.
final class WebHarness: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized
    static let examples = repository.appendingPathComponent("competitions/nti-digits/examples").path
    static let organiserToken = "org-test-token"

    let data: String
    let platform: Platform
    var configuration = ServerConfiguration()

    /// `now`: the platform's clock (the wall clock when nil).
    init(now: (@Sendable () -> Date)? = nil) throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-web-\(UUID())").path
        var options = Platform.Options()
        options.databaseURL = try TestDatabase.fresh()
        if let now { options.now = now }
        platform = try Platform(dataDirectory: data, options: options)
        _ = try load(Self.repository.appendingPathComponent("competitions/nti-digits").path)
        configuration = Self.serverConfiguration()
    }

    /// The tests' server: the repository's templates and static files, the tests' organiser token, a free port, no
    /// workers, boards never served from memory.
    static func serverConfiguration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.organiserToken = organiserToken
        configuration.templates = repository.appendingPathComponent("web/templates").path
        configuration.staticFiles = repository.appendingPathComponent("web/static").path
        configuration.port = 0
        configuration.workers = 0
        configuration.leaderboardCacheSeconds = 0
        return configuration
    }

    deinit { try? FileManager.default.removeItem(atPath: data) }

    /// A harness made off the cooperative threads (on PostgreSQL, a new database and its migrations take half a
    /// second, which would hold up every other test's server): what an async test uses.
    static func make(now: (@Sendable () -> Date)? = nil) async throws -> WebHarness {
        try await offTheCooperativePool { try WebHarness(now: now) }
    }

    /// Loads the competition in `folder` with its calendar placed on the wall clock (`TestCalendar`).
    @discardableResult
    func load(_ folder: String) throws -> Platform.LoadResult {
        try platform.loadCompetition(
            folder: folder, calendar: .firstOpening(inDays: TestCalendar.qualifyingOpensInDays))
    }

    func team(_ name: String) throws -> String {
        try platform.organisers.addTeam(competition: "nti-digits", name: name).1
    }

    func open(_ round: String = "qualifying") throws {
        _ = try platform.organisers.act("open", competition: "nti-digits", round: round, actor: "test")
    }

    func application(metrics: ServerMetrics = ServerMetrics(), services: [any Service] = []) async throws
        -> some ApplicationProtocol
    {
        try await buildApplication(
            platform: platform, configuration: configuration, logger: Self.logger, metrics: metrics, services: services)
    }

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    /// A multipart body with one `file` part per (name, contents) and optional extra fields.
    static func multipart(files: [(String, Data)], fields: [String: String] = [:]) -> (ByteBuffer, String) {
        let boundary = "test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, content) in files {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
                        .utf8))
            body.append(content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (ByteBuffer(bytes: body), "multipart/form-data; boundary=\(boundary)")
    }

    static func example(_ relative: String) -> Data { FileManager.default.contents(atPath: "\(examples)/\(relative)")! }

    static func headers(token: String? = nil, contentType: String? = nil, cookie: String? = nil) -> HTTPFields {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let contentType { headers[.contentType] = contentType }
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    static func json(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }
}
