import Foundation
import GRDB

/// The SQLite dialect of participation: participants, invite codes, merges, organisers, the audit log.
extension SQLiteTransaction {
    func participant(id: Int64) throws -> ParticipantRecord? { try ParticipantRecord.fetchOne(db, key: id) }

    func participant(competition: String, name: String) throws -> ParticipantRecord? {
        try ParticipantRecord.filter(Column("competition") == competition && Column("name") == name).fetchOne(db)
    }

    func participant(competition: String, tokenHash: String) throws -> ParticipantRecord? {
        try ParticipantRecord.filter(Column("competition") == competition && Column("tokenHash") == tokenHash)
            .fetchOne(db)
    }

    func participants(competition: String) throws -> [ParticipantRecord] {
        try ParticipantRecord.filter(Column("competition") == competition).order(Column("name")).fetchAll(db)
    }

    func members(teamId: Int64) throws -> [ParticipantRecord] {
        try ParticipantRecord.filter(Column("teamId") == teamId).order(Column("joinedAt"), Column("id")).fetchAll(db)
    }

    func invite(code: String) throws -> InviteRecord? { try InviteRecord.fetchOne(db, key: code) }

    func activeInvite(teamId: Int64) throws -> InviteRecord? {
        try InviteRecord.filter(Column("teamId") == teamId && Column("state") == InviteState.active.rawValue)
            .fetchOne(db)
    }

    func mergeRequest(id: Int64) throws -> MergeRequestRecord? { try MergeRequestRecord.fetchOne(db, key: id) }

    func pendingMerges(teamId: Int64) throws -> [MergeRequestRecord] {
        try MergeRequestRecord.filter(
            (Column("fromTeam") == teamId || Column("intoTeam") == teamId)
                && Column("state") == MergeState.pending.rawValue
        ).order(Column("id")).fetchAll(db)
    }

    func cards(submissionIds: [Int64]) throws -> [Int64: String] {
        var cards: [Int64: String] = [:]
        for row in try rows(
            "SELECT id, card FROM submission WHERE card IS NOT NULL AND id IN", submissionIds)
        {
            cards[row["id"]] = row["card"]
        }
        return cards
    }

    func resamples(submissionIds: [Int64], part: String) throws -> [Int64: [Double]] {
        let column = part == "private" ? "privateValues" : "publicValues"
        var resamples: [Int64: [Double]] = [:]
        for row in try rows(
            "SELECT submissionId, \(column) AS bytes FROM resamples WHERE \(column) IS NOT NULL AND submissionId IN",
            submissionIds)
        {
            resamples[row["submissionId"]] = ResampleCoding.decode(row["bytes"])
        }
        return resamples
    }

    /// The rows of `sql`, which ends in `IN`, for each of `ids` (500 to a statement: SQLite limits the
    /// number of parameters).
    private func rows(_ sql: String, _ ids: [Int64]) throws -> [Row] {
        var rows: [Row] = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            rows += try Row.fetchAll(db, sql: "\(sql) (\(marks))", arguments: StatementArguments(chunk))
        }
        return rows
    }

    func submissionCount(teamId: Int64, submittedBy participantId: Int64?) throws -> Int {
        var request = SubmissionRecord.filter(Column("teamId") == teamId)
        if let participantId { request = request.filter(Column("submittedBy") == participantId) }
        return try request.fetchCount(db)
    }

    func organiser(tokenHash: String) throws -> OrganiserRecord? {
        try OrganiserRecord.filter(Column("tokenHash") == tokenHash).fetchOne(db)
    }

    func organiser(name: String) throws -> OrganiserRecord? {
        try OrganiserRecord.filter(Column("name") == name).fetchOne(db)
    }

    func organisers() throws -> [OrganiserRecord] { try OrganiserRecord.order(Column("name")).fetchAll(db) }

    func audit(competition: String?, before: Int64?, limit: Int) throws -> [AuditRecord] {
        var request = AuditRecord.all()
        if let competition { request = request.filter(Column("competition") == competition) }
        if let before { request = request.filter(Column("id") < before) }
        return try request.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    func insert(_ participant: ParticipantRecord) throws -> ParticipantRecord {
        var participant = participant
        try participant.insert(db)
        return participant
    }

    func update(_ participant: ParticipantRecord) throws {
        try participant.update(db)
        if participant.teamId != nil { try bumpBoardVersion(participant.competition) }
    }

    func update(_ team: TeamRecord) throws {
        try team.update(db)
        try bumpBoardVersion(team.competition)
    }

    func deleteTeam(id: Int64) throws {
        guard let team = try TeamRecord.fetchOne(db, key: id) else { return }
        try db.execute(
            sql: "UPDATE invite SET state = 'revoked' WHERE teamId = ? AND state = 'active'", arguments: [id])
        _ = try TeamRecord.deleteOne(db, key: id)
        try bumpBoardVersion(team.competition)
    }

    func insert(_ invite: InviteRecord) throws { try invite.insert(db) }

    func closeInvite(code: String, state: InviteState, usedBy participant: Int64?, at: Date) throws {
        try db.execute(
            sql: "UPDATE invite SET state = ?, usedBy = ?, closedAt = ? WHERE code = ?",
            arguments: [state.rawValue, participant, at, code])
    }

    func insert(_ request: MergeRequestRecord) throws -> MergeRequestRecord {
        var request = request
        try request.insert(db)
        return request
    }

    func decideMerge(id: Int64, state: MergeState, at: Date) throws {
        try db.execute(
            sql: "UPDATE mergeRequest SET state = ?, decidedAt = ? WHERE id = ?", arguments: [state.rawValue, at, id])
    }

    func moveTeam(from: Int64, into: Int64, at: Date) throws {
        guard let team = try TeamRecord.fetchOne(db, key: from) else { return }
        try db.execute(sql: "UPDATE participant SET teamId = ? WHERE teamId = ?", arguments: [into, from])
        try db.execute(sql: "UPDATE submission SET teamId = ? WHERE teamId = ?", arguments: [into, from])
        try db.execute(sql: "UPDATE scoringJob SET teamId = ? WHERE teamId = ?", arguments: [into, from])
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO advancement (competition, round, teamId, at)
                SELECT competition, round, ?, at FROM advancement WHERE teamId = ?
                """, arguments: [into, from])
        try db.execute(
            sql:
                "UPDATE mergeRequest SET state = 'withdrawn', decidedAt = ? WHERE state = 'pending' AND (fromTeam = ? OR intoTeam = ?)",
            arguments: [at, from, from])
        try db.execute(
            sql: "UPDATE invite SET state = 'revoked', closedAt = ? WHERE teamId = ? AND state = 'active'",
            arguments: [at, from])
        try db.execute(sql: "DELETE FROM publicStanding WHERE teamId IN (?, ?)", arguments: [from, into])
        _ = try TeamRecord.deleteOne(db, key: from)  // its advancements and board rows go with it
        try bumpBoardVersion(team.competition)
    }

    func insert(_ organiser: OrganiserRecord) throws -> OrganiserRecord {
        var organiser = organiser
        try organiser.insert(db)
        return organiser
    }

    @discardableResult
    func insert(_ audit: AuditRecord) throws -> AuditRecord {
        var audit = audit
        try audit.insert(db)
        return audit
    }
}
