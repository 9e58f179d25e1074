import Competitions
import Foundation
import Storage

/// The public board as state: each team's row (its best or latest public entry and its entry count) is
/// updated when one of its submissions is scored, re-queued or disqualified, so scoring a job and serving
/// the board cost what the number of teams costs, not the round's whole history. A rescore and a
/// competition load rebuild a round's rows once. The private board keeps being computed from the
/// submissions (it is read rarely: after reveal, by organisers).
extension BoardService {
    /// Recomputes one team's row of a round from its own submissions (inside the caller's transaction); returns
    /// the row's public score (nil: the team is not on the board).
    /// `ensured`: the caller made sure the round's rows exist in this transaction already.
    @discardableResult
    func refreshPublicStanding(
        _ store: any StoreWriter, slug: String, config: CompetitionConfig, round: RoundConfig, teamId: Int64,
        ensured: Bool = false
    ) throws -> Double? {
        if !ensured { try ensurePublicStandings(store, slug: slug, config: config, round: round) }
        let entries = try store.teamEntries(competition: slug, round: round.id, teamId: teamId)
        let row = Leaderboard.teamRow(
            entries, board: .public, rule: round.publicBoardRule, higherIsBetter: platform.higherIsBetter(config))
        try store.savePublicStanding(competition: slug, round: round.id, teamId: teamId, row: row)
        return row?.score
    }

    /// The config and round of a submission (read before a write transaction: a transaction must not
    /// open another).
    func roundOf(submission id: Int64) throws -> (CompetitionConfig, RoundConfig) {
        guard let submission = try store.read({ try $0.submission(id: id) }) else {
            throw PlatformError(.notFound, "no submission \(id)")
        }
        let (_, config) = try platform.competition(submission.competition)
        return (config, try platform.round(submission.round, in: config, slug: submission.competition))
    }

    /// Builds a round's rows from all its scored submissions, once, when they were never built (a round
    /// of a data folder made before boards were state).
    func ensurePublicStandings(
        _ store: any StoreWriter, slug: String, config: CompetitionConfig, round: RoundConfig
    ) throws {
        if try !store.hasPublicStandings(competition: slug, round: round.id) {
            try rebuildPublicStandings(store, slug: slug, config: config, round: round)
        }
    }

    /// Rebuilds a round's rows from all its scored submissions (after a rescore or a load).
    func rebuildPublicStandings(
        _ store: any StoreWriter, slug: String, config: CompetitionConfig, round: RoundConfig
    ) throws {
        let ids = Dictionary(uniqueKeysWithValues: try store.teams(competition: slug).map { ($0.name, $0.id!) })
        let (entries, _) = try store.scoredEntries(competition: slug, round: round.id)
        var rows: [Int64: Leaderboard.TeamRow] = [:]
        for (team, teamEntries) in Dictionary(grouping: entries, by: \.team) {
            guard let id = ids[team],
                let row = Leaderboard.teamRow(
                    teamEntries, board: .public, rule: round.publicBoardRule,
                    higherIsBetter: platform.higherIsBetter(config))
            else { continue }
            rows[id] = row
        }
        try store.replacePublicStandings(competition: slug, round: round.id, rows: rows)
    }

    /// The round's public leader (rank 1) now, from the state, through the index (`ensured`: as above).
    func publicLeader(
        _ store: any StoreWriter, slug: String, config: CompetitionConfig, round: RoundConfig, ensured: Bool = false
    ) throws
        -> (team: String, score: Double)?
    {
        if !ensured { try ensurePublicStandings(store, slug: slug, config: config, round: round) }
        guard round.publicPrecision != nil else {
            return try store.publicLeader(
                competition: slug, round: round.id, higherIsBetter: platform.higherIsBetter(config))
        }
        // Rounded scores tie more often, and a tie goes to the earlier submission: the leader is the rounded
        // board's first ranked row (the index's exact order could name a later one, and leak which is better).
        let leader = try standings(store, slug: slug, config: config, round: round, board: .public)
            .first { $0.rank != nil }
        return leader.map { ($0.team, $0.score) }
    }

    /// Tells the teams `team` passed on the public board with its new score (`leaderboard.overtaken`, for their
    /// members' personal alerts), its score going from `before` (nil: it was not on the board) to `after`: those it ranked
    /// below or level with, and now ranks above, compared at the board's precision; found through the index.
    func emitOvertaking(
        _ store: any StoreWriter, by team: TeamRecord, from before: Double?, to after: Double?,
        config: CompetitionConfig, round: RoundConfig, at now: Date
    ) throws {
        guard !team.isBaseline, !team.disqualified, let after else { return }
        let higher = platform.higherIsBetter(config)
        func better(_ a: Double, _ b: Double) -> Bool {
            let (a, b) = (round.publicValue(a), round.publicValue(b))
            return higher ? a > b : a < b
        }
        if let before, !better(after, before) { return }
        let edge = higher ? -Double.greatestFiniteMagnitude : Double.greatestFiniteMagnitude
        let (low, high) = higher ? (before ?? edge, after) : (after, before ?? edge)
        let passed = try store.publicStandings(
            competition: team.competition, round: round.id, scoresFrom: low, to: high
        )
        .filter { other in
            other.team != team.name && better(after, other.score) && (before.map { !better($0, other.score) } ?? true)
        }
        guard !passed.isEmpty else { return }
        try store.emit(
            .teamsOvertaken(
                .init(round: round.id, team: team.name, score: round.publicValue(after), overtaken: passed.map(\.team))),
            competition: team.competition, at: now)
    }
}
