import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Platform
import Sandbox
import ServiceLifecycle
import Storage
import WebServer

extension Podium {
    /// `podium serve`.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the web pages and the JSON API, with scoring workers in the same process.")

        @OptionGroup var options: PlatformOptions
        @Option(help: "Folder of competition folders to load at start (default: competitions).") var competitions =
            "competitions"
        @Option(help: "Address to bind (default: 127.0.0.1).") var host = "127.0.0.1"
        @Option(help: "Port (default: 8080).") var port = 8080
        @Option(help: "Scoring workers in this process (default: 2).") var workers = 2
        @Option(help: "Workers that run code submissions in the sandbox (default: 1; 0 where it cannot run).")
        var codeWorkers: Int?
        @Option(help: "The organiser token (default: $PODIUM_ORGANISER_TOKEN).") var organiserToken: String?
        @Option(help: "Upload limit in MB (default: 100).") var maxUploadMb = 100
        @Option(help: "Templates folder (default: web/templates, else the installed one).")
        var templates = InstalledFiles.path("web/templates")
        @Option(help: "Static files folder (default: web/static, else the installed one).")
        var staticFiles = InstalledFiles.path("web/static")
        @Flag(help: "Mark cookies Secure (when served over HTTPS).") var secureCookies = false
        @Option(help: "A server-wide chat target KIND=URL (repeatable; also $PODIUM_NOTIFY, comma-separated).")
        var notify: [String] = []
        @Option(help: "Minutes before a round closes to announce it (default: 60).") var closingSoonMinutes = 60.0
        @Option(help: "UTC hour of the daily digest of the top teams (default: none).") var digestHour: Int?
        @Option(help: "Seconds a claimed scoring job stays leased without a heartbeat (default: 30).") var lease = 30.0
        @Option(help: "Requests per second per client address and per token, sustained (default: 20; burst 3x).")
        var rateLimit = 20.0
        @Option(
            help: "Seconds a board is served from memory before checking for changes (default: 1; 0: always fresh).")
        var leaderboardCache = 1.0

        @Flag(
            help: ArgumentHelp(
                "Serve an ended event read-only (an imported archive): boards, pages and the API answer; changes get 409.",
                discussion: "No scoring workers, no notifier, no competitions loaded at start."))
        var readOnly = false

        func run() async throws {
            BlockingThreads.configure(postgres: options.databaseURL.map(PostgresLocation.isPostgres) ?? false)
            var configuration = ServerConfiguration()
            configuration.host = host
            configuration.port = port
            configuration.workers = workers
            configuration.codeWorkers = codeWorkers ?? (Sandbox.unavailableReason == nil ? 1 : 0)
            configuration.organiserToken =
                organiserToken ?? ProcessInfo.processInfo.environment["PODIUM_ORGANISER_TOKEN"]
            configuration.maxUploadBytes = Int64(maxUploadMb) * 1024 * 1024
            configuration.templates = templates
            configuration.staticFiles = staticFiles
            configuration.secureCookies = secureCookies
            configuration.rateLimitPerSecond = rateLimit
            configuration.rateLimitBurst = rateLimit * 3
            configuration.leaderboardCacheSeconds = leaderboardCache
            configuration.sessionSecret = ProcessInfo.processInfo.environment["PODIUM_SESSION_SECRET"]
            configuration.readOnly = readOnly
            if readOnly {
                configuration.workers = 0
                configuration.codeWorkers = 0
            }
            let platform = try options.platform(lease: lease, maxUploadBytes: configuration.maxUploadBytes)
            if let secret = configuration.sessionSecret, secret.utf8.count < 16 {
                throw ValidationError("PODIUM_SESSION_SECRET needs at least 16 characters (e.g. openssl rand -hex 32)")
            }
            if platform.database == nil, configuration.sessionSecret == nil {
                throw ValidationError(
                    "serving on PostgreSQL needs PODIUM_SESSION_SECRET, the same on every replica, so that a login"
                        + " made on one replica is valid on the others (e.g. openssl rand -hex 32)")
            }
            var schedule = Platform.ScheduleOptions()
            schedule.closingSoonMinutes = closingSoonMinutes
            schedule.digestHour = digestHour
            try await Serve.serve(
                platform: platform, configuration: configuration, competitions: readOnly ? nil : competitions,
                notify: notify, schedule: schedule)
        }

        /// Loads the competitions, starts the workers, serves until SIGTERM or SIGINT, then stops the
        /// workers (a job being scored is left to its lease, never lost).
        static func serve(
            platform: Platform, configuration: ServerConfiguration, competitions: String?, notify: [String] = [],
            schedule: Platform.ScheduleOptions = Platform.ScheduleOptions()
        ) async throws {
            var logger = Logger(label: "podium")
            logger.logLevel = .info
            if let competitions {
                let folders = ((try? FileManager.default.contentsOfDirectory(atPath: competitions)) ?? []).sorted()
                for folder in folders
                where FileManager.default.fileExists(atPath: "\(competitions)/\(folder)/competition.yaml") {
                    do {
                        let result = try platform.loadCompetition(folder: "\(competitions)/\(folder)")
                        logger.info("loaded competition \(result.slug)")
                    } catch {
                        logger.error("not loaded: \(competitions)/\(folder): \(error)")
                    }
                }
            }
            let (targets, problems) = NotifySetup.targets(platform: platform, flags: notify)
            for problem in problems { logger.warning("notify: \(problem)") }
            let dispatcher = NotifySetup.dispatcher(platform: platform, targets: targets)
            let metrics = ServerMetrics()
            // Stopped last first: the HTTP server, then the workers (each finishes its job), then the notifier's
            // last pass.
            let services: [any Service] =
                configuration.readOnly
                ? []
                : [
                    NotifierService(
                        platform: platform, dispatcher: dispatcher, schedule: schedule,
                        logger: Logger(label: "podium.notify")),
                    ScoringWorkersService(
                        platform: platform, count: max(0, configuration.workers),
                        codeCount: max(0, configuration.codeWorkers), metrics: metrics,
                        logger: Logger(label: "podium.worker")),
                ]
            logger.info("notifying \(targets.count) target\(targets.count == 1 ? "" : "s")")
            if configuration.organiserToken == nil {
                logger.warning("no organiser token: organiser endpoints refuse everyone")
            }
            let app = try await buildApplication(
                platform: platform, configuration: configuration, logger: logger, metrics: metrics, services: services)
            logger.info("serving on http://\(configuration.host):\(configuration.port)/")
            try await app.runService()
            logger.info("stopped")
        }
    }
}
