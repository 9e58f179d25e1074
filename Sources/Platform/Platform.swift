import Competitions
import Foundation
import Storage

/// The application: every rule of accepting, scoring and ranking submissions lives here, so the CLI
/// and the web server can never disagree. It does no HTTP. The platform opens what every part shares (the store,
/// the files, the queue, the clock, the caches, the competitions); the rules live in its services:
/// `submissions`, `scoring`, `boards`, `participation`, `organisers` and `chat`.
public final class Platform: Sendable {
    /// Settings.
    public struct Options: Sendable {
        /// Largest accepted file, in bytes (default 100 MB).
        public var maxUploadBytes: Int64 = 100 * 1024 * 1024
        /// The scorers/ folder, for tasks scored by a scorer program.
        public var scorersDirectory: String?
        /// Lease length of a scoring job.
        public var leaseDuration: TimeInterval = 30
        /// Claims before a job is given up and refunded.
        public var maxAttempts = 3
        /// The database: nil for SQLite in the data folder (`podium.sqlite`), `sqlite:PATH` for another
        /// SQLite file, or `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` for PostgreSQL.
        public var databaseURL: String?
        /// A folder every process shares for submitted files and competition files (`--files DIR`); nil
        /// keeps them in the data folder on SQLite and in the database on PostgreSQL.
        public var filesDirectory: String?
        /// The clock (tests pass a fixed one).
        public var now: @Sendable () -> Date = { Date() }

        /// The defaults.
        public init() {}
    }

    /// Every query, as named operations: SQLite or PostgreSQL.
    public let store: any Store
    /// Stored submission files.
    public let files: FileStore
    /// The scoring queue.
    public let queue: ScoringQueue
    /// Settings.
    public let options: Options
    /// Where files live for the other processes of the event.
    public let fileSharing: FileSharing
    /// This process's data folder (scratch, caches; its SQLite database by default).
    public let dataDirectory: String
    let answerKeys = FileStampedCache<String, LoadedAnswerKey>()
    let validatedUploads = ValidatedUploads()
    let configs = FileStampedCache<ConfigKey, CompetitionConfig>()
    let folders = FolderCache()
    /// Wakes this process's idle workers when it queues a job of their kind.
    let workSignal = JobWakeUps()
    let practiceRuns = PracticeRunLimiter()
    /// How often each chat user may ask the bot.
    let chatRequests = ChatRateLimiter()

    /// Opens (creating) the platform's data folder: `podium.sqlite` and `files/`.
    public init(dataDirectory: String, options: Options = Options()) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        store = try Self.openStore(options.databaseURL, dataDirectory: dataDirectory)
        files = try FileStore(
            root: options.filesDirectory.map { URL(fileURLWithPath: $0) }
                ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("files"))
        fileSharing = options.filesDirectory != nil ? .sharedFolder : store is AppDatabase ? .local : .database
        self.dataDirectory = dataDirectory
        queue = ScoringQueue(store: store, leaseDuration: options.leaseDuration, maxAttempts: options.maxAttempts)
        self.options = options
    }

    /// The SQLite database, when the store is one (tests read it directly).
    public var database: AppDatabase? { store as? AppDatabase }

    /// The store a database URL names (see `Options.databaseURL`).
    static func openStore(_ url: String?, dataDirectory: String) throws -> any Store {
        guard let url, !url.isEmpty else { return try AppDatabase(path: "\(dataDirectory)/podium.sqlite") }
        if PostgresLocation.isPostgres(url) { return try PostgresStore(url: url) }
        if url.hasPrefix("sqlite:") { return try AppDatabase(path: String(url.dropFirst("sqlite:".count))) }
        throw PlatformError(
            .notAllowed,
            "unsupported database URL \(url.redactingPassword); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE or sqlite:PATH"
        )
    }

    /// The current time.
    public var now: Date { options.now() }
}
