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

    /// Opens, closes or reveals a round by hand, recording who, when and (optionally) why in the audit log.
    public func act(_ name: String, competition slug: String, round id: String, actor: String, reason: String? = nil)
        throws -> RoundState
    {
        guard let kind = RoundActionKind(rawValue: name), let event = kind.event(round: id, actor: actor) else {
            throw PlatformError(.notFound, "no round action \"\(name)\"; the actions are open, close and reveal")
        }
        let reason = try Self.optionalReason(reason)
        let (_, config) = try competition(slug)
        let round = try self.round(id, in: config, slug: slug)
        let now = self.now
        try store.write { store in
            if kind == .reveal {
                let state = RoundSchedule.state(of: round, manual: try lastManualAction(store, slug, id), now: now)
                guard state == .closed else {
                    throw PlatformError(.notAllowed, "close round \(id) before revealing its private leaderboard")
                }
                if try store.reveal(competition: slug, round: id) != nil { return }
            }
            try store.insert(RoundActionRecord(competition: slug, round: id, kind: kind, at: now, actor: actor))
            try store.emit(event, competition: slug, at: now)
            try audit(
                store, actor: actor, action: "round.\(name)", competition: slug, subject: id, reason: reason, at: now)
        }
        return try roundState(competition: slug, round: id)
    }

    /// Admits teams from round `from` to round `to`: the top `top` (default: the round's `advance`
    /// rule) of the private board when revealed, else of the public board. Returns the team names.
    public func advance(competition slug: String, from: String, to: String, top: Int? = nil, actor: String) throws
        -> (teams: [String], board: Board)
    {
        let (_, config) = try competition(slug)
        let source = try round(from, in: config, slug: slug)
        _ = try round(to, in: config, slug: slug)
        guard config.rounds.firstIndex(where: { $0.id == to })! > config.rounds.firstIndex(where: { $0.id == from })!
        else {
            throw PlatformError(.notAllowed, "round \(to) does not come after \(from)")
        }
        let rule = top.map { AdvanceConfig(top: $0, minScore: nil) } ?? source.advance
        guard let rule else { throw PlatformError(.notAllowed, "round \(from) has no advance rule; pass --top N") }
        let board: Board = try revealed(competition: slug, round: from) != nil ? .private : .public
        let standings = try self.standings(competition: slug, round: from, board: board)
        let names = Leaderboard.advancing(standings, rule: rule, higherIsBetter: higherIsBetter(config))
        let now = self.now
        try store.write { store in
            for name in names {
                guard let team = try store.team(competition: slug, name: name) else { continue }
                try store.save(AdvancementRecord(competition: slug, round: to, teamId: team.id!, at: now))
                try store.emit(.teamAdvanced(.init(team: name, from: from, to: to)), competition: slug, at: now)
            }
            try store.insert(RoundActionRecord(competition: slug, round: to, kind: .advance, at: now, actor: actor))
            try audit(
                store, actor: actor, action: "round.advance", competition: slug, subject: "\(from) → \(to)",
                details: AuditDetails.advance(teams: names, board: board.rawValue), at: now)
        }
        return (names, board)
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
