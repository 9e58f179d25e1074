import Competitions
import Foundation
import Storage

extension Platform {
    /// A round's effective state now, from its schedule and the organiser's actions.
    public func roundState(competition slug: String, round id: String) throws -> RoundState {
        let (_, config) = try competition(slug)
        let round = try self.round(id, in: config, slug: slug)
        let manual = try store.read { try lastManualAction($0, slug, id) }
        return RoundSchedule.state(of: round, manual: manual, now: now)
    }

    func lastManualAction(_ store: any StoreReader, _ slug: String, _ round: String) throws -> ManualAction? {
        try store.lastOpenOrClose(competition: slug, round: round).map(\.manual)
    }

    /// When the round's private board was revealed, and by whom.
    public func revealed(competition slug: String, round id: String) throws -> RoundActionRecord? {
        try store.read { try $0.reveal(competition: slug, round: id) }
    }

    /// Whether `team` may submit to `round`: a round after one with an `advance` rule, or one that
    /// teams were advanced to, admits advanced teams only.
    func isAllowed(_ store: any StoreReader, team: TeamRecord, round: RoundConfig, config: CompetitionConfig) throws
        -> Bool
    {
        let admitted = try store.advancedTeams(competition: team.competition, round: round.id)
        return Self.isAllowed(team: team, round: round, config: config, admitted: admitted)
    }

    /// Whether `team` may submit to `round` given the teams `admitted` to it: a round after one that advances
    /// teams, or one teams were advanced into, admits only those; a disqualified team none.
    static func isAllowed(team: TeamRecord, round: RoundConfig, config: CompetitionConfig, admitted: Set<Int64>) -> Bool
    {
        if team.disqualified { return false }
        let restricted = config.previous(round)?.advance != nil || !admitted.isEmpty
        guard restricted else { return true }
        return admitted.contains(team.id!)
    }
}

extension RoundActionRecord {
    /// This open or close by hand, as the schedule takes it.
    var manual: ManualAction { ManualAction(kind: kind == .open ? .open : .close, at: at) }
}
