import Foundation

/// Submissions: what teams sent, their files, their scores and failures.
extension SQLTransaction {
    func charges(competition: String, round: String, teamId: Int64) throws -> TeamCharges {
        let rows = try sql.fetch(
            "SELECT id, createdAt \(Self.charged(competition: competition, round: round, teamId: teamId))"
        ) { (try $0.next(Int64.self), try $0.next(Date.self)) }
        return TeamCharges(times: rows.map(\.1), newest: rows.map(\.0).max())
    }

    /// `FROM submission WHERE …`: a team's charged submissions in a round.
    private static func charged(competition: String, round: String, teamId: Int64) -> SQL {
        """
        FROM submission
        WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId) AND charged = \(true)
        """
    }

    func submission(id: Int64) throws -> SubmissionRecord? {
        try sql.record("SELECT \(raw: SubmissionRecord.columns) FROM submission WHERE id = \(id)")
    }

    func submissions(competition: String, round: String, teamId: Int64) throws -> [SubmissionRecord] {
        try sql.records(
            """
            SELECT \(raw: SubmissionRecord.columns) FROM submission
            WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId) ORDER BY id DESC
            """)
    }

    func submissions(competition: String, round: String, statuses: [SubmissionStatus]) throws -> [SubmissionRecord] {
        try sql.records(
            """
            SELECT \(raw: SubmissionRecord.columns) FROM submission
            WHERE competition = \(competition) AND round = \(round) AND status IN \(list: statuses) ORDER BY id
            """)
    }

    func recentSubmissions(competition: String, limit: Int) throws -> [SubmissionRecord] {
        try sql.records(
            """
            SELECT \(raw: SubmissionRecord.columns) FROM submission WHERE competition = \(competition)
            ORDER BY id DESC LIMIT \(limit)
            """)
    }

    func scoredCount(competition: String, round: String) throws -> Int {
        try sql.count(
            """
            SELECT COUNT(*) FROM submission
            WHERE competition = \(competition) AND round = \(round) AND status = \(SubmissionStatus.scored)
            """)
    }

    func files(submissionId: Int64) throws -> [SubmissionFileRecord] {
        try sql.records(
            "SELECT \(raw: SubmissionFileRecord.columns) FROM submissionFile WHERE submissionId = \(submissionId)")
    }

    func submissionCount(teamId: Int64, submittedBy participantId: Int64?) throws -> Int {
        try sql.count(
            """
            SELECT COUNT(*) FROM submission
            WHERE teamId = \(teamId) AND (CAST(\(participantId) AS BIGINT) IS NULL OR submittedBy = \(participantId))
            """)
    }

    func cards(submissionIds: [Int64]) throws -> [Int64: String] {
        try texts(of: "card", submissionIds: submissionIds)
    }

    func scoreSheets(submissionIds: [Int64]) throws -> [Int64: String] {
        try texts(of: "scores", submissionIds: submissionIds)
    }

    /// One text column of these submissions, by id, where it is set.
    private func texts(of column: String, submissionIds: [Int64]) throws -> [Int64: String] {
        var texts: [Int64: String] = [:]
        for chunk in submissionIds.inStatementSizedChunks {
            for (id, text) in try sql.fetch(
                "SELECT id, \(raw: column) FROM submission WHERE \(raw: column) IS NOT NULL AND id IN \(list: chunk)",
                { (try $0.next(Int64.self), try $0.next(String.self)) })
            {
                texts[id] = text
            }
        }
        return texts
    }

    func resamples(submissionIds: [Int64], part: String) throws -> [Int64: [Double]] {
        let column = part == "private" ? "privateValues" : "publicValues"
        var resamples: [Int64: [Double]] = [:]
        for chunk in submissionIds.inStatementSizedChunks {
            for (id, bytes) in try sql.fetch(
                """
                SELECT submissionId, \(raw: column) FROM resamples
                WHERE \(raw: column) IS NOT NULL AND submissionId IN \(list: chunk)
                """, { (try $0.next(Int64.self), try $0.next(Data.self)) })
            {
                resamples[id] = ResampleCoding.decode(bytes)
            }
        }
        return resamples
    }

    func sliceResamples(submissionIds: [Int64], task: String) throws -> [Int64: [String: [Double]]] {
        var resamples: [Int64: [String: [Double]]] = [:]
        for chunk in submissionIds.inStatementSizedChunks {
            for (id, slice, bytes) in try sql.fetch(
                """
                SELECT submissionId, slice, sliceValues FROM sliceResamples
                WHERE task = \(task) AND submissionId IN \(list: chunk)
                """, { (try $0.next(Int64.self), try $0.next(String.self), try $0.next(Data.self)) })
            {
                resamples[id, default: [:]][slice] = ResampleCoding.decode(bytes)
            }
        }
        return resamples
    }

    func insert(_ submission: SubmissionRecord) throws -> SubmissionRecord {
        var record = submission
        record.id = try sql.value("\(Self.insertion(of: submission)) RETURNING id")
        return record
    }

    /// Inserts `submission` with its `files` and queues its job of `kind` while `basis` holds: on PostgreSQL in one
    /// statement (one round trip while the write lock is held), on SQLite one statement each. Its queue position
    /// counts the jobs queued before the insert, so both backends count alike.
    func insertQueued(
        _ submission: SubmissionRecord, files: [SubmissionFileRecord], kind: JobKind, at now: Date,
        if basis: AcceptBasis
    ) throws -> QueuedSubmission? {
        let insertion = Self.insertion(of: submission, if: basis)
        guard sql.dialect == .postgres else {
            let ahead = try sql.count(Self.queuedJobs)
            guard let id = try sql.value("\(insertion) RETURNING id", as: Int64.self) else { return nil }
            for var file in files {
                file.submissionId = id
                try insert(file)
            }
            try enqueue(submissionId: id, kind: kind, at: now)
            return QueuedSubmission(id: id, queuePosition: ahead + 1)
        }
        let rows = SQL.joined(
            files.map { "(\($0.task), \($0.sha256), \($0.name), \($0.size))" }, separator: ", ")
        return try sql.fetch(
            """
            WITH s AS (\(insertion) RETURNING id, teamId, competition),
            f AS (
                INSERT INTO submissionFile (submissionId, task, sha256, name, size)
                SELECT s.id, v.task, v.sha256, v.name, v.size FROM s, (VALUES \(rows)) AS v(task, sha256, name, size)),
            j AS (
                INSERT INTO scoringJob (submissionId, state, attempts, enqueuedAt, teamId, kind)
                SELECT id, \(JobState.queued), 0, \(now), teamId, \(kind) FROM s),
            v AS (\(Self.versionsBump(of: "SELECT competition FROM s", boards: false))),
            n AS (SELECT pg_notify(\(PostgresStore.channel(for: kind)), '') FROM s)
            SELECT id, (\(Self.queuedJobs)) + 1, (SELECT COUNT(*) FROM n) FROM s
            """
        ) { QueuedSubmission(id: try $0.next(Int64.self), queuePosition: try $0.next(Int.self)) }.first
    }

    /// `INSERT INTO submission … SELECT …` of `record` (its id left to the database), inserting nothing unless
    /// `basis` still holds for its team and round.
    private static func insertion(of record: SubmissionRecord, if basis: AcceptBasis) -> SQL {
        let member: SQL =
            basis.member.map {
                """
                AND EXISTS (SELECT 1 FROM participant
                    WHERE id = \($0.id) AND teamId = \($0.teamId) AND status = \($0.status))
                """
            } ?? ""
        let charged = charged(competition: record.competition, round: record.round, teamId: record.teamId)
        return """
            INSERT INTO submission (\(raw: insertedColumns))
            SELECT \(values(of: record))
            WHERE (SELECT COUNT(*) \(charged)) = \(basis.charges.times.count)
            AND COALESCE((SELECT MAX(id) \(charged)), 0) = \(basis.charges.newest ?? 0)
            AND COALESCE((SELECT MAX(id) \(openOrClose(competition: record.competition, round: record.round))), 0)
                = \(basis.lastOpenOrClose ?? 0)
            \(member)
            """
    }

    /// `INSERT INTO submission … VALUES …` of `record` (its id left to the database).
    private static func insertion(of record: SubmissionRecord) -> SQL {
        "INSERT INTO submission (\(raw: insertedColumns)) VALUES (\(values(of: record)))"
    }

    /// The columns an insert of a submission names.
    private static var insertedColumns: String {
        """
        competition, round, teamId, createdAt, message, status, charged, selected, disqualified, publicScore,
        privateScore, scores, error, errorDetail, solutionHash, scorerVersion, scoredAt, submittedBy, card
        """
    }

    /// `record`'s values in the order of `insertedColumns`.
    private static func values(of record: SubmissionRecord) -> SQL {
        """
        \(record.competition), \(record.round), \(record.teamId), \(record.createdAt), \(record.message),
        \(record.status), \(record.charged), \(record.selected), \(record.disqualified),
        \(record.publicScore), \(record.privateScore), \(record.scores), \(record.error), \(record.errorDetail),
        \(record.solutionHash), \(record.scorerVersion), \(record.scoredAt), \(record.submittedBy), \(record.card)
        """
    }

    func insert(_ file: SubmissionFileRecord) throws {
        try sql.perform(
            """
            INSERT INTO submissionFile (submissionId, task, sha256, name, size)
            VALUES (\(file.submissionId), \(file.task), \(file.sha256), \(file.name), \(file.size))
            """)
    }

    func select(competition: String, round: String, teamId: Int64, submissions ids: [Int64]) throws {
        try sql.perform(
            """
            UPDATE submission SET selected = CASE WHEN id IN \(list: ids) THEN \(true) ELSE \(false) END
            WHERE competition = \(competition) AND round = \(round) AND teamId = \(teamId)
            """)
        try bumpBoardVersion(competition)
    }

    func recordScore(_ score: StoredScore, submissionId: Int64, at now: Date) throws {
        try sql.perform(
            """
            UPDATE submission SET status = \(SubmissionStatus.scored), publicScore = \(score.publicScore),
            privateScore = \(score.privateScore), scores = \(score.json), error = NULL, errorDetail = NULL,
            solutionHash = \(score.solutionHash), scorerVersion = \(score.scorerVersion), scoredAt = \(now)
            WHERE id = \(submissionId)
            """)
        if score.replacesEarlier { try sql.perform("DELETE FROM resamples WHERE submissionId = \(submissionId)") }
        if score.publicResamples != nil || score.privateResamples != nil {
            try sql.perform(
                """
                INSERT INTO resamples (submissionId, publicValues, privateValues) VALUES (\(submissionId),
                \(ResampleCoding.encode(score.publicResamples)), \(ResampleCoding.encode(score.privateResamples)))
                """)
        }
        if score.replacesEarlier {
            try sql.perform("DELETE FROM sliceResamples WHERE submissionId = \(submissionId)")
        }
        for (task, slices) in score.sliceResamples {
            for (slice, values) in slices {
                try sql.perform(
                    """
                    INSERT INTO sliceResamples (submissionId, task, slice, sliceValues)
                    VALUES (\(submissionId), \(task), \(slice), \(ResampleCoding.encode(values)))
                    """)
            }
        }
        try bumpBoardVersion(submissionId: submissionId)
    }

    func markFailed(submissionId: Int64, error: String, detail: String, at now: Date) throws {
        try sql.perform(
            """
            UPDATE submission SET status = \(SubmissionStatus.failed), error = \(error), errorDetail = \(detail),
            scoredAt = \(now) WHERE id = \(submissionId)
            """)
        try bumpBoardVersion(submissionId: submissionId)
    }

    func disqualify(submissionId: Int64) throws {
        try sql.perform("UPDATE submission SET disqualified = \(true) WHERE id = \(submissionId)")
        try bumpBoardVersion(submissionId: submissionId)
    }
}

extension Array {
    /// The array in pieces small enough to bind in one statement (SQLite binds at most 32,766 values,
    /// PostgreSQL 65,535).
    var inStatementSizedChunks: [ArraySlice<Element>] {
        stride(from: 0, to: count, by: 1000).map { self[$0..<Swift.min($0 + 1000, count)] }
    }
}
