import Foundation
import PostgresNIO

/// The PostgreSQL dialect of participation: participants, invite codes, merges, organisers, the audit log.
extension PostgresTransaction {
    func participant(id: Int64) throws -> ParticipantRecord? {
        try rows("SELECT \(unescaped: ParticipantRecord.columns) FROM participant WHERE id = \(id)").first
            .map(ParticipantRecord.init(row:))
    }

    func participant(competition: String, name: String) throws -> ParticipantRecord? {
        try rows(
            """
            SELECT \(unescaped: ParticipantRecord.columns) FROM participant
            WHERE competition = \(competition) AND name = \(name)
            """
        ).first.map(ParticipantRecord.init(row:))
    }

    func participant(competition: String, tokenHash: String) throws -> ParticipantRecord? {
        try rows(
            """
            SELECT \(unescaped: ParticipantRecord.columns) FROM participant
            WHERE competition = \(competition) AND tokenHash = \(tokenHash)
            """
        ).first.map(ParticipantRecord.init(row:))
    }

    func participants(competition: String) throws -> [ParticipantRecord] {
        try rows(
            "SELECT \(unescaped: ParticipantRecord.columns) FROM participant WHERE competition = \(competition) ORDER BY name"
        ).map(ParticipantRecord.init(row:))
    }

    func members(teamId: Int64) throws -> [ParticipantRecord] {
        try rows(
            """
            SELECT \(unescaped: ParticipantRecord.columns) FROM participant WHERE teamId = \(teamId)
            ORDER BY joinedAt, id
            """
        ).map(ParticipantRecord.init(row:))
    }

    func invite(code: String) throws -> InviteRecord? {
        try rows("SELECT \(unescaped: InviteRecord.columns) FROM invite WHERE code = \(code)").first
            .map(InviteRecord.init(row:))
    }

    func activeInvite(teamId: Int64) throws -> InviteRecord? {
        try rows("SELECT \(unescaped: InviteRecord.columns) FROM invite WHERE teamId = \(teamId) AND state = 'active'")
            .first.map(InviteRecord.init(row:))
    }

    func mergeRequest(id: Int64) throws -> MergeRequestRecord? {
        try rows("SELECT \(unescaped: MergeRequestRecord.columns) FROM mergeRequest WHERE id = \(id)").first
            .map(MergeRequestRecord.init(row:))
    }

    func pendingMerges(teamId: Int64) throws -> [MergeRequestRecord] {
        try rows(
            """
            SELECT \(unescaped: MergeRequestRecord.columns) FROM mergeRequest
            WHERE (fromTeam = \(teamId) OR intoTeam = \(teamId)) AND state = 'pending' ORDER BY id
            """
        ).map(MergeRequestRecord.init(row:))
    }

    func cards(submissionIds: [Int64]) throws -> [Int64: String] {
        guard !submissionIds.isEmpty else { return [:] }
        var cards: [Int64: String] = [:]
        for row in try rows("SELECT id, card FROM submission WHERE card IS NOT NULL AND id = ANY(\(submissionIds))") {
            let (id, card) = try row.decode((Int64, String).self)
            cards[id] = card
        }
        return cards
    }

    func resamples(submissionIds: [Int64], part: String) throws -> [Int64: [Double]] {
        guard !submissionIds.isEmpty else { return [:] }
        let column = part == "private" ? "privateValues" : "publicValues"
        var resamples: [Int64: [Double]] = [:]
        for row in try rows(
            """
            SELECT submissionId, \(unescaped: column) FROM resamples
            WHERE \(unescaped: column) IS NOT NULL AND submissionId = ANY(\(submissionIds))
            """)
        {
            let (id, bytes) = try row.decode((Int64, Data).self)
            resamples[id] = ResampleCoding.decode(bytes)
        }
        return resamples
    }

    func submissionCount(teamId: Int64, submittedBy participantId: Int64?) throws -> Int {
        let count: Int64?
        if let participantId {
            count = try value(
                "SELECT COUNT(*) FROM submission WHERE teamId = \(teamId) AND submittedBy = \(participantId)")
        } else {
            count = try value("SELECT COUNT(*) FROM submission WHERE teamId = \(teamId)")
        }
        return Int(count ?? 0)
    }

    func organiser(tokenHash: String) throws -> OrganiserRecord? {
        try rows("SELECT \(unescaped: OrganiserRecord.columns) FROM organiser WHERE tokenHash = \(tokenHash)").first
            .map(OrganiserRecord.init(row:))
    }

    func organiser(name: String) throws -> OrganiserRecord? {
        try rows("SELECT \(unescaped: OrganiserRecord.columns) FROM organiser WHERE name = \(name)").first
            .map(OrganiserRecord.init(row:))
    }

    func organisers() throws -> [OrganiserRecord] {
        try rows("SELECT \(unescaped: OrganiserRecord.columns) FROM organiser ORDER BY name").map(
            OrganiserRecord.init(row:))
    }

    func audit(competition: String?, before: Int64?, limit: Int) throws -> [AuditRecord] {
        let below = before ?? Int64.max
        if let competition {
            return try rows(
                """
                SELECT \(unescaped: AuditRecord.columns) FROM audit WHERE competition = \(competition) AND id < \(below)
                ORDER BY id DESC LIMIT \(limit)
                """
            ).map(AuditRecord.init(row:))
        }
        return try rows(
            "SELECT \(unescaped: AuditRecord.columns) FROM audit WHERE id < \(below) ORDER BY id DESC LIMIT \(limit)"
        ).map(AuditRecord.init(row:))
    }

    func insert(_ participant: ParticipantRecord) throws -> ParticipantRecord {
        var participant = participant
        participant.id = try value(
            """
            INSERT INTO participant (competition, name, tokenHash, status, teamId, joinedAt, acceptedRules, createdAt)
            VALUES (\(participant.competition), \(participant.name), \(participant.tokenHash),
            \(participant.status.rawValue), \(participant.teamId), \(participant.joinedAt), \(participant.acceptedRules),
            \(participant.createdAt)) RETURNING id
            """, as: Int64.self)
        return participant
    }

    func update(_ participant: ParticipantRecord) throws {
        guard let id = participant.id else { return }
        try run(
            """
            UPDATE participant SET name = \(participant.name), status = \(participant.status.rawValue),
            teamId = \(participant.teamId), joinedAt = \(participant.joinedAt) WHERE id = \(id)
            """)
        if participant.teamId != nil { try bumpBoardVersion(participant.competition) }
    }

    func update(_ team: TeamRecord) throws {
        guard let id = team.id else { return }
        try run(
            """
            UPDATE team SET name = \(team.name), captainId = \(team.captainId), disqualified = \(team.disqualified)
            WHERE id = \(id)
            """)
        try bumpBoardVersion(team.competition)
    }

    func deleteTeam(id: Int64) throws {
        guard let team = try team(id: id) else { return }
        try run("UPDATE invite SET state = 'revoked' WHERE teamId = \(id) AND state = 'active'")
        try run("DELETE FROM team WHERE id = \(id)")
        try bumpBoardVersion(team.competition)
    }

    func insert(_ invite: InviteRecord) throws {
        try run(
            """
            INSERT INTO invite (code, competition, teamId, state, createdAt, usedBy, closedAt)
            VALUES (\(invite.code), \(invite.competition), \(invite.teamId), \(invite.state.rawValue),
            \(invite.createdAt), \(invite.usedBy), \(invite.closedAt))
            """)
    }

    func closeInvite(code: String, state: InviteState, usedBy participant: Int64?, at: Date) throws {
        try run(
            "UPDATE invite SET state = \(state.rawValue), usedBy = \(participant), closedAt = \(at) WHERE code = \(code)"
        )
    }

    func insert(_ request: MergeRequestRecord) throws -> MergeRequestRecord {
        var request = request
        request.id = try value(
            """
            INSERT INTO mergeRequest (competition, fromTeam, intoTeam, state, createdAt, decidedAt)
            VALUES (\(request.competition), \(request.fromTeam), \(request.intoTeam), \(request.state.rawValue),
            \(request.createdAt), \(request.decidedAt)) RETURNING id
            """, as: Int64.self)
        return request
    }

    func decideMerge(id: Int64, state: MergeState, at: Date) throws {
        try run("UPDATE mergeRequest SET state = \(state.rawValue), decidedAt = \(at) WHERE id = \(id)")
    }

    func moveTeam(from: Int64, into: Int64, at: Date) throws {
        guard let team = try team(id: from) else { return }
        try run("UPDATE participant SET teamId = \(into) WHERE teamId = \(from)")
        try run("UPDATE submission SET teamId = \(into) WHERE teamId = \(from)")
        try run("UPDATE scoringJob SET teamId = \(into) WHERE teamId = \(from)")
        try run(
            """
            INSERT INTO advancement (competition, round, teamId, at)
            SELECT competition, round, \(into), at FROM advancement WHERE teamId = \(from) ON CONFLICT DO NOTHING
            """)
        try run(
            """
            UPDATE mergeRequest SET state = 'withdrawn', decidedAt = \(at)
            WHERE state = 'pending' AND (fromTeam = \(from) OR intoTeam = \(from))
            """)
        try run("UPDATE invite SET state = 'revoked', closedAt = \(at) WHERE teamId = \(from) AND state = 'active'")
        try run("DELETE FROM publicStanding WHERE teamId IN (\(from), \(into))")
        try run("DELETE FROM team WHERE id = \(from)")  // its advancements and board rows go with it
        try bumpBoardVersion(team.competition)
    }

    func insert(_ organiser: OrganiserRecord) throws -> OrganiserRecord {
        var organiser = organiser
        organiser.id = try value(
            """
            INSERT INTO organiser (name, tokenHash, createdAt) VALUES (\(organiser.name), \(organiser.tokenHash),
            \(organiser.createdAt)) RETURNING id
            """, as: Int64.self)
        return organiser
    }

    @discardableResult
    func insert(_ audit: AuditRecord) throws -> AuditRecord {
        var audit = audit
        audit.id = try value(
            """
            INSERT INTO audit (at, actor, action, competition, subject, reason, details)
            VALUES (\(audit.at), \(audit.actor), \(audit.action), \(audit.competition), \(audit.subject), \(audit.reason),
            \(audit.details)) RETURNING id
            """, as: Int64.self)
        return audit
    }
}
