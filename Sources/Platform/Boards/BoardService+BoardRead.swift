import Competitions
import Foundation
import PodiumAPI
import Storage

/// Everything a board page shows, read in one read transaction: one snapshot of the store, so a score that lands
/// meanwhile is wholly in the board or wholly out of it (never in its rows but not its chart or cards).
public struct BoardRead: Sendable {
    /// The competition's config.
    public let config: CompetitionConfig
    /// The round.
    public let round: RoundConfig
    /// Whether the private board is revealed.
    public let revealed: Bool
    /// When the public board froze, when it is frozen and not read live.
    public let frozenAt: Date?
    /// The public board (as it stood at the freeze, when frozen).
    public let publicRows: [Standing]
    /// The board asked for: the public rows, or the private board.
    public let rows: [Standing]
    /// The public scores over time of the top teams (empty for the private board and while frozen).
    public let history: [(team: String, at: Date, score: Double)]
    /// The teams `history` draws.
    public let chartTeams: [String]
    /// The model cards of `rows`, by team.
    public let cards: [String: ModelCard]
    /// The slice scores of `rows`' entries, by team and task, when the round's `slices_visibility` shows them to
    /// this reader (`live`: an organiser) now; empty otherwise.
    public let slices: [String: [String: [SliceResult]]]
    /// A probing round's scores layer by layer of `rows`' entries, by team and task (the Private scores only on the
    /// private board); empty for any other round.
    public let layers: [String: [String: LayerScores]]
}

extension BoardService {
    /// Reads a board of `slug`'s round `id` in one read transaction: `live` reads a frozen board as it is now (the
    /// organisers' view); the chart covers the `chartTeams` best public rows.
    public func boardRead(competition slug: String, round id: String, board: Board, live: Bool, chartTeams: Int)
        throws -> BoardRead
    {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        return try store.read { store in
            let frozenAt = live ? nil : try freezeMoment(store, slug: slug, round: round)
            let publicRows =
                try frozenAt.map { try publicStandings(store, slug: slug, config: config, round: round, asOf: $0) }
                ?? withIntervals(
                    standings(store, slug: slug, config: config, round: round, board: .public), store, round: round,
                    board: .public)
            let rows =
                board == .public
                ? publicRows
                : try withIntervals(
                    standings(store, slug: slug, config: config, round: round, board: .private), store, round: round,
                    board: .private)
            var top: [String] = []
            var history: [(team: String, at: Date, score: Double)] = []
            if board == .public, frozenAt == nil {
                top = Array(publicRows.filter { $0.rank != nil && !$0.isBaseline }.prefix(chartTeams).map(\.team))
                if !top.isEmpty {
                    history = try store.scoreHistory(competition: slug, round: id, teams: top).map {
                        (team: $0.team, at: $0.at, score: $0.score)
                    }
                    if case .ladder(let step) = round.publicBoardRule {
                        // Only what the Ladder released: a held score drawn on the chart would give it away.
                        history = Leaderboard.ladderHistory(
                            history, team: \.team, score: \.score, step: step,
                            higherIsBetter: platform.higherIsBetter(config))
                    }
                    history = history.map { ($0.team, $0.at, round.publicValue($0.score)) }  // as the board rounds them
                }
            }
            let revealed = try store.reveal(competition: slug, round: id) != nil
            let showsSlices =
                config.tasks(of: round).contains { $0.slices != nil }
                && round.sliceVisibility.shows(organiser: live, revealed: revealed)
            let sheets =
                showsSlices || round.probingRun != nil ? try self.sheets(store, for: rows) : [:]
            return BoardRead(
                config: config, round: round, revealed: revealed, frozenAt: frozenAt, publicRows: publicRows,
                rows: rows,
                history: history, chartTeams: top, cards: try cards(store, for: rows, competition: slug, round: round),
                slices: showsSlices ? sheets.compactMapValues(\.slices) : [:],
                layers: sheets.compactMapValues { sheet in
                    sheet.layers?.mapValues { board == .private ? $0 : $0.withoutPrivate }
                })
        }
    }
}

extension BoardService {
    /// The score sheets of `rows`' entries, by team (teams whose entry has none are left out).
    func sheets(_ store: any StoreReader, for rows: [Standing]) throws -> [String: ScoreSheet] {
        let stored = try store.scoreSheets(submissionIds: rows.map(\.submission))
        var sheets: [String: ScoreSheet] = [:]
        for row in rows {
            if let sheet = ScoreSheet(stored: stored[row.submission]) { sheets[row.team] = sheet }
        }
        return sheets
    }
}

extension BoardService {
    /// The slice resamples of `task` of those of `submissionIds` that have them: submission → slice → values.
    public func sliceResamples(submissionIds: [Int64], task: String) throws -> [Int64: [String: [Double]]] {
        try store.read { try $0.sliceResamples(submissionIds: submissionIds, task: task) }
    }
}
