import Competitions
import Foundation
import Storage

/// A round's freeze (`freeze_minutes`): from `freezeStart` until the reveal, participants and the public see the
/// public board as it stood at the freeze — only submissions scored by then — while organisers see it live and
/// new submissions are still taken and scored. No leader change is announced meanwhile (it would give the
/// board away), and with `freeze_own: hide` a team does not see its own new public scores either.
extension BoardService {
    /// When the public board of a round froze, if it is frozen now (frozen, and not yet revealed).
    public func freezeMoment(competition slug: String, round id: String) throws -> Date? {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        return try store.read { try freezeMoment($0, slug: slug, round: round) }
    }

    func freezeMoment(_ store: any StoreReader, slug: String, round: RoundConfig) throws -> Date? {
        guard let start = round.freezeStart, now >= start else { return nil }
        return try store.reveal(competition: slug, round: round.id) == nil ? start : nil
    }

    /// The view of team `teamId` of the public scores of round `id` of `slug`.
    public func teamScoreView(competition slug: String, round id: String, teamId: Int64) throws
        -> Platform.TeamScoreView
    {
        let (_, config) = try platform.competition(slug)
        guard let round = config.round(id) else { return Platform.TeamScoreView(round: nil, hideScoredAfter: nil) }
        guard round.freezeOwn == "hide" || round.usesLadder else {
            return Platform.TeamScoreView(round: round, hideScoredAfter: nil)
        }
        return try store.read { try teamScoreView($0, slug: slug, config: config, round: round, teamId: teamId) }
    }

    /// `teamScoreView` of `round` inside a caller's read.
    func teamScoreView(
        _ store: any StoreReader, slug: String, config: CompetitionConfig, round: RoundConfig, teamId: Int64
    ) throws -> Platform.TeamScoreView {
        let frozen = round.freezeOwn == "hide" ? try freezeMoment(store, slug: slug, round: round) : nil
        var ladder: [Int64: Platform.TeamScoreView.Released]?
        if case .ladder(let step) = round.publicBoardRule, try store.reveal(competition: slug, round: round.id) == nil {
            let entries = try store.teamEntries(competition: slug, round: round.id, teamId: teamId)
            ladder = [:]
            for step in Leaderboard.ladder(entries, step: step, higherIsBetter: platform.higherIsBetter(config)) {
                ladder?[step.entry.submission] = .init(score: step.released, isOwn: step.isReleased)
            }
        }
        return Platform.TeamScoreView(round: round, hideScoredAfter: frozen, ladder: ladder)
    }
}

extension Platform {
    /// How a team sees the public scores of its submissions in one round now: rounded to `public_precision`,
    /// hidden for those scored during a freeze of a round with `freeze_own: hide`, and — on a Ladder before the
    /// reveal — each as the board released it. Read once per round (a store read), then applied to each
    /// submission.
    public struct TeamScoreView: Sendable {
        /// What a Ladder released when a submission was scored: its own score, or the team's best before it.
        struct Released: Sendable {
            let score: Double
            let isOwn: Bool
        }

        let round: RoundConfig?
        let hideScoredAfter: Date?
        var ladder: [Int64: Released]? = nil

        /// `record`'s public score and task scores as its team sees them.
        public func scores(_ record: SubmissionRecord) -> (score: Double?, tasks: [String: Double]) {
            guard let round else { return (record.publicScore, record.publicTaskScores) }
            if let hideScoredAfter, let scored = record.scoredAt, scored > hideScoredAfter { return (nil, [:]) }
            if let released = record.id.flatMap({ ladder?[$0] }) {
                let tasks = released.isOwn ? record.publicTaskScores.mapValues(round.publicValue) : [:]
                return (round.publicValue(released.score), tasks)
            }
            return (record.publicScore.map(round.publicValue), record.publicTaskScores.mapValues(round.publicValue))
        }

        /// Whether `record` was scored on a Ladder the team sees before its reveal.
        public func isOnLadder(_ record: SubmissionRecord) -> Bool { record.id.flatMap { ladder?[$0] } != nil }

        /// Whether a Ladder withholds `record`'s own public details (it did not beat the team's best by a step).
        public func withholds(_ record: SubmissionRecord) -> Bool {
            record.id.flatMap { ladder?[$0] }.map { !$0.isOwn } ?? false
        }
    }
}
