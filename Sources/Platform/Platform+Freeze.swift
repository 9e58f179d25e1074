import Competitions
import Foundation
import Storage

/// A round's freeze (`freeze_minutes`): from `freezeStart` until the reveal, participants and the public see the
/// public board as it stood at the freeze — only submissions scored by then — while organisers see it live and
/// new submissions are still taken and scored. No leader change is announced meanwhile (it would give the
/// board away), and with `freeze_own: hide` a team does not see its own new public scores either.
extension Platform {
    /// When the public board of a round froze, if it is frozen now (frozen, and not yet revealed).
    public func freezeMoment(competition slug: String, round id: String) throws -> Date? {
        let (_, config) = try competition(slug)
        let round = try self.round(id, in: config, slug: slug)
        return try store.read { try freezeMoment($0, slug: slug, round: round) }
    }

    func freezeMoment(_ store: any StoreReader, slug: String, round: RoundConfig) throws -> Date? {
        guard let start = round.freezeStart, now >= start else { return nil }
        return try store.reveal(competition: slug, round: round.id) == nil ? start : nil
    }

    /// A submission's public scores as its team sees them now: hidden (nil) when it was scored during a freeze
    /// of a round with `freeze_own: hide`, else rounded to `public_precision`.
    public func teamVisibleScores(_ record: SubmissionRecord) throws -> (score: Double?, tasks: [String: Double]) {
        let (_, config) = try competition(record.competition)
        guard let round = config.round(record.round) else { return (record.publicScore, record.publicTaskScores) }
        if round.freezeOwn == "hide", let frozen = try freezeMoment(competition: record.competition, round: round.id),
            let scored = record.scoredAt, scored > frozen
        {
            return (nil, [:])
        }
        return (record.publicScore.map(round.publicValue), record.publicTaskScores.mapValues(round.publicValue))
    }
}
