import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache
import NIOCore
import Platform
import ServiceLifecycle

/// Builds the router: the JSON API, the pages, static files, health and metrics.
public func buildRouter(
    platform: Platform, configuration: ServerConfiguration, library: MustacheLibrary, metrics: ServerMetrics
) throws -> Router<PodiumContext> {
    let router = Router(context: PodiumContext.self)
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    if configuration.readOnly { router.add(middleware: ReadOnlyMiddleware()) }
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
        let depth = try await blocking { try platform.organisers.queueStatistics().depth }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition(queueDepth: depth))))
    }
    let versions = CompetitionVersions(platform: platform, recheck: configuration.leaderboardCacheSeconds)
    let boards = BoardCache(platform: platform, versions: versions)
    APIController(
        platform: platform, auth: auth, configuration: configuration, uploads: uploads, boards: boards
    ).addRoutes(to: router)
    let pages = PageRenderer(
        sessions: sessions, configuration: configuration, library: library,
        localizer: try Localizer(directory: "\(configuration.templates)/i18n"))
    router.add(middleware: LanguageMiddleware(secure: configuration.secureCookies))
    PageController(
        platform: platform, auth: auth, pages: pages, configuration: configuration, uploads: uploads, boards: boards,
        caches: PageCaches(versions: versions)
    ).addRoutes(to: router)
    // Added last, so it sees every route; as a router middleware it still runs around each request.
    router.add(
        middleware: MethodNotAllowedMiddleware(
            routes: router.routes.map { ($0.path.description, $0.method) }))
    return router
}

/// Builds the application (tests call this directly with port 0). `services` run beside the HTTP server and stop
/// after it, last first: pass the notifier before the workers, so the workers finish their jobs before its last
/// pass. `onServerRunning` hears the bound port.
public func buildApplication(
    platform: Platform, configuration: ServerConfiguration, logger: Logger, metrics: ServerMetrics = ServerMetrics(),
    services: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let library = try await MustacheLibrary(directory: configuration.templates)
    let router = try buildRouter(platform: platform, configuration: configuration, library: library, metrics: metrics)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Podium"),
        services: services,
        onServerRunning: { await onServerRunning($0.localAddress?.port ?? 0) },
        logger: logger)
}
