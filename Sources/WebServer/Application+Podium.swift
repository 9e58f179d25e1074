import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import NIOCore
import Platform

/// Builds the router: the JSON API, the pages, static files, health and metrics.
public func buildRouter(platform: Platform, configuration: ServerConfiguration, library: MustacheLibrary) throws
    -> Router<PodiumContext>
{
    let router = Router(context: PodiumContext.self)
    let counters = MetricsMiddleware.Counters()
    router.add(middleware: MetricsMiddleware(counters: counters))
    router.add(
        middleware: RateLimitMiddleware(
            buckets: .init(burst: configuration.rateLimitBurst, perSecond: configuration.rateLimitPerSecond)))
    router.add(middleware: FileMiddleware(configuration.staticFiles, urlBasePath: "/static", searchForIndexHtml: false))
    let sessions = Sessions(secret: configuration.sessionSecret ?? Sessions.randomToken())
    let auth = Auth(platform: platform, organiserToken: configuration.organiserToken, sessions: sessions)
    let uploads = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("podium-uploads")
    try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)

    router.get("healthz") { _, _ in JSON.response(["status": "ok"]) }
    router.get("metrics") { _, _ -> Response in
        let statistics = try await blocking { try platform.queueStatistics() }
        var lines = [
            "# HELP podium_http_requests_total HTTP requests by route and status.",
            "# TYPE podium_http_requests_total counter",
        ]
        for (labels, count) in counters.snapshot.sorted(by: { $0.key < $1.key }) {
            lines.append("podium_http_requests_total{\(labels)} \(count)")
        }
        lines += [
            "# HELP podium_queue_depth Scoring jobs waiting.", "# TYPE podium_queue_depth gauge",
            "podium_queue_depth \(statistics.depth)",
            "# HELP podium_scoring_latency_seconds Time from acceptance to score.",
            "# TYPE podium_scoring_latency_seconds summary",
            "podium_scoring_latency_seconds_sum \(statistics.latencySum)",
            "podium_scoring_latency_seconds_count \(statistics.scored)",
        ]
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
    }
    let boards = BoardCache(platform: platform, recheck: configuration.leaderboardCacheSeconds)
    APIController(
        platform: platform, auth: auth, configuration: configuration, uploads: uploads, boards: boards
    ).addRoutes(to: router)
    PageController(
        platform: platform, auth: auth, sessions: sessions, configuration: configuration, library: library,
        uploads: uploads, boards: boards
    ).addRoutes(to: router)
    // Added last, so it sees every route; as a router middleware it still runs around each request.
    router.add(
        middleware: MethodNotAllowedMiddleware(
            routes: router.routes.map { ($0.path.description, $0.method) }))
    return router
}

/// Builds the application (tests call this directly with port 0).
public func buildApplication(platform: Platform, configuration: ServerConfiguration, logger: Logger) async throws
    -> some ApplicationProtocol
{
    let library = try await MustacheLibrary(directory: configuration.templates)
    let router = try buildRouter(platform: platform, configuration: configuration, library: library)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Podium"),
        logger: logger)
}
