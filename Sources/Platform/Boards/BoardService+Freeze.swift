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

    /// The team's view of the public scores of round `id` of `slug`.
    public func teamScoreView(competition slug: String, round id: String) throws -> Platform.TeamScoreView {
        let (_, config) = try platform.competition(slug)
        guard let round = config.round(id) else { return Platform.TeamScoreView(round: nil, hideScoredAfter: nil) }
        guard round.freezeOwn == "hide" else { return Platform.TeamScoreView(round: round, hideScoredAfter: nil) }
        return try store.read { try teamScoreView($0, slug: slug, round: round) }
    }

    /// `teamScoreView` of `round` inside a caller's read.
    func teamScoreView(_ store: any StoreReader, slug: String, round: RoundConfig) throws -> Platform.TeamScoreView {
        let frozen = round.freezeOwn == "hide" ? try freezeMoment(store, slug: slug, round: round) : nil
        return Platform.TeamScoreView(round: round, hideScoredAfter: frozen)
    }
}

extension Platform {
    /// How a team sees the public scores of its submissions in one round now: rounded to `public_precision`, and
    /// hidden for those scored during a freeze of a round with `freeze_own: hide`. Read once per round (the freeze
    /// is a store read), then applied to each submission.
    public struct TeamScoreView: Sendable {
        let round: RoundConfig?
        let hideScoredAfter: Date?

        /// `record`'s public score and task scores as its team sees them.
        public func scores(_ record: SubmissionRecord) -> (score: Double?, tasks: [String: Double]) {
            guard let round else { return (record.publicScore, record.publicTaskScores) }
            if let hideScoredAfter, let scored = record.scoredAt, scored > hideScoredAfter { return (nil, [:]) }
            return (record.publicScore.map(round.publicValue), record.publicTaskScores.mapValues(round.publicValue))
        }
    }
}
