import Foundation

/// Fair-play signals of scored submissions, the organisers' cases, and requests' hashed addresses.
extension SQLTransaction {
    func saveSignal(_ signal: SubmissionSignal) throws {
        try sql.perform(
            """
            INSERT INTO submissionSignal (submissionId, competition, round, teamId, contentHash, errorRows, errorBits,
            rowBytes, changedRows) VALUES (\(signal.submissionId), \(signal.competition), \(signal.round),
            \(signal.teamId), \(signal.contentHash), \(Int64(signal.errorRows)), \(signal.errorBits),
            \(signal.rowBytes), \(signal.changedRows.map(Int64.init)))
            ON CONFLICT (submissionId) DO UPDATE SET contentHash = excluded.contentHash, errorRows = excluded.errorRows,
            errorBits = excluded.errorBits, rowBytes = excluded.rowBytes, changedRows = excluded.changedRows
            """)
    }

    func previousSignal(competition: String, round: String, teamId: Int64, before submissionId: Int64) throws
        -> SubmissionSignal?
    {
        // Signals are written as submissions are scored: the team's latest one below this id, off the index alone.
        try sql.fetch(
            """
            SELECT submissionId, competition, round, teamId, contentHash, errorRows, errorBits, rowBytes, changedRows
            FROM submissionSignal WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId)
            AND submissionId < \(submissionId) ORDER BY submissionId DESC LIMIT 1
            """
        ) { row in
            SubmissionSignal(
                submissionId: try row.next(), competition: try row.next(), round: try row.next(),
                teamId: try row.next(), contentHash: try row.next(), errorRows: try row.next(),
                errorBits: try row.next(), rowBytes: try row.next(), changedRows: try row.next())
        }.first
    }

    func teamPatterns(competition: String, round: String) throws -> [TeamPattern] {
        // One statement: the selections, the board rows and each team's latest, each with its role and whether its
        // team is a baseline.
        try sql.fetch(
            """
            SELECT 's', g.teamId, g.submissionId, g.errorRows, g.errorBits, g.contentHash, t.isBaseline
            FROM submission s JOIN submissionSignal g ON g.submissionId = s.id JOIN team t ON t.id = g.teamId
            WHERE s.competition = \(competition) AND s.round = \(round) AND s.selected
            AND s.status = \(SubmissionStatus.scored) AND s.disqualified = \(false)
            UNION ALL
            SELECT 'b', g.teamId, g.submissionId, g.errorRows, g.errorBits, g.contentHash, t.isBaseline
            FROM publicStanding p JOIN submissionSignal g ON g.submissionId = p.submission
            JOIN team t ON t.id = g.teamId
            WHERE p.competition = \(competition) AND p.round = \(round)
            UNION ALL
            SELECT 'l', g.teamId, g.submissionId, g.errorRows, g.errorBits, g.contentHash, t.isBaseline
            FROM submissionSignal g JOIN submission s ON s.id = g.submissionId JOIN team t ON t.id = g.teamId
            WHERE g.submissionId IN (SELECT MAX(submissionId) FROM submissionSignal
              WHERE competition = \(competition) AND round = \(round) GROUP BY teamId)
            AND s.status = \(SubmissionStatus.scored) AND s.disqualified = \(false)
            """
        ) { row in
            let role: TeamPattern.Role =
                switch try row.next(String.self) {
                case "s": .selected
                case "b": .boardRow
                default: .latest
                }
            return TeamPattern(
                teamId: try row.next(), submissionId: try row.next(), errorRows: try row.next(),
                errorBits: try row.next(), contentHash: try row.next(), isBaseline: try row.next(), role: role)
        }
    }

    func submissions(competition: String, round: String, contentHash: String) throws -> [SignalMatch] {
        // Each team's first submission of it: one row a team, however often it was sent again.
        try sql.fetch(
            """
            SELECT g.submissionId, g.teamId, s.createdAt, t.isBaseline FROM submissionSignal g
            JOIN submission s ON s.id = g.submissionId JOIN team t ON t.id = g.teamId
            WHERE g.submissionId IN (SELECT MIN(submissionId) FROM submissionSignal
              WHERE competition = \(competition) AND round = \(round) AND contentHash = \(contentHash) GROUP BY teamId)
            AND s.status = \(SubmissionStatus.scored) ORDER BY g.submissionId
            """
        ) {
            SignalMatch(
                submissionId: try $0.next(), teamId: try $0.next(), submittedAt: try $0.next(),
                isBaseline: try $0.next())
        }
    }

    func signalSteps(competition: String, round: String, teamId: Int64) throws -> [SignalStep] {
        try sql.fetch(
            """
            SELECT g.submissionId, g.changedRows, CAST(LENGTH(g.rowBytes) AS BIGINT), s.publicScore, s.privateScore
            FROM submissionSignal g JOIN submission s ON s.id = g.submissionId
            WHERE g.competition = \(competition) AND g.round = \(round) AND g.teamId = \(teamId)
            AND s.status = \(SubmissionStatus.scored) AND s.disqualified = \(false) ORDER BY g.submissionId
            """
        ) { row in
            SignalStep(
                submissionId: try row.next(), changedRows: try row.next(), rows: try row.next(),
                publicScore: try row.next(), privateScore: try row.next())
        }
    }

    func integrityCases(competition: String, round: String) throws -> [IntegrityCaseRecord] {
        try sql.fetch(
            """
            SELECT \(raw: Self.caseColumns) FROM integrityCase
            WHERE competition = \(competition) AND round = \(round) ORDER BY id DESC
            """, Self.integrityCase)
    }

    func integrityCase(id: Int64) throws -> IntegrityCaseRecord? {
        try sql.fetch("SELECT \(raw: Self.caseColumns) FROM integrityCase WHERE id = \(id)", Self.integrityCase).first
    }

    func recordIntegrityCase(
        competition: String, round: String, kind: IntegrityKind, subject: String, teamIds: [Int64], evidence: String,
        at: Date
    ) throws -> Int64 {
        try sql.value(
            """
            INSERT INTO integrityCase (competition, round, kind, subject, teams, evidence, state, openedAt, updatedAt)
            VALUES (\(competition), \(round), \(kind), \(subject), \(Self.teamsKey(teamIds)), \(evidence),
            \(IntegrityState.open), \(at), \(at))
            ON CONFLICT (competition, round, kind, subject)
            DO UPDATE SET teams = excluded.teams, evidence = excluded.evidence, updatedAt = excluded.updatedAt
            RETURNING id
            """, as: Int64.self)!
    }

    func updateIntegrityEvidence(
        competition: String, round: String, kind: IntegrityKind, subject: String, teamIds: [Int64], evidence: String,
        at: Date
    ) throws -> Bool {
        try sql.execute(
            """
            UPDATE integrityCase SET teams = \(Self.teamsKey(teamIds)), evidence = \(evidence), updatedAt = \(at)
            WHERE competition = \(competition) AND round = \(round) AND kind = \(kind) AND subject = \(subject)
            """) > 0
    }

    func decideIntegrityCase(id: Int64, state: IntegrityState, reason: String, by: String, at: Date) throws {
        try sql.perform(
            """
            UPDATE integrityCase SET state = \(state), reason = \(reason), decidedBy = \(by), decidedAt = \(at)
            WHERE id = \(id)
            """)
    }

    func recordAccess(_ trace: AccessTrace) throws {
        try sql.perform(
            """
            INSERT INTO accessTrace (competition, participantId, teamId, addressHash, agentHash, action, at)
            VALUES (\(trace.competition), \(trace.participantId), \(trace.teamId), \(trace.addressHash),
            \(trace.agentHash), \(trace.action), \(trace.at))
            """)
    }

    func accessTraces(competition: String, addressHash: String, since: Date) throws -> [AccessTrace] {
        try sql.fetch(
            """
            SELECT competition, participantId, teamId, addressHash, agentHash, action, at FROM accessTrace
            WHERE competition = \(competition) AND addressHash = \(addressHash) AND at >= \(since) ORDER BY id
            """
        ) { row in
            AccessTrace(
                competition: try row.next(), participantId: try row.next(), teamId: try row.next(),
                addressHash: try row.next(), agentHash: try row.next(), action: try row.next(), at: try row.next())
        }
    }

    func integrityKey(competition: String) throws -> [UInt8]? {
        try sql.value("SELECT addressKey FROM integrityKey WHERE competition = \(competition)", as: Data.self)
            .map { Array($0) }
    }

    func saveIntegrityKey(competition: String, key: [UInt8]) throws {
        try sql.perform(
            """
            INSERT INTO integrityKey (competition, addressKey) VALUES (\(competition), \(Data(key)))
            ON CONFLICT (competition) DO NOTHING
            """)
    }

    func forgetAddresses(competition: String) throws -> Int {
        try sql.perform("DELETE FROM integrityKey WHERE competition = \(competition)")
        return try sql.execute("DELETE FROM accessTrace WHERE competition = \(competition)")
    }

    private static var caseColumns: String {
        "id, competition, round, kind, subject, teams, evidence, state, reason, decidedBy, decidedAt, openedAt, updatedAt"
    }

    /// The stored form of a case's teams (as a subject of teams is written).
    static func teamsKey(_ ids: [Int64]) -> String { IntegrityCaseRecord.teamsSubject(ids) }

    private static func integrityCase(_ row: inout RowReader<E.Row>) throws -> IntegrityCaseRecord {
        let (id, competition, round, kind) = (
            try row.next(Int64.self), try row.next(String.self), try row.next(String.self),
            try row.next(IntegrityKind.self)
        )
        let (subject, teams, evidence) = (
            try row.next(String.self), try row.next(String.self), try row.next(String.self)
        )
        let state = try row.next(IntegrityState.self)
        return IntegrityCaseRecord(
            id: id, competition: competition, round: round, kind: kind, subject: subject,
            teamIds: teams.split(separator: ",").compactMap { Int64($0) }, evidence: evidence, state: state,
            reason: try row.next(), decidedBy: try row.next(), decidedAt: try row.next(), openedAt: try row.next(),
            updatedAt: try row.next())
    }
}
