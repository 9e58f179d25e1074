import Competitions
import Foundation

/// The platform's storage as named operations, so the application never writes SQL and a second
/// backend (PostgreSQL) can stand behind the same calls. Work happens in a transaction: `read` sees one
/// consistent snapshot, `write` commits everything its body did or nothing.
///
/// A backend must make each `write` behave as if writes were serialised where the application reads
/// and then writes (a quota charge, a reveal, a job's completion): SQLite's single writer does so by
/// itself; a backend with row-level concurrency takes the locks its operations document.
public protocol Store: Sendable {
    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T
    /// Runs `body`, which reads with one statement, on that statement's own snapshot: on PostgreSQL with no
    /// transaction around it (one message to the server instead of three), where a second statement fails.
    func readOne<T>(_ body: (any StoreReader) throws -> T) throws -> T
    /// Runs `body` in one write transaction that ends with the first statement whose answer it reads (an insert
    /// returning what it made): on PostgreSQL the commit goes with that statement, so the write lock is not held
    /// while this process wakes up to read the answer, and a statement after it fails (what the answer committed
    /// stays).
    func writeEndingInAnswer<T>(_ body: (any StoreWriter) throws -> T) throws -> T
    /// Whether this process holds the event-wide lock `name` (taking it when it is free): one holder among
    /// every process on the database, released when the holder ends or dies, so another takes over. Call
    /// it before each turn of the job it guards (the chat notifier): it also notices a lost lock.
    func holdsLock(_ name: String) throws -> Bool
    /// Waits until a scoring job may have been queued (PostgreSQL: a `NOTIFY` from the transaction that
    /// queued it, on any machine) or `timeout` passes (SQLite, and PostgreSQL's fallback: polling).
    func waitForWork(upTo timeout: TimeInterval, kinds: [JobKind])
}

/// What a transaction can read.
public protocol StoreReader: CompetitionReader, SubmissionReader, QueueReader, BoardReader, ParticipationReader,
    OutboxReader, AuditReader, ArchiveReader, ChatReader, IntegrityReader
{}

/// What a write transaction can change, besides reading: every area's writer.
public protocol StoreWriter: StoreReader, CompetitionWriter, SubmissionWriter, QueueWriter, BoardWriter,
    ParticipationWriter, OutboxWriter, AuditWriter, ArchiveWriter, ChatWriter, IntegrityWriter
{}

/// A submission's scores as stored: the composites, every task's and metric's values as JSON, and what
/// produced them.
public struct StoredScore: Sendable {
    /// Composite on the Public part.
    public var publicScore: Double?
    /// Composite on the Private part.
    public var privateScore: Double?
    /// `{"public": {task: score}, "private": {…}, "metrics": {…}}`.
    public var json: String
    /// `task=sha256` of each solution scored against.
    public var solutionHash: String
    /// The scorer versions.
    public var scorerVersion: String
    /// The Public composite on each bootstrap resample (nil: the round has no intervals).
    public var publicResamples: [Double]?
    /// The Private composite on each bootstrap resample.
    public var privateResamples: [Double]?
    /// What fair play compares it by (its `changedRows` filled in when it is saved).
    public var signal: SubmissionSignal?
    /// Whether the submission may have been scored before (a rescore, a requeue): its earlier resamples are
    /// replaced. False for a first scoring, which then writes without deleting first.
    public var replacesEarlier = true

    /// Creates a stored score.
    public init(
        publicScore: Double?, privateScore: Double?, json: String, solutionHash: String, scorerVersion: String,
        publicResamples: [Double]? = nil, privateResamples: [Double]? = nil
    ) {
        self.publicScore = publicScore
        self.privateScore = privateScore
        self.json = json
        self.solutionHash = solutionHash
        self.scorerVersion = scorerVersion
        self.publicResamples = publicResamples
        self.privateResamples = privateResamples
    }

    /// The score on each slice of each task on each bootstrap resample of the slice's rows, by task and slice.
    public var sliceResamples: [String: [String: [Double]]] = [:]
}

/// A job a worker may claim, with what a per-round cap needs to know.
public struct ClaimCandidate: Sendable {
    /// The job.
    public let job: ScoringJobRecord
    /// Its submission's competition.
    public let competition: String
    /// Its submission's round.
    public let round: String
    /// How many of the same team's jobs in that round are being scored now.
    public let teamJobsInFlight: Int

    /// Creates a candidate.
    public init(job: ScoringJobRecord, competition: String, round: String, teamJobsInFlight: Int) {
        self.job = job
        self.competition = competition
        self.round = round
        self.teamJobsInFlight = teamJobsInFlight
    }
}

/// A job that keeps failing, for the organisers' alert.
public struct FailingJob: Sendable {
    /// The submission.
    public let submissionId: Int64
    /// Claims so far.
    public let attempts: Int
    /// The last error, or nil when a worker was lost.
    public let lastError: String?
    /// Its competition.
    public let competition: String
}
