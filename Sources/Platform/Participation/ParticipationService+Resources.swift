import Foundation
import PodiumAPI
import Storage
import Tabular

/// Participation records as the API's resources.
extension ParticipationService {
    /// A participant, with their team's name.
    public func participantResource(_ participant: ParticipantRecord) throws -> ParticipantResource {
        let team = try participant.teamId.flatMap { id in try store.read { try $0.team(id: id)?.name } }
        return ParticipantResource(
            id: participant.id!, name: participant.name, status: participant.status.rawValue, team: team)
    }

    /// A team as its members see it, with its current invite code.
    public func membershipResource(_ view: Platform.TeamView) throws -> TeamMembershipResource {
        let (_, config) = try platform.competition(view.team.competition)
        let captain = view.members.first { $0.id == view.team.captainId }?.name
        let merges = view.merges.map { merge in
            let mine = view.team.name
            let (from, into) =
                merge.request.fromTeam == view.team.id ? (mine, merge.otherTeam) : (merge.otherTeam, mine)
            return MergeResource(
                id: merge.request.id!, from: from, into: into, state: merge.request.state.rawValue,
                createdAt: merge.request.createdAt)
        }
        let team = TeamResource(
            name: view.team.name, captain: captain,
            members: view.members.map {
                MemberResource(
                    name: $0.name, status: $0.status.rawValue, captain: $0.id == view.team.captainId,
                    joinedAt: $0.joinedAt ?? $0.createdAt)
            }, maxSize: config.teamSizeLimit, merges: merges)
        return TeamMembershipResource(team: team, inviteCode: view.inviteCode)
    }
}

extension Platform {
    /// An audit log entry.
    public static func auditResource(_ entry: AuditRecord) -> AuditEntryResource {
        var details: [String: JSONValue] = [:]
        if case .object(let fields)? = try? JSONLinesReader.value(of: entry.details) { details = fields }
        return AuditEntryResource(
            id: entry.id!, at: entry.at, actor: entry.actor, action: entry.action, competition: entry.competition,
            subject: entry.subject, reason: entry.reason, details: details)
    }
}
