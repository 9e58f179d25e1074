import Competitions
import Foundation

/// What a transaction reads of teams, participants, invite codes and merges.
public protocol ParticipationReader {
    /// The team with this id.
    func team(id: Int64) throws -> TeamRecord?

    /// The team named `name` in a competition.
    func team(competition: String, name: String) throws -> TeamRecord?

    /// The team whose token hashes to `tokenHash` in a competition.
    func team(competition: String, tokenHash: String) throws -> TeamRecord?

    /// A competition's teams, by name.
    func teams(competition: String) throws -> [TeamRecord]

    /// The participant with this id.
    func participant(id: Int64) throws -> ParticipantRecord?

    /// The participant named `name` in a competition.
    func participant(competition: String, name: String) throws -> ParticipantRecord?

    /// The participant whose token hashes to `tokenHash` in a competition.
    func participant(competition: String, tokenHash: String) throws -> ParticipantRecord?

    /// A competition's participants, by name.
    func participants(competition: String) throws -> [ParticipantRecord]

    /// A team's members, in the order they joined.
    func members(teamId: Int64) throws -> [ParticipantRecord]

    /// The invite code `code`, whatever its state.
    func invite(code: String) throws -> InviteRecord?

    /// A team's active invite code.
    func activeInvite(teamId: Int64) throws -> InviteRecord?

    /// The merge request with this id.
    func mergeRequest(id: Int64) throws -> MergeRequestRecord?

    /// The pending merge requests a team made or received, oldest first.
    func pendingMerges(teamId: Int64) throws -> [MergeRequestRecord]
}

/// What a write transaction changes of teams, participants, invite codes and merges.
public protocol ParticipationWriter: ParticipationReader {
    /// Inserts a team; returns it with its id.
    func insert(_ team: TeamRecord) throws -> TeamRecord

    /// Inserts a participant; returns it with its id.
    func insert(_ participant: ParticipantRecord) throws -> ParticipantRecord

    /// Saves a participant's status, team and join time.
    func update(_ participant: ParticipantRecord) throws

    /// Saves a team's name, captain and disqualification (the board shows them).
    func update(_ team: TeamRecord) throws

    /// Deletes a team that has no submissions (its last member left).
    func deleteTeam(id: Int64) throws

    /// Inserts an invite code.
    func insert(_ invite: InviteRecord) throws

    /// Closes an invite code: used by `participant`, or revoked.
    func closeInvite(code: String, state: InviteState, usedBy participant: Int64?, at: Date) throws

    /// Inserts a merge request; returns it with its id.
    func insert(_ request: MergeRequestRecord) throws -> MergeRequestRecord

    /// Answers a merge request.
    func decideMerge(id: Int64, state: MergeState, at: Date) throws

    /// Moves everything of team `from` into team `into` — members, submissions, their jobs, advancements — then
    /// deletes `from` with its board rows and invite codes; the caller rebuilds `into`'s board rows.
    func moveTeam(from: Int64, into: Int64, at: Date) throws
}
