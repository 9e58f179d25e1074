import Competitions
import Foundation
import Storage

extension OrganiserService {
    /// Opens, closes or reveals a round by hand, recording who, when and (optionally) why in the audit log.
    public func act(_ name: String, competition slug: String, round id: String, actor: String, reason: String? = nil)
        throws -> RoundState
    {
        guard let kind = RoundActionKind(rawValue: name), let event = kind.event(round: id, actor: actor) else {
            throw PlatformError(.notFound, "no round action \"\(name)\"; the actions are open, close and reveal")
        }
        let reason = try Platform.optionalReason(reason)
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        let now = self.now
        try store.write { store in
            if kind == .reveal {
                let state = RoundSchedule.state(
                    of: round, manual: try platform.lastManualAction(store, slug, id), now: now)
                guard state == .closed else {
                    throw PlatformError(.notAllowed, "close round \(id) before revealing its private leaderboard")
                }
                if try store.reveal(competition: slug, round: id) != nil { return }
            }
            try store.insert(RoundActionRecord(competition: slug, round: id, kind: kind, at: now, actor: actor))
            try store.emit(event, competition: slug, at: now)
            try platform.audit(
                store, actor: actor, action: "round.\(name)", competition: slug, subject: id, reason: reason, at: now)
            if kind == .reveal, id == config.rounds.last?.id {
                // The event is over: its requests' hashed addresses and their key go (the cases stay).
                let dropped = try store.forgetAddresses(competition: slug)
                try platform.audit(
                    store, actor: actor, action: "integrity.addresses_dropped", competition: slug,
                    subject: "\(dropped) hashed addresses", at: now)
            }
        }
        return try platform.roundState(competition: slug, round: id)
    }

    /// Admits teams from round `from` to round `to`: the top `top` (default: the round's `advance`
    /// rule) of the private board when revealed, else of the public board. Returns the team names.
    public func advance(competition slug: String, from: String, to: String, top: Int? = nil, actor: String) throws
        -> (teams: [String], board: Board)
    {
        let (_, config) = try platform.competition(slug)
        let source = try platform.round(from, in: config, slug: slug)
        _ = try platform.round(to, in: config, slug: slug)
        guard config.rounds.firstIndex(where: { $0.id == to })! > config.rounds.firstIndex(where: { $0.id == from })!
        else {
            throw PlatformError(.notAllowed, "round \(to) does not come after \(from)")
        }
        let rule = top.map { AdvanceConfig(top: $0, minScore: nil) } ?? source.advance
        guard let rule else { throw PlatformError(.notAllowed, "round \(from) has no advance rule; pass --top N") }
        let board: Board = try platform.revealed(competition: slug, round: from) != nil ? .private : .public
        let standings = try platform.boards.standings(competition: slug, round: from, board: board)
        let names = Leaderboard.advancing(standings, rule: rule, higherIsBetter: platform.higherIsBetter(config))
        let now = self.now
        try store.write { store in
            for name in names {
                guard let team = try store.team(competition: slug, name: name) else { continue }
                try store.save(AdvancementRecord(competition: slug, round: to, teamId: team.id!, at: now))
                try store.emit(.teamAdvanced(.init(team: name, from: from, to: to)), competition: slug, at: now)
            }
            try store.insert(RoundActionRecord(competition: slug, round: to, kind: .advance, at: now, actor: actor))
            try platform.audit(
                store, actor: actor, action: "round.advance", competition: slug, subject: "\(from) → \(to)",
                details: AuditDetails.advance(teams: names, board: board.rawValue), at: now)
        }
        return (names, board)
    }
}
