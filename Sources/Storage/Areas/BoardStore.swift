import Competitions
import Foundation

/// What a transaction reads of boards: scored entries, the public board kept as state, its leader, history and version.
public protocol BoardReader {
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

    /// A team's score on the kept public board of a round (nil: not on it).
    func publicStandingScore(competition: String, round: String, teamId: Int64) throws -> Double?

    /// The kept public board's teams in good standing, not baselines, whose scores are from `low` to `high`
    /// (inclusive), through the index: the teams a new score may have passed.
    func publicStandings(competition: String, round: String, scoresFrom low: Double, to high: Double) throws -> [(
        team: String, score: Double
    )]

    /// The public scores of a round's non-baseline teams in submission order (the board's chart); only
    /// those of `teams` when given (the chart's top few, whatever the size of the round).
    func scoreHistory(competition: String, round: String, teams: [String]?) throws -> [(
        team: String, at: Date, score: Double
    )]

    /// The competition's versions: what its boards show and what its pages show (see `StoredVersions`).
    func versions(competition: String) throws -> StoredVersions
}

/// Two numbers the store keeps per competition, moved by the commits that change what readers see, so a value
/// built once may be served until they move — on every replica, since they live in the store. 0 before the first
/// change.
public struct StoredVersions: Hashable, Sendable {
    /// Moved by every change a board shows: a score, a failure, a disqualification, a selection, a round action,
    /// an advancement, a team, a load.
    public let boards: Int64
    /// Moved by those and by every change a team's pages show that no board does: a submission queued, claimed,
    /// at another stage, returned to the queue.
    public let activity: Int64

    /// Versions as read.
    public init(boards: Int64, activity: Int64) {
        self.boards = boards
        self.activity = activity
    }
}

/// What a write transaction changes of boards: scored entries, the public board kept as state, its leader, history and version.
public protocol BoardWriter: BoardReader {
    /// Sets one team's row of a round's public board (nil: the team has no scored entry there).
    func savePublicStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws

    /// Replaces a round's whole public board state (rows by team id) and marks it built.
    func replacePublicStandings(competition: String, round: String, rows: [Int64: Leaderboard.TeamRow]) throws
}
