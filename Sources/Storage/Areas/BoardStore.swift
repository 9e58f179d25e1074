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

    /// The public scores of a round's non-baseline teams in submission order (the board's chart); only
    /// those of `teams` when given (the chart's top few, whatever the size of the round).
    func scoreHistory(competition: String, round: String, teams: [String]?) throws -> [(
        team: String, at: Date, score: Double
    )]

    /// A number that changes whenever a commit changes what any board of the competition shows (a score,
    /// a failure, a disqualification, a selection, a round action, an advancement, a team, a load), so a
    /// board built once may be served until it moves. 0 before the first change.
    func boardVersion(competition: String) throws -> Int64
}

/// What a write transaction changes of boards: scored entries, the public board kept as state, its leader, history and version.
public protocol BoardWriter: BoardReader {
    /// Sets one team's row of a round's public board (nil: the team has no scored entry there).
    func savePublicStanding(competition: String, round: String, teamId: Int64, row: Leaderboard.TeamRow?) throws

    /// Replaces a round's whole public board state (rows by team id) and marks it built.
    func replacePublicStandings(competition: String, round: String, rows: [Int64: Leaderboard.TeamRow]) throws
}
