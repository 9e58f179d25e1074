/// The PostgreSQL schema: the same tables and columns as the SQLite migrations (a test compares them),
/// in PostgreSQL's types. Migrations are named and append-only, like `AppDatabase`'s; identifiers are
/// unquoted, so PostgreSQL folds them to lower case in its catalogue and every query matches them.
enum PostgresSchema {
    /// Every migration, in order: its name and its statements.
    static let migrations: [(name: String, statements: [String])] = [
        (
            "v1: the SQLite schema v1-v3 (competitions, teams, rounds, submissions, fair queue, events, outbox)",
            [
                """
                CREATE TABLE competition (slug TEXT PRIMARY KEY, title TEXT NOT NULL, folder TEXT NOT NULL,
                loadedAt TIMESTAMPTZ NOT NULL)
                """,
                """
                CREATE TABLE solution (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, task TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
                PRIMARY KEY (competition, round, task))
                """,
                """
                CREATE TABLE team (id BIGSERIAL PRIMARY KEY,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, name TEXT NOT NULL,
                tokenHash TEXT NOT NULL UNIQUE, isBaseline BOOLEAN NOT NULL DEFAULT FALSE,
                disqualified BOOLEAN NOT NULL DEFAULT FALSE, createdAt TIMESTAMPTZ NOT NULL, UNIQUE (competition, name))
                """,
                """
                CREATE TABLE roundAction (id BIGSERIAL PRIMARY KEY,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, round TEXT NOT NULL,
                kind TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, actor TEXT NOT NULL)
                """,
                """
                CREATE TABLE advancement (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, teamId BIGINT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
                at TIMESTAMPTZ NOT NULL, PRIMARY KEY (competition, round, teamId))
                """,
                """
                CREATE TABLE submission (id BIGSERIAL PRIMARY KEY,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, round TEXT NOT NULL,
                teamId BIGINT NOT NULL REFERENCES team(id) ON DELETE CASCADE, createdAt TIMESTAMPTZ NOT NULL,
                message TEXT, status TEXT NOT NULL, charged BOOLEAN NOT NULL, selected BOOLEAN NOT NULL DEFAULT FALSE,
                disqualified BOOLEAN NOT NULL DEFAULT FALSE, publicScore DOUBLE PRECISION,
                privateScore DOUBLE PRECISION, scores TEXT, error TEXT, errorDetail TEXT, solutionHash TEXT,
                scorerVersion TEXT, scoredAt TIMESTAMPTZ)
                """,
                "CREATE INDEX submission_by_team_round ON submission (competition, round, teamId)",
                """
                CREATE TABLE submissionFile (submissionId BIGINT NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
                task TEXT NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL, size BIGINT NOT NULL,
                PRIMARY KEY (submissionId, task))
                """,
                """
                CREATE TABLE scoringJob (submissionId BIGINT PRIMARY KEY REFERENCES submission(id) ON DELETE CASCADE,
                state TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, leaseOwner TEXT, leaseExpiresAt TIMESTAMPTZ,
                enqueuedAt TIMESTAMPTZ NOT NULL, lastError TEXT, teamId BIGINT, claimedAt TIMESTAMPTZ)
                """,
                "CREATE INDEX scoringJob_by_state ON scoringJob (state, enqueuedAt)",
                "CREATE INDEX scoringJob_by_team ON scoringJob (teamId, state, claimedAt)",
                """
                CREATE TABLE event (id BIGSERIAL PRIMARY KEY, competition TEXT NOT NULL, type TEXT NOT NULL,
                payload TEXT NOT NULL, createdAt TIMESTAMPTZ NOT NULL)
                """,
                """
                CREATE TABLE delivery (id BIGSERIAL PRIMARY KEY,
                eventId BIGINT NOT NULL REFERENCES event(id) ON DELETE CASCADE, target TEXT NOT NULL,
                state TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, nextAttemptAt TIMESTAMPTZ NOT NULL,
                lastStatus BIGINT, lastResponse TEXT, deliveredAt TIMESTAMPTZ, UNIQUE (eventId, target))
                """,
                "CREATE INDEX delivery_by_target ON delivery (target, state, eventId)",
                "CREATE TABLE notifyCursor (target TEXT PRIMARY KEY, lastEventId BIGINT NOT NULL)",
                "CREATE TABLE scheduledEvent (key TEXT PRIMARY KEY, eventId BIGINT NOT NULL)",
            ]
        ),
        (
            "v2: files in the database (blobs, a competition's files)",
            [
                "CREATE TABLE blob (sha256 TEXT PRIMARY KEY, bytes BYTEA NOT NULL)",
                """
                CREATE TABLE competitionFile (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                path TEXT NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (competition, path))
                """,
            ]
        ),
        (
            "v3: public boards kept as state (a row per team and round)",
            [
                """
                CREATE TABLE publicStanding (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, teamId BIGINT NOT NULL REFERENCES team(id) ON DELETE CASCADE,
                submission BIGINT NOT NULL, submittedAt TIMESTAMPTZ NOT NULL, publicScore DOUBLE PRECISION NOT NULL,
                publicTasks TEXT NOT NULL, entries BIGINT NOT NULL, PRIMARY KEY (competition, round, teamId))
                """,
                "CREATE INDEX publicStanding_by_score ON publicStanding (competition, round, publicScore)",
                """
                CREATE TABLE standingBuild (competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE,
                round TEXT NOT NULL, builtAt TIMESTAMPTZ NOT NULL, PRIMARY KEY (competition, round))
                """,
            ]
        ),
        (
            "v4: a version of each competition's boards, bumped by every change they show",
            ["CREATE TABLE boardVersion (competition TEXT PRIMARY KEY, version BIGINT NOT NULL)"]
        ),
        (
            "v5: participants, teams they form, invite codes, merges, organisers, audit log",
            [
                "ALTER TABLE team ADD COLUMN captainId BIGINT",
                "ALTER TABLE submission ADD COLUMN submittedBy BIGINT",
                """
                CREATE TABLE participant (id BIGSERIAL PRIMARY KEY,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, name TEXT NOT NULL,
                tokenHash TEXT NOT NULL, status TEXT NOT NULL, teamId BIGINT REFERENCES team(id) ON DELETE SET NULL,
                joinedAt TIMESTAMPTZ, acceptedRules BOOLEAN NOT NULL, createdAt TIMESTAMPTZ NOT NULL,
                UNIQUE (competition, name))
                """,
                "CREATE INDEX participant_by_token ON participant (competition, tokenHash)",
                "CREATE INDEX participant_by_team ON participant (teamId)",
                """
                CREATE TABLE invite (code TEXT PRIMARY KEY,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, teamId BIGINT NOT NULL,
                state TEXT NOT NULL, createdAt TIMESTAMPTZ NOT NULL, usedBy BIGINT, closedAt TIMESTAMPTZ)
                """,
                "CREATE INDEX invite_by_team ON invite (teamId, state)",
                """
                CREATE TABLE mergeRequest (id BIGSERIAL PRIMARY KEY,
                competition TEXT NOT NULL REFERENCES competition(slug) ON DELETE CASCADE, fromTeam BIGINT NOT NULL,
                intoTeam BIGINT NOT NULL, state TEXT NOT NULL, createdAt TIMESTAMPTZ NOT NULL, decidedAt TIMESTAMPTZ)
                """,
                "CREATE INDEX mergeRequest_by_from ON mergeRequest (fromTeam, state)",
                "CREATE INDEX mergeRequest_by_into ON mergeRequest (intoTeam, state)",
                "CREATE INDEX submission_by_team ON submission (teamId, submittedBy)",
                """
                CREATE TABLE organiser (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                tokenHash TEXT NOT NULL UNIQUE, createdAt TIMESTAMPTZ NOT NULL)
                """,
                """
                CREATE TABLE audit (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL, actor TEXT NOT NULL,
                action TEXT NOT NULL, competition TEXT, subject TEXT NOT NULL, reason TEXT, details TEXT NOT NULL)
                """,
                "CREATE INDEX audit_by_competition ON audit (competition, id)",
            ]
        ),
        (
            "v6: model cards of submissions and baselines",
            ["ALTER TABLE submission ADD COLUMN card TEXT", "ALTER TABLE team ADD COLUMN card TEXT"]
        ),
        (
            "v7: bootstrap resamples of scores, for intervals and rank groups",
            [
                """
                CREATE TABLE resamples (submissionId BIGINT PRIMARY KEY REFERENCES submission(id) ON DELETE CASCADE,
                publicValues BYTEA, privateValues BYTEA)
                """
            ]
        ),
        (
            "v8: a competition's calendar moved by whole days (rehearsals, the demo)",
            ["ALTER TABLE competition ADD COLUMN calendarShiftDays INTEGER NOT NULL DEFAULT 0"]
        ),
    ]
}
