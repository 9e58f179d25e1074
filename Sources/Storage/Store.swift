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
    /// Whether this process holds the event-wide lock `name` (taking it when it is free): one holder among
    /// every process on the database, released when the holder ends or dies, so another takes over. Call
    /// it before each turn of the job it guards (the chat notifier): it also notices a lost lock.
    func holdsLock(_ name: String) throws -> Bool
    /// Waits until a scoring job may have been queued (PostgreSQL: a `NOTIFY` from the transaction that
    /// queued it, on any machine) or `timeout` passes (SQLite, and PostgreSQL's fallback: polling).
    func waitForWork(upTo timeout: TimeInterval)
}

/// What a transaction can read.
public protocol StoreReader {
    // Competitions
    /// The loaded competition `slug`.
    func competition(_ slug: String) throws -> CompetitionRecord?
    /// Every loaded competition, by slug.
    func competitions() throws -> [CompetitionRecord]
    /// The recorded hidden solution of a task in a round.
    func solution(competition: String, round: String, task: String) throws -> SolutionRecord?

    // Teams
    /// The team with this id.
    func team(id: Int64) throws -> TeamRecord?
    /// The team named `name` in a competition.
    func team(competition: String, name: String) throws -> TeamRecord?
    /// The team whose token hashes to `tokenHash` in a competition.
    func team(competition: String, tokenHash: String) throws -> TeamRecord?
    /// A competition's teams, by name.
    func teams(competition: String) throws -> [TeamRecord]

    // Rounds
    /// The organisers' latest `open` or `close` of a round.
    func lastOpenOrClose(competition: String, round: String) throws -> RoundActionRecord?
    /// The first `reveal` of a round's private board.
    func reveal(competition: String, round: String) throws -> RoundActionRecord?
    /// The ids of the teams advanced to a round.
    func advancedTeams(competition: String, round: String) throws -> Set<Int64>

    // Submissions
    /// When a team's charged submissions in a round were made (its quota use).
    func chargeTimes(competition: String, round: String, teamId: Int64) throws -> [Date]
    /// The submission with this id.
    func submission(id: Int64) throws -> SubmissionRecord?
    /// A team's submissions in a round, newest first.
    func submissions(competition: String, round: String, teamId: Int64) throws -> [SubmissionRecord]
    /// A round's submissions in any of `statuses`.
    func submissions(competition: String, round: String, statuses: [SubmissionStatus]) throws -> [SubmissionRecord]
    /// A competition's latest submissions, newest first.
    func recentSubmissions(competition: String, limit: Int) throws -> [SubmissionRecord]
    /// How many of a round's submissions are scored.
    func scoredCount(competition: String, round: String) throws -> Int
    /// The stored files of a submission.
    func files(submissionId: Int64) throws -> [SubmissionFileRecord]

    // Boards
    /// Every scored, not disqualified submission of a round by a team in good standing, and the names of
    /// the baseline teams among them: the input of `Leaderboard.build`.
    func scoredEntries(competition: String, round: String) throws -> (entries: [ScoredEntry], baselines: Set<String>)
    /// `scoredEntries` as the board stood at `moment`: only submissions scored by then (a frozen board).
    func scoredEntries(competition: String, round: String, scoredBy moment: Date) throws -> (
        entries: [ScoredEntry], baselines: Set<String>
    )
    /// One team's scored, not disqualified submissions in a round.
    func teamEntries(competition: String, round: String, teamId: Int64) throws -> [ScoredEntry]
    /// The round's public board as kept state: each team's row (teams in good standing) and the baseline
    /// teams' names; nil when the state of this round has not been built yet.
    func publicStandings(competition: String, round: String) throws -> (
        rows: [Leaderboard.TeamRow], baselines: Set<String>
    )?
    /// Whether a round's public board state has been built.
    func hasPublicStandings(competition: String, round: String) throws -> Bool
    /// The kept public board's rank 1 — the best score (ties to the earlier submission) among teams in good
    /// standing that are not baselines — found through the index, whatever the number of teams.
    func publicLeader(competition: String, round: String, higherIsBetter: Bool) throws -> (team: String, score: Double)?
    /// The public scores of a round's non-baseline teams in submission order (the board's chart); only
    /// those of `teams` when given (the chart's top few, whatever the size of the round).
    func scoreHistory(competition: String, round: String, teams: [String]?) throws -> [(
        team: String, at: Date, score: Double
    )]
    /// A number that changes whenever a commit changes what any board of the competition shows (a score,
    /// a failure, a disqualification, a selection, a round action, an advancement, a team, a load), so a
    /// board built once may be served until it moves. 0 before the first change.
    func boardVersion(competition: String) throws -> Int64

    // Events and the queue, for operators
    /// The latest events, newest first.
    func events(limit: Int) throws -> [EventRecord]
    /// Scored submissions and the sum of their upload-to-scored seconds.
    func scoringTotals() throws -> (count: Int, latencySeconds: Double)
    /// Jobs still queued or leased that have been claimed at least `minAttempts` times.
    func failingJobs(minAttempts: Int) throws -> [FailingJob]
    /// The oldest queued job's enqueue time and competition, and how many jobs are queued.
    func oldestQueuedJob() throws -> (enqueuedAt: Date, competition: String, depth: Int)?

    // Files kept in the database (PostgreSQL without a shared folder)
    /// Whether the bytes of `sha256` are stored.
    func hasBlob(sha256: String) throws -> Bool
    /// The bytes stored under `sha256`.
    func blob(sha256: String) throws -> Data?
    /// The files `podium competition load` recorded for a competition: relative path → SHA-256.
    func competitionFiles(competition: String) throws -> [String: String]

    // The scoring queue (used by `ScoringQueue`)
    /// The job of a submission.
    func job(submissionId: Int64) throws -> ScoringJobRecord?
    /// Queued jobs ahead of `job` in enqueue order.
    func queuedJobs(before job: ScoringJobRecord) throws -> Int
    /// Jobs waiting: queued, or leased with the lease run out at `now`.
    func waitingJobs(now: Date) throws -> Int

    // Participation: participants, invites, merges
    /// The participant with this id.
    func participant(id: Int64) throws -> ParticipantRecord?
    /// The participant named `name` in a competition.
    func participant(competition: String, name: String) throws -> ParticipantRecord?
    /// The participant whose token hashes to `tokenHash` in a competition.
    func participant(competition: String, tokenHash: String) throws -> ParticipantRecord?
    /// A competition's participants, by name.
    func participants(competition: String) throws -> [ParticipantRecord]
    /// A team's members, in the order they joined.
    func members(teamId: Int64) throws -> [ParticipantRecord]
    /// The invite code `code`, whatever its state.
    func invite(code: String) throws -> InviteRecord?
    /// A team's active invite code.
    func activeInvite(teamId: Int64) throws -> InviteRecord?
    /// The merge request with this id.
    func mergeRequest(id: Int64) throws -> MergeRequestRecord?
    /// The pending merge requests a team made or received, oldest first.
    func pendingMerges(teamId: Int64) throws -> [MergeRequestRecord]
    /// The model cards (JSON) of these submissions, by id (those without one are left out).
    func cards(submissionIds: [Int64]) throws -> [Int64: String]
    /// The stored bootstrap resamples of those submissions on one part (`public` or `private`) that have them.
    func resamples(submissionIds: [Int64], part: String) throws -> [Int64: [Double]]
    /// How many submissions a team has (in every round), or only those `participantId` uploaded.
    func submissionCount(teamId: Int64, submittedBy participantId: Int64?) throws -> Int

    // Organisers and the audit log
    /// The organiser whose token hashes to `tokenHash`.
    func organiser(tokenHash: String) throws -> OrganiserRecord?
    /// The organiser named `name`.
    func organiser(name: String) throws -> OrganiserRecord?
    /// Every organiser account, by name.
    func organisers() throws -> [OrganiserRecord]
    /// The audit log, newest first: at most `limit` entries with ids below `before` (nil: from the newest), of
    /// one competition when given (its entries and those of no competition are both kept apart).
    func audit(competition: String?, before: Int64?, limit: Int) throws -> [AuditRecord]

    // The outbox (used by `Outbox`)
    /// The newest event's id (0 when there is none).
    func newestEventId() throws -> Int64
    /// The last event a target has fanned out.
    func cursor(target: String) throws -> Int64?
    /// Events after `id`, in id order.
    func events(after id: Int64) throws -> [EventRecord]
    /// The event with this id.
    func event(id: Int64) throws -> EventRecord?
    /// The oldest pending delivery of a target.
    func headDelivery(target: String) throws -> DeliveryRecord?
    /// The newest deliveries.
    func recentDeliveries(limit: Int) throws -> [DeliveryRecord]
}

/// What a write transaction can change, besides reading.
public protocol StoreWriter: StoreReader {
    /// Inserts or replaces a loaded competition.
    func save(_ competition: CompetitionRecord) throws
    /// Inserts or replaces the record of a task's hidden solution.
    func save(_ solution: SolutionRecord) throws
    /// Inserts a team; returns it with its id.
    func insert(_ team: TeamRecord) throws -> TeamRecord
    /// Inserts a submission; returns it with its id.
    func insert(_ submission: SubmissionRecord) throws -> SubmissionRecord
    /// Inserts a stored file of a submission.
    func insert(_ file: SubmissionFileRecord) throws
    /// Sets one team's row of a round's public board (nil: the team has no scored entry there).
    func savePublicStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws
    /// Replaces a round's whole public board state (rows by team id) and marks it built.
    func replacePublicStandings(competition: String, round: String, rows: [Int64: Leaderboard.TeamRow]) throws
    /// Stores bytes under their SHA-256 (nothing happens when they are there already).
    func saveBlob(sha256: String, bytes: Data) throws
    /// Makes `files` (relative path → SHA-256) the recorded files of a competition.
    func replaceCompetitionFiles(competition: String, files: [String: String]) throws
    /// Adds a scoring job for a submission.
    func enqueue(submissionId: Int64, at: Date) throws
    /// Puts a submission back in the queue (status queued, a fresh job with no attempts).
    func requeue(submissionId: Int64, at: Date) throws
    /// Makes `ids` the team's only final selections in the round.
    func select(competition: String, round: String, teamId: Int64, submissions ids: [Int64]) throws
    /// Records a round action (open, close, reveal, advance).
    func insert(_ action: RoundActionRecord) throws
    /// Records (idempotently) that a team advanced to a round.
    func save(_ advancement: AdvancementRecord) throws
    /// Stores a submission's scores and marks it scored.
    func recordScore(_ score: StoredScore, submissionId: Int64, at: Date) throws
    /// Marks a submission failed with a message for the team and the detail for the organiser.
    func markFailed(submissionId: Int64, error: String, detail: String, at: Date) throws
    /// Marks a submission disqualified.
    func disqualify(submissionId: Int64) throws
    /// The jobs a worker may claim, best first (fair across teams, see `ScoringQueue`), at most `limit`,
    /// held for this transaction so no other claim takes them.
    func claimCandidates(now: Date, limit: Int) throws -> [ClaimCandidate]
    /// Leases a job to `worker` until `until` (one more attempt) and marks its submission scoring.
    func lease(submissionId: Int64, worker: String, until: Date, now: Date) throws
    /// Extends `worker`'s lease; false when it no longer holds it.
    func renewLease(submissionId: Int64, worker: String, until: Date) throws -> Bool
    /// Marks a job done.
    func finishJob(submissionId: Int64) throws
    /// Puts a leased job back in the queue after a failed attempt.
    func returnJob(submissionId: Int64, reason: String) throws
    /// Fails a job for good and refunds its submission's quota slot (the caller says so to the chat).
    func giveUpJob(submissionId: Int64, reason: String, at: Date) throws
    /// Moves a target's cursor.
    func setCursor(target: String, eventId: Int64) throws
    /// Adds a pending delivery of an event to a target, unless there is one.
    func addDelivery(eventId: Int64, target: String, at: Date) throws
    /// Records an acknowledged delivery.
    func markDelivered(deliveryId: Int64, status: Int, response: String, at: Date) throws
    /// Records a failed attempt: retried at `next`, or dead when `next` is nil.
    func markAttemptFailed(deliveryId: Int64, status: Int, response: String, next: Date?) throws
    /// Puts dead deliveries (of one target, or all) back in their queues; returns how many.
    func reviveDeadDeliveries(target: String?, at: Date) throws -> Int
    /// Inserts a participant; returns it with its id.
    func insert(_ participant: ParticipantRecord) throws -> ParticipantRecord
    /// Saves a participant's status, team and join time.
    func update(_ participant: ParticipantRecord) throws
    /// Saves a team's name, captain and disqualification (the board shows them).
    func update(_ team: TeamRecord) throws
    /// Deletes a team that has no submissions (its last member left).
    func deleteTeam(id: Int64) throws
    /// Inserts an invite code.
    func insert(_ invite: InviteRecord) throws
    /// Closes an invite code: used by `participant`, or revoked.
    func closeInvite(code: String, state: InviteState, usedBy participant: Int64?, at: Date) throws
    /// Inserts a merge request; returns it with its id.
    func insert(_ request: MergeRequestRecord) throws -> MergeRequestRecord
    /// Answers a merge request.
    func decideMerge(id: Int64, state: MergeState, at: Date) throws
    /// Moves everything of team `from` into team `into` — members, submissions, their jobs, advancements — then
    /// deletes `from` with its board rows and invite codes; the caller rebuilds `into`'s board rows.
    func moveTeam(from: Int64, into: Int64, at: Date) throws
    /// Inserts an organiser account; returns it with its id.
    func insert(_ organiser: OrganiserRecord) throws -> OrganiserRecord
    /// Appends to the audit log; returns the entry with its id.
    @discardableResult
    func insert(_ audit: AuditRecord) throws -> AuditRecord
    /// Adds an event for the notifier, committed with the change that caused it.
    func emit(competition: String, type: EventType, _ data: [String: Any], at: Date) throws
    /// Adds an event only the first time `key` is seen; true when it was added.
    @discardableResult
    func emitOnce(key: String, competition: String, type: EventType, _ data: [String: Any], at: Date) throws -> Bool
}

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
