import Competitions
import Foundation
import Storage

/// The application: every rule of accepting, scoring and ranking submissions lives here, so the CLI
/// and the web server can never disagree. It does no HTTP.
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
        /// How long a worker holds each job before scoring it (0 in production; crash tests set it to kill
        /// a worker mid-job).
        public var scoringDelay: TimeInterval = 0
        /// The clock (tests pass a fixed one).
        public var now: @Sendable () -> Date = { Date() }

        /// The defaults.
        public init() {}
    }

    /// The database.
    public let database: AppDatabase
    /// Stored submission files.
    public let files: FileStore
    /// The scoring queue.
    public let queue: ScoringQueue
    /// Settings.
    public let options: Options
    let answerKeys = AnswerKeyCache()
    let configs = ConfigCache()

    /// Opens (creating) the platform's data folder: `podium.sqlite` and `files/`.
    public init(dataDirectory: String, options: Options = Options()) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        database = try AppDatabase(path: "\(dataDirectory)/podium.sqlite")
        files = try FileStore(root: URL(fileURLWithPath: dataDirectory).appendingPathComponent("files"))
        queue = ScoringQueue(store: database, leaseDuration: options.leaseDuration, maxAttempts: options.maxAttempts)
        self.options = options
    }

    /// Every query, as named operations (today the SQLite database; a second backend plugs in here).
    public var store: any Store { database }

    /// The current time.
    public var now: Date { options.now() }
}
