import Foundation

/// A named step of the schema, run once per database, written once for both backends.
struct Migration: Sendable {
    /// Its name, recorded in `podiumMigration` when it has run.
    let name: String
    /// What a PostgreSQL database recorded when an earlier Podium, which kept a separate PostgreSQL schema, ran
    /// the same step (one of its migrations covered the first three of these).
    let formerPostgresName: String?
    /// Its statements, in order.
    let statements: [SQL]

    /// A migration; `formerPostgresName` only for the steps an earlier Podium ran on PostgreSQL.
    init(name: String, formerPostgresName: String? = nil, statements: [SQL]) {
        self.name = name
        self.formerPostgresName = formerPostgresName
        self.statements = statements
    }
}

/// The schema as named, append-only migrations: never edit one that has shipped; add a column or a table with a
/// new entry at the end. Identifiers are unquoted, so PostgreSQL folds them to lower case in its catalogue and
/// every query matches them either way.
enum Schema {
    static let migrations: [Migration] = [
        Migration(
            name: "v1: competitions, teams, rounds, submissions, scoring queue, events",
            formerPostgresName: postgresV1,
            statements: [
                """
                CREATE TABLE competition (slug TEXT PRIMARY KEY, title TEXT NOT NULL, folder TEXT NOT NULL,
                loadedAt \(.timestampType) NOT NULL)
                """,
                """
                CREATE TABLE solution (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, task TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
                PRIMARY KEY (competition, round, task))
                """,
                """
                CREATE TABLE team (id \(.autoIncrementKey),
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, name TEXT NOT NULL,
                tokenHash TEXT NOT NULL UNIQUE, isBaseline BOOLEAN NOT NULL DEFAULT FALSE,
                disqualified BOOLEAN NOT NULL DEFAULT FALSE, createdAt \(.timestampType) NOT NULL,
                UNIQUE (competition, name))
                """,
                """
                CREATE TABLE roundAction (id \(.autoIncrementKey),
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, round TEXT NOT NULL,
                kind TEXT NOT NULL, at \(.timestampType) NOT NULL, actor TEXT NOT NULL)
                """,
                """
                CREATE TABLE advancement (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, teamId BIGINT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
                at \(.timestampType) NOT NULL, PRIMARY KEY (competition, round, teamId))
                """,
                """
                CREATE TABLE submission (id \(.autoIncrementKey),
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, round TEXT NOT NULL,
                teamId BIGINT NOT NULL REFERENCES team(id) ON DELETE CASCADE, createdAt \(.timestampType) NOT NULL,
                message TEXT, status TEXT NOT NULL, charged BOOLEAN NOT NULL, selected BOOLEAN NOT NULL DEFAULT FALSE,
                disqualified BOOLEAN NOT NULL DEFAULT FALSE, publicScore DOUBLE PRECISION,
                privateScore DOUBLE PRECISION, scores TEXT, error TEXT, errorDetail TEXT, solutionHash TEXT,
                scorerVersion TEXT, scoredAt \(.timestampType))
                """,
                "CREATE INDEX submission_by_team_round ON submission (competition, round, teamId)",
                """
                CREATE TABLE submissionFile (submissionId BIGINT NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                task TEXT NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL, size BIGINT NOT NULL,
                PRIMARY KEY (submissionId, task))
                """,
                """
                CREATE TABLE scoringJob (submissionId BIGINT PRIMARY KEY REFERENCES submission(id) ON DELETE CASCADE,
                state TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, leaseOwner TEXT,
                leaseExpiresAt \(.timestampType), enqueuedAt \(.timestampType) NOT NULL, lastError TEXT)
                """,
                "CREATE INDEX scoringJob_by_state ON scoringJob (state, enqueuedAt)",
                """
                CREATE TABLE event (id \(.autoIncrementKey), competition TEXT NOT NULL, type TEXT NOT NULL,
                payload TEXT NOT NULL, createdAt \(.timestampType) NOT NULL)
                """,
            ]),
        Migration(
            name: "v2: notification outbox",
            formerPostgresName: postgresV1,
            statements: [
                """
                CREATE TABLE delivery (id \(.autoIncrementKey),
                eventId BIGINT NOT NULL REFERENCES event(id) ON DELETE CASCADE, target TEXT NOT NULL,
                state TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, nextAttemptAt \(.timestampType) NOT NULL,
                lastStatus BIGINT, lastResponse TEXT, deliveredAt \(.timestampType), UNIQUE (eventId, target))
                """,
                "CREATE INDEX delivery_by_target ON delivery (target, state, eventId)",
                "CREATE TABLE notifyCursor (target TEXT PRIMARY KEY, lastEventId BIGINT NOT NULL)",
                "CREATE TABLE scheduledEvent (key TEXT PRIMARY KEY, eventId BIGINT NOT NULL)",
            ]),
        Migration(
            name: "v3: fair queue (a job's team, when it was last claimed)",
            formerPostgresName: postgresV1,
            statements: [
                "ALTER TABLE scoringJob ADD COLUMN teamId BIGINT",
                "ALTER TABLE scoringJob ADD COLUMN claimedAt \(.timestampType)",
                "UPDATE scoringJob SET teamId = (SELECT teamId FROM submission WHERE submission.id = submissionId)",
                "CREATE INDEX scoringJob_by_team ON scoringJob (teamId, state, claimedAt)",
            ]),
        Migration(
            name: "v4: files in the database (blobs, a competition's files)",
            formerPostgresName: "v2: files in the database (blobs, a competition's files)",
            statements: [
                "CREATE TABLE blob (sha256 TEXT PRIMARY KEY, bytes \(.bytesType) NOT NULL)",
                """
                CREATE TABLE competitionFile (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                path TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (competition, path))
                """,
            ]),
        Migration(
            name: "v5: public boards kept as state (a row per team and round)",
            formerPostgresName: "v3: public boards kept as state (a row per team and round)",
            statements: [
                """
                CREATE TABLE publicStanding (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, teamId BIGINT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
                submission BIGINT NOT NULL, submittedAt \(.timestampType) NOT NULL,
                publicScore DOUBLE PRECISION NOT NULL, publicTasks TEXT NOT NULL, entries BIGINT NOT NULL,
                PRIMARY KEY (competition, round, teamId))
                """,
                "CREATE INDEX publicStanding_by_score ON publicStanding (competition, round, publicScore)",
                """
                CREATE TABLE standingBuild (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, builtAt \(.timestampType) NOT NULL, PRIMARY KEY (competition, round))
                """,
            ]),
        Migration(
            name: "v6: a version of each competition's boards, bumped by every change they show",
            formerPostgresName: "v4: a version of each competition's boards, bumped by every change they show",
            statements: ["CREATE TABLE boardVersion (competition TEXT PRIMARY KEY, version BIGINT NOT NULL)"]),
        Migration(
            name: "v7: participants, teams they form, invite codes, merges, organisers, audit log",
            formerPostgresName: "v5: participants, teams they form, invite codes, merges, organisers, audit log",
            statements: participation),
        Migration(
            name: "v8: model cards of submissions and baselines",
            formerPostgresName: "v6: model cards of submissions and baselines",
            statements: ["ALTER TABLE submission ADD COLUMN card TEXT", "ALTER TABLE team ADD COLUMN card TEXT"]),
        Migration(
            name: "v9: bootstrap resamples of scores, for intervals and rank groups",
            formerPostgresName: "v7: bootstrap resamples of scores, for intervals and rank groups",
            statements: [
                """
                CREATE TABLE resamples (submissionId BIGINT PRIMARY KEY REFERENCES submission(id) ON DELETE CASCADE,
                publicValues \(.bytesType), privateValues \(.bytesType))
                """
            ]),
        Migration(
            name: "v10: a competition's calendar moved by whole days (rehearsals, the demo)",
            formerPostgresName: "v8: a competition's calendar moved by whole days (rehearsals, the demo)",
            statements: ["ALTER TABLE competition ADD COLUMN calendarShiftDays INTEGER NOT NULL DEFAULT 0"]),
        Migration(
            name: "v11: code jobs (run in the sandbox by workers that can) and the stage a job is in",
            statements: [
                "ALTER TABLE scoringJob ADD COLUMN kind TEXT NOT NULL DEFAULT 'files'",
                "ALTER TABLE scoringJob ADD COLUMN stage TEXT",
            ]),
        Migration(
            name: "v12: a version of each competition's activity, bumped by every change its pages show",
            statements: ["ALTER TABLE boardVersion ADD COLUMN activity BIGINT NOT NULL DEFAULT 0"]),
        Migration(
            name: "v13: bootstrap resamples of scores on the slices of a task, for the diagnostics page's paired test",
            statements: [
                """
                CREATE TABLE sliceResamples (submissionId BIGINT NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                task TEXT NOT NULL, slice TEXT NOT NULL, sliceValues \(.bytesType) NOT NULL,
                PRIMARY KEY (submissionId, task, slice))
                """
            ]),
        Migration(
            name: "v14: every integer column 64-bit, as prepared statements bind them",
            statements: ["\(.columnWidenedToBigint(table: "competition", column: "calendarShiftDays"))"]),
        Migration(
            name: "v15: chat users linked to participants, the one-time codes that link them, their alert choices",
            statements: [
                """
                CREATE TABLE chatLinkCode (codeHash TEXT PRIMARY KEY,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                participantId BIGINT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                expiresAt \(.timestampType) NOT NULL)
                """,
                """
                CREATE TABLE chatLink (transport TEXT NOT NULL, chatUser TEXT NOT NULL,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                participantId BIGINT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                linkedAt \(.timestampType) NOT NULL, PRIMARY KEY (transport, chatUser, competition))
                """,
                "CREATE INDEX chatLink_by_participant ON chatLink (participantId)",
                """
                CREATE TABLE alertChoice (participantId BIGINT NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
                kind TEXT NOT NULL, PRIMARY KEY (participantId, kind))
                """,
            ]),
        Migration(
            name: "v16: fair play: each scored submission's signal, the review's cases, requests' hashed addresses",
            statements: [
                """
                CREATE TABLE submissionSignal (submissionId BIGINT PRIMARY KEY REFERENCES submission(id) ON DELETE CASCADE,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, round TEXT NOT NULL,
                teamId BIGINT NOT NULL, contentHash TEXT NOT NULL, errorRows BIGINT NOT NULL,
                errorBits \(.bytesType) NOT NULL, rowBytes \(.bytesType) NOT NULL, changedRows BIGINT)
                """,
                "CREATE INDEX submissionSignal_by_hash ON submissionSignal (competition, round, contentHash, teamId)",
                "CREATE INDEX submissionSignal_by_team ON submissionSignal (competition, round, teamId, submissionId)",
                // The few final selections of a round, found without reading its every submission.
                "CREATE INDEX submission_selected ON submission (competition, round) WHERE selected",
                """
                CREATE TABLE integrityCase (id \(.autoIncrementKey),
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, round TEXT NOT NULL,
                kind TEXT NOT NULL, subject TEXT NOT NULL, teams TEXT NOT NULL, evidence TEXT NOT NULL,
                state TEXT NOT NULL, reason TEXT, decidedBy TEXT, decidedAt \(.timestampType),
                openedAt \(.timestampType) NOT NULL, updatedAt \(.timestampType) NOT NULL,
                UNIQUE (competition, round, kind, subject))
                """,
                """
                CREATE TABLE accessTrace (id \(.autoIncrementKey),
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                participantId BIGINT NOT NULL REFERENCES participant(id) ON DELETE CASCADE, teamId BIGINT,
                addressHash TEXT NOT NULL, agentHash TEXT, action TEXT NOT NULL, at \(.timestampType) NOT NULL)
                """,
                "CREATE INDEX accessTrace_by_address ON accessTrace (competition, addressHash, at)",
                """
                CREATE TABLE integrityKey (competition TEXT PRIMARY KEY REFERENCES competition(slug) ON DELETE CASCADE,
                addressKey \(.bytesType) NOT NULL)
                """,
            ]),
    ]

    private static let postgresV1 =
        "v1: the SQLite schema v1-v3 (competitions, teams, rounds, submissions, fair queue, events, outbox)"

    private static let participation: [SQL] = [
        "ALTER TABLE team ADD COLUMN captainId BIGINT",
        "ALTER TABLE submission ADD COLUMN submittedBy BIGINT",
        """
        CREATE TABLE participant (id \(.autoIncrementKey),
        competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, name TEXT NOT NULL,
        tokenHash TEXT NOT NULL, status TEXT NOT NULL, teamId BIGINT REFERENCES team(id) ON DELETE SET NULL,
        joinedAt \(.timestampType), acceptedRules BOOLEAN NOT NULL, createdAt \(.timestampType) NOT NULL,
        UNIQUE (competition, name))
        """,
        "CREATE INDEX participant_by_token ON participant (competition, tokenHash)",
        "CREATE INDEX participant_by_team ON participant (teamId)",
        """
        CREATE TABLE invite (code TEXT PRIMARY KEY,
        competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, teamId BIGINT NOT NULL,
        state TEXT NOT NULL, createdAt \(.timestampType) NOT NULL, usedBy BIGINT, closedAt \(.timestampType))
        """,
        "CREATE INDEX invite_by_team ON invite (teamId, state)",
        """
        CREATE TABLE mergeRequest (id \(.autoIncrementKey),
        competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, fromTeam BIGINT NOT NULL,
        intoTeam BIGINT NOT NULL, state TEXT NOT NULL, createdAt \(.timestampType) NOT NULL,
        decidedAt \(.timestampType))
        """,
        "CREATE INDEX mergeRequest_by_from ON mergeRequest (fromTeam, state)",
        "CREATE INDEX mergeRequest_by_into ON mergeRequest (intoTeam, state)",
        "CREATE INDEX submission_by_team ON submission (teamId, submittedBy)",
        """
        CREATE TABLE organiser (id \(.autoIncrementKey), name TEXT NOT NULL UNIQUE,
        tokenHash TEXT NOT NULL UNIQUE, createdAt \(.timestampType) NOT NULL)
        """,
        """
        CREATE TABLE audit (id \(.autoIncrementKey), at \(.timestampType) NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, competition TEXT, subject TEXT NOT NULL, reason TEXT, details TEXT NOT NULL)
        """,
        "CREATE INDEX audit_by_competition ON audit (competition, id)",
    ]

    /// The table that records which migrations a database has run.
    static let ledger: SQL =
        "CREATE TABLE IF NOT EXISTS podiumMigration (name TEXT PRIMARY KEY, appliedAt \(.timestampType))"

    /// The migrations a database still needs, given the names it recorded (its own, or an earlier Podium's).
    static func pending(applied: Set<String>) -> [Migration] {
        migrations.filter { migration in
            !applied.contains(migration.name) && !(migration.formerPostgresName.map(applied.contains) ?? false)
        }
    }

    /// Applies every pending migration through `executor`, each in its own transaction begun and ended by
    /// `transaction`, checked again inside it (another process may have run it meanwhile); `alsoApplied` are
    /// names the database recorded elsewhere before this Podium (see `pending`).
    static func migrate<E: SQLExecutor>(
        _ executor: E, alsoApplied: Set<String> = [], transaction: (() throws -> Void) throws -> Void
    ) throws {
        try executor.execute(ledger)
        func applied() throws -> Set<String> {
            Set(try executor.column("SELECT name FROM podiumMigration", as: String.self)).union(alsoApplied)
        }
        for migration in pending(applied: try applied()) {
            try transaction {
                guard try pending(applied: try applied()).contains(where: { $0.name == migration.name }) else { return }
                for statement in migration.statements { try executor.execute(statement) }
                try executor.execute(
                    "INSERT INTO podiumMigration (name, appliedAt) VALUES (\(migration.name), \(Date()))")
            }
        }
    }
}
