import Foundation

/// Participation: participants, invite codes, merges, organisers, the audit log.
extension SQLTransaction {
    func participant(id: Int64) throws -> ParticipantRecord? {
        try sql.record("SELECT \(raw: ParticipantRecord.columns) FROM participant WHERE id = \(id)")
    }

    func participant(competition: String, name: String) throws -> ParticipantRecord? {
        try sql.record(
            """
            SELECT \(raw: ParticipantRecord.columns) FROM participant WHERE competition = \(competition) AND name = \(name)
            """)
    }

    func participant(competition: String, tokenHash: String) throws -> ParticipantRecord? {
        try sql.record(
            """
            SELECT \(raw: ParticipantRecord.columns) FROM participant
            WHERE competition = \(competition) AND tokenHash = \(tokenHash)
            """)
    }

    func participants(competition: String) throws -> [ParticipantRecord] {
        try sql.records(
            """
            SELECT \(raw: ParticipantRecord.columns) FROM participant WHERE competition = \(competition) ORDER BY name
            """)
    }

    func members(teamId: Int64) throws -> [ParticipantRecord] {
        try sql.records(
            """
            SELECT \(raw: ParticipantRecord.columns) FROM participant WHERE teamId = \(teamId)
            ORDER BY joinedAt, id
            """)
    }

    func invite(code: String) throws -> InviteRecord? {
        try sql.record("SELECT \(raw: InviteRecord.columns) FROM invite WHERE code = \(code)")
    }

    func activeInvite(teamId: Int64) throws -> InviteRecord? {
        try sql.record(
            """
            SELECT \(raw: InviteRecord.columns) FROM invite WHERE teamId = \(teamId) AND state = \(InviteState.active)
            """)
    }

    func mergeRequest(id: Int64) throws -> MergeRequestRecord? {
        try sql.record("SELECT \(raw: MergeRequestRecord.columns) FROM mergeRequest WHERE id = \(id)")
    }

    func pendingMerges(teamId: Int64) throws -> [MergeRequestRecord] {
        try sql.records(
            """
            SELECT \(raw: MergeRequestRecord.columns) FROM mergeRequest
            WHERE (fromTeam = \(teamId) OR intoTeam = \(teamId)) AND state = \(MergeState.pending) ORDER BY id
            """)
    }

    func organiser(tokenHash: String) throws -> OrganiserRecord? {
        try sql.record("SELECT \(raw: OrganiserRecord.columns) FROM organiser WHERE tokenHash = \(tokenHash)")
    }

    func organiser(name: String) throws -> OrganiserRecord? {
        try sql.record("SELECT \(raw: OrganiserRecord.columns) FROM organiser WHERE name = \(name)")
    }

    func organisers() throws -> [OrganiserRecord] {
        try sql.records("SELECT \(raw: OrganiserRecord.columns) FROM organiser ORDER BY name")
    }

    func audit(competition: String?, before: Int64?, limit: Int) throws -> [AuditRecord] {
        let ofCompetition: SQL = competition.map { "AND competition = \($0)" } ?? ""
        return try sql.records(
            """
            SELECT \(raw: AuditRecord.columns) FROM audit WHERE id < \(before ?? Int64.max) \(ofCompetition)
            ORDER BY id DESC LIMIT \(limit)
            """)
    }

    func insert(_ participant: ParticipantRecord) throws -> ParticipantRecord {
        var participant = participant
        participant.id = try sql.value(
            """
            INSERT INTO participant (competition, name, tokenHash, status, teamId, joinedAt, acceptedRules, createdAt)
            VALUES (\(participant.competition), \(participant.name), \(participant.tokenHash), \(participant.status),
            \(participant.teamId), \(participant.joinedAt), \(participant.acceptedRules), \(participant.createdAt))
            RETURNING id
            """)
        return participant
    }

    func update(_ participant: ParticipantRecord) throws {
        guard let id = participant.id else { return }
        try sql.perform(
            """
            UPDATE participant SET name = \(participant.name), status = \(participant.status),
            teamId = \(participant.teamId), joinedAt = \(participant.joinedAt) WHERE id = \(id)
            """)
        if participant.teamId != nil { try bumpBoardVersion(participant.competition) }
    }

    func insert(_ invite: InviteRecord) throws {
        try sql.perform(
            """
            INSERT INTO invite (code, competition, teamId, state, createdAt, usedBy, closedAt)
            VALUES (\(invite.code), \(invite.competition), \(invite.teamId), \(invite.state), \(invite.createdAt),
            \(invite.usedBy), \(invite.closedAt))
            """)
    }

    func closeInvite(code: String, state: InviteState, usedBy participant: Int64?, at: Date) throws {
        try sql.perform(
            "UPDATE invite SET state = \(state), usedBy = \(participant), closedAt = \(at) WHERE code = \(code)")
    }

    func insert(_ request: MergeRequestRecord) throws -> MergeRequestRecord {
        var request = request
        request.id = try sql.value(
            """
            INSERT INTO mergeRequest (competition, fromTeam, intoTeam, state, createdAt, decidedAt)
            VALUES (\(request.competition), \(request.fromTeam), \(request.intoTeam), \(request.state),
            \(request.createdAt), \(request.decidedAt)) RETURNING id
            """)
        return request
    }

    func decideMerge(id: Int64, state: MergeState, at: Date) throws {
        try sql.perform("UPDATE mergeRequest SET state = \(state), decidedAt = \(at) WHERE id = \(id)")
    }

    func moveTeam(from: Int64, into: Int64, at: Date) throws {
        guard let team = try team(id: from) else { return }
        try sql.perform("UPDATE participant SET teamId = \(into) WHERE teamId = \(from)")
        try sql.perform("UPDATE submission SET teamId = \(into) WHERE teamId = \(from)")
        try sql.perform("UPDATE scoringJob SET teamId = \(into) WHERE teamId = \(from)")
        try sql.perform(
            """
            INSERT INTO advancement (competition, round, teamId, at)
            SELECT competition, round, \(into), at FROM advancement WHERE teamId = \(from) ON CONFLICT DO NOTHING
            """)
        try sql.perform(
            """
            UPDATE mergeRequest SET state = \(MergeState.withdrawn), decidedAt = \(at)
            WHERE state = \(MergeState.pending) AND (fromTeam = \(from) OR intoTeam = \(from))
            """)
        try sql.perform(
            """
            UPDATE invite SET state = \(InviteState.revoked), closedAt = \(at)
            WHERE teamId = \(from) AND state = \(InviteState.active)
            """)
        try sql.perform("DELETE FROM publicStanding WHERE teamId IN \(list: [from, into])")
        try sql.perform("DELETE FROM team WHERE id = \(from)")  // its advancements and board rows go with it
        try bumpBoardVersion(team.competition)
    }

    func insert(_ organiser: OrganiserRecord) throws -> OrganiserRecord {
        var organiser = organiser
        organiser.id = try sql.value(
            """
            INSERT INTO organiser (name, tokenHash, createdAt)
            VALUES (\(organiser.name), \(organiser.tokenHash), \(organiser.createdAt)) RETURNING id
            """)
        return organiser
    }

    @discardableResult
    func insert(_ audit: AuditRecord) throws -> AuditRecord {
        var audit = audit
        audit.id = try sql.value(
            """
            INSERT INTO audit (at, actor, action, competition, subject, reason, details)
            VALUES (\(audit.at), \(audit.actor), \(audit.action), \(audit.competition), \(audit.subject),
            \(audit.reason), \(audit.details)) RETURNING id
            """)
        return audit
    }
}
