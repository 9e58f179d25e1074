import Competitions
import Foundation
import Storage

/// Whether a team may submit to a round now — its member approved and still in it, the team admitted to the round,
/// the round open — decided from what one read of the store gives (`SubmitGate`), so an accept asks the store once
/// for the competition and all of it.
struct SubmitGate: Sendable {
    /// The submitting member as stored now (nil: the team's own token).
    let member: ParticipantRecord?
    /// The teams admitted to the round (empty: no advancement into it yet).
    let admitted: Set<Int64>
    /// The round's last open or close by hand.
    let lastOpenOrClose: RoundActionRecord?

    /// The round's last open or close by hand, as the schedule takes it.
    var manual: ManualAction? { lastOpenOrClose?.manual }
}

/// What an accept reads before it decides: the gate and the team's charges in the round.
struct AcceptReading: Sendable {
    /// Whether the team may submit now.
    let gate: SubmitGate
    /// The team's charges in the round (its quota use).
    let charges: TeamCharges

    /// What the accept's write must find unchanged.
    var basis: AcceptBasis {
        AcceptBasis(charges: charges, member: gate.member, lastOpenOrClose: gate.lastOpenOrClose?.id)
    }
}

extension SubmissionService {
    /// What deciding whether `member`'s team may submit to `round` of `slug` reads, inside a caller's read.
    func submitGate(_ store: any StoreReader, competition slug: String, round: String, member: ParticipantRecord?)
        throws -> SubmitGate
    {
        SubmitGate(
            member: try member.map { try platform.participation.current(store, $0) },
            admitted: try store.advancedTeams(competition: slug, round: round),
            lastOpenOrClose: try store.lastOpenOrClose(competition: slug, round: round))
    }

    /// What an accept by `team` (and `member`) to round `id` of `slug` reads, inside a caller's read.
    func acceptReading(
        _ store: any StoreReader, competition slug: String, round id: String, team: TeamRecord,
        member: ParticipantRecord?
    ) throws -> AcceptReading {
        AcceptReading(
            gate: try submitGate(store, competition: slug, round: id, member: member),
            charges: try store.charges(competition: slug, round: id, teamId: team.id!))
    }

    /// The competition `slug`, its config and round `id`, once `team` (and `member`) may submit to the round now,
    /// and what the accept read: one read of the store.
    func roundOpen(
        forSubmitting slug: String, round id: String, team: TeamRecord, member: ParticipantRecord?
    ) throws -> (record: CompetitionRecord, config: CompetitionConfig, round: RoundConfig, reading: AcceptReading) {
        let (stored, reading) = try store.read { store in
            (
                try store.competition(slug),
                try acceptReading(store, competition: slug, round: id, team: team, member: member)
            )
        }
        let (record, config) = try platform.loaded(stored, slug: slug)
        let round = try platform.round(id, in: config, slug: slug)
        try check(reading.gate, team: team, round: round, config: config)
        return (record, config, round, reading)
    }

    /// Refuses, by what `gate` read, a member who may not submit for `team`, a team not admitted to `round`, and a
    /// round that is not open now.
    func check(_ gate: SubmitGate, team: TeamRecord, round: RoundConfig, config: CompetitionConfig) throws {
        if let member = gate.member { try Platform.checkMaySubmit(current: member, for: team) }
        guard Platform.isAllowed(team: team, round: round, config: config, admitted: gate.admitted) else {
            throw PlatformError(
                .notAllowed, "team \(team.name) may not submit to round \(round.id): it did not advance to it")
        }
        let state = RoundSchedule.state(of: round, manual: gate.manual, now: now)
        guard state == .open else {
            throw PlatformError(.roundClosed, "round \(round.id) is \(state == .scheduled ? "not open yet" : "closed")")
        }
    }
}
