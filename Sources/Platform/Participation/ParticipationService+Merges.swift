import Competitions
import Foundation
import Storage

/// Team merges, Kaggle's way: a captain asks to merge their team into another before `merge_deadline`, that
/// team's captain accepts, and the asking team's members, submissions, selections and history move into the
/// other. Refused, with the reason, when the merged team would have more members than `max_team_size` or
/// more submissions (today, or in a round's total) than one team may make.
extension ParticipationService {
    /// The captain `captain` asks to merge their team into the team named `into`.
    public func requestMerge(competition slug: String, captain: ParticipantRecord, into name: String) throws
        -> MergeRequestRecord
    {
        let (_, config) = try platform.competition(slug)
        let now = self.now
        try checkMergeDeadline(config, slug: slug, now: now)
        return try store.write { store in
            let (from, _) = try captainsTeam(store, captain)
            guard let into = try store.team(competition: slug, name: name) else {
                throw PlatformError(.notFound, "no team \"\(name)\" in \(slug)")
            }
            guard into.id != from.id else { throw PlatformError(.invalidInput, "a team cannot merge with itself") }
            guard into.captainId != nil else {
                throw PlatformError(
                    .mergeNotAllowed, "\(into.name) was made by the organisers and has no captain to accept a merge")
            }
            if try store.pendingMerges(teamId: from.id!).contains(where: { $0.intoTeam == into.id }) {
                throw PlatformError(
                    .mergeNotAllowed, "\(from.name) has asked \(into.name) already; wait for the answer")
            }
            if let problem = try mergeProblem(store, config: config, from: from, into: into, now: now) {
                throw PlatformError(.mergeNotAllowed, problem)
            }
            return try store.insert(
                MergeRequestRecord(
                    competition: slug, fromTeam: from.id!, intoTeam: into.id!, state: .pending, createdAt: now))
        }
    }

    /// Answers the merge request `id`: its receiving captain accepts or declines it, its asking captain may
    /// withdraw it (`accept` false). Returns the surviving team after an accepted merge.
    @discardableResult
    public func answerMerge(competition slug: String, captain: ParticipantRecord, request id: Int64, accept: Bool)
        throws -> TeamRecord?
    {
        let (_, config) = try platform.competition(slug)
        let now = self.now
        return try store.write { store -> TeamRecord? in
            let (team, _) = try captainsTeam(store, captain)
            guard let request = try store.mergeRequest(id: id), request.competition == slug,
                request.fromTeam == team.id || request.intoTeam == team.id
            else { throw PlatformError(.notFound, "no merge request \(id) of \(team.name)") }
            guard request.state == .pending else {
                throw PlatformError(.mergeNotAllowed, "merge request \(id) is \(request.state.rawValue) already")
            }
            guard accept else {
                try store.decideMerge(id: id, state: request.fromTeam == team.id ? .withdrawn : .declined, at: now)
                return nil
            }
            guard request.intoTeam == team.id else {
                throw PlatformError(.notCaptain, "the captain of the team asked accepts a merge, not the one asking")
            }
            try checkMergeDeadline(config, slug: slug, now: now)
            guard let from = try store.team(id: request.fromTeam) else {
                throw PlatformError(.mergeNotAllowed, "the team that asked is gone")
            }
            if let problem = try mergeProblem(store, config: config, from: from, into: team, now: now) {
                throw PlatformError(.mergeNotAllowed, problem)
            }
            try mergeSelections(store, config: config, slug: slug, from: from.id!, into: team.id!)
            try store.decideMerge(id: id, state: .accepted, at: now)
            try store.moveTeam(from: from.id!, into: team.id!, at: now)
            try refreshInvite(store, team: team, limit: config.teamSizeLimit, at: now)
            for round in config.rounds {
                try platform.boards.refreshPublicStanding(
                    store, slug: slug, config: config, round: round, teamId: team.id!)
            }
            return try store.team(id: team.id!)
        }
    }

    private func checkMergeDeadline(_ config: CompetitionConfig, slug: String, now: Date) throws {
        if let deadline = config.mergeDeadline, now > deadline {
            throw PlatformError(
                .mergeDeadlinePassed, "the merge deadline of \(slug) passed at \(CompetitionCheck.iso(deadline))")
        }
    }

    /// Why `from` may not merge into `into` now, or nil.
    private func mergeProblem(
        _ store: any StoreReader, config: CompetitionConfig, from: TeamRecord, into: TeamRecord, now: Date
    ) throws -> String? {
        let size = try store.members(teamId: from.id!).count + store.members(teamId: into.id!).count
        if size > config.teamSizeLimit {
            return "the merged team would have \(size) members; a team may have \(config.teamSizeLimit)"
        }
        for round in config.rounds {
            guard let quota = round.submissions else { continue }
            let charges =
                try store.charges(competition: from.competition, round: round.id, teamId: from.id!).times
                + store.charges(competition: into.competition, round: round.id, teamId: into.id!).times
            let status = QuotaWindow.status(quota, charges: charges, now: now)
            if let perDay = status.perDay, status.usedToday > perDay {
                return "the merged team would have made \(status.usedToday) submissions today in round \(round.id); "
                    + "a team may make \(perDay) a day"
            }
            if let total = status.total, status.usedTotal > total {
                return "the merged team would have made \(status.usedTotal) submissions in round \(round.id); "
                    + "a team may make \(total)"
            }
        }
        return nil
    }

    /// Before a merge: where the two teams' final selections together exceed a round's limit, the asking
    /// team's are dropped (the surviving team's choice stands; its captain may change it).
    private func mergeSelections(
        _ store: any StoreWriter, config: CompetitionConfig, slug: String, from: Int64, into: Int64
    ) throws {
        for round in config.rounds {
            let selectedFrom = try store.submissions(competition: slug, round: round.id, teamId: from).filter(
                \.selected)
            let selectedInto = try store.submissions(competition: slug, round: round.id, teamId: into).filter(
                \.selected)
            if !selectedFrom.isEmpty, selectedFrom.count + selectedInto.count > (round.finalSelections ?? 1) {
                try store.select(competition: slug, round: round.id, teamId: from, submissions: [])
            }
        }
    }
}
