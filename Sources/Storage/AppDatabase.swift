import Foundation
import GRDB

/// Owns the SQLite database (WAL, a `DatabasePool`) and its migrations.
///
/// Several processes may open the same file (the server and `podium work`): writes are IMMEDIATE
/// transactions, so SQLite serialises them across processes, and a busy database is waited for, not
/// failed.
public final class AppDatabase: Sendable {
    /// The connection pool.
    public let writer: DatabasePool
    private let locks = ProcessLocks()

    /// Opens (creating and migrating) the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        writer = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(writer)
    }

    /// The process lock `name` of this database file.
    func processLock(_ name: String) -> ProcessLock { locks.lock(name, path: "\(writer.path).\(name).lock") }

    /// The tables and their columns, lower-cased (PostgreSQL's catalogue spelling), for the schema-parity
    /// test; GRDB's and SQLite's own tables left out.
    public func tableColumns() throws -> [String: Set<String>] {
        try writer.read { db in
            var tables: [String: Set<String>] = [:]
            for table in try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table'
                    AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                    """)
            {
                tables[table.lowercased()] = Set(try db.columns(in: table).map { $0.name.lowercased() })
            }
            return tables
        }
    }

    /// Named, append-only migrations; never edit one that has shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: competitions, teams, rounds, submissions, scoring queue, events") { db in
            try db.create(table: "competition") { t in
                t.primaryKey("slug", .text)
                t.column("title", .text).notNull()
                t.column("folder", .text).notNull()
                t.column("loadedAt", .datetime).notNull()
            }
            try db.create(table: "solution") { t in
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("round", .text).notNull()
                t.column("task", .text).notNull()
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.primaryKey(["competition", "round", "task"])
            }
            try db.create(table: "team") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("tokenHash", .text).notNull().unique()
                t.column("isBaseline", .boolean).notNull().defaults(to: false)
                t.column("disqualified", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["competition", "name"])
            }
            try db.create(table: "roundAction") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("round", .text).notNull()
                t.column("kind", .text).notNull()  // open, close, reveal
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
            }
            try db.create(table: "advancement") { t in
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("round", .text).notNull()
                t.column("teamId", .integer).notNull().references("team", onDelete: .cascade)
                t.column("at", .datetime).notNull()
                t.primaryKey(["competition", "round", "teamId"])
            }
            try db.create(table: "submission") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("round", .text).notNull()
                t.column("teamId", .integer).notNull().references("team", onDelete: .cascade)
                t.column("createdAt", .datetime).notNull()
                t.column("message", .text)
                t.column("status", .text).notNull()  // queued, scoring, scored, failed
                t.column("charged", .boolean).notNull()
                t.column("selected", .boolean).notNull().defaults(to: false)
                t.column("disqualified", .boolean).notNull().defaults(to: false)
                t.column("publicScore", .double)
                t.column("privateScore", .double)
                t.column("scores", .text)  // JSON: per task, per part
                t.column("error", .text)  // what the team sees
                t.column("errorDetail", .text)  // what the organiser sees
                t.column("solutionHash", .text)
                t.column("scorerVersion", .text)
                t.column("scoredAt", .datetime)
            }
            try db.create(
                index: "submission_by_team_round", on: "submission", columns: ["competition", "round", "teamId"])
            try db.create(table: "submissionFile") { t in
                t.column("submissionId", .integer).notNull().references("submission", onDelete: .cascade)
                t.column("task", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("name", .text).notNull()
                t.column("size", .integer).notNull()
                t.primaryKey(["submissionId", "task"])
            }
            try db.create(table: "scoringJob") { t in
                t.primaryKey("submissionId", .integer).references("submission", onDelete: .cascade)
                t.column("state", .text).notNull()  // queued, leased, done, failed
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("leaseOwner", .text)
                t.column("leaseExpiresAt", .datetime)
                t.column("enqueuedAt", .datetime).notNull()
                t.column("lastError", .text)
            }
            try db.create(index: "scoringJob_by_state", on: "scoringJob", columns: ["state", "enqueuedAt"])
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("competition", .text).notNull()
                t.column("type", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v2: notification outbox") { db in
            try db.create(table: "delivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("eventId", .integer).notNull().references("event", onDelete: .cascade)
                t.column("target", .text).notNull()
                t.column("state", .text).notNull()  // pending, delivered, dead
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("lastStatus", .integer)
                t.column("lastResponse", .text)
                t.column("deliveredAt", .datetime)
                t.uniqueKey(["eventId", "target"])
            }
            try db.create(index: "delivery_by_target", on: "delivery", columns: ["target", "state", "eventId"])
            try db.create(table: "notifyCursor") { t in
                t.primaryKey("target", .text)
                t.column("lastEventId", .integer).notNull()
            }
            try db.create(table: "scheduledEvent") { t in
                t.primaryKey("key", .text)
                t.column("eventId", .integer).notNull()
            }
        }
        migrator.registerMigration("v3: fair queue (a job's team, when it was last claimed)") { db in
            try db.alter(table: "scoringJob") { t in
                t.add(column: "teamId", .integer)
                t.add(column: "claimedAt", .datetime)
            }
            try db.execute(
                sql: "UPDATE scoringJob SET teamId = (SELECT teamId FROM submission WHERE submission.id = submissionId)"
            )
            try db.create(index: "scoringJob_by_team", on: "scoringJob", columns: ["teamId", "state", "claimedAt"])
        }
        migrator.registerMigration("v4: files in the database (blobs, a competition's files)") { db in
            try db.create(table: "blob") { t in
                t.primaryKey("sha256", .text)
                t.column("bytes", .blob).notNull()
            }
            try db.create(table: "competitionFile") { t in
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("sha256", .text).notNull()
                t.primaryKey(["competition", "path"])
            }
        }
        migrator.registerMigration("v5: public boards kept as state (a row per team and round)") { db in
            try db.create(table: "publicStanding") { t in
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("round", .text).notNull()
                t.column("teamId", .integer).notNull().references("team", onDelete: .cascade)
                t.column("submission", .integer).notNull()
                t.column("submittedAt", .datetime).notNull()
                t.column("publicScore", .double).notNull()
                t.column("publicTasks", .text).notNull()
                t.column("entries", .integer).notNull()
                t.primaryKey(["competition", "round", "teamId"])
            }
            try db.create(
                index: "publicStanding_by_score", on: "publicStanding",
                columns: ["competition", "round", "publicScore"])
            try db.create(table: "standingBuild") { t in
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("round", .text).notNull()
                t.column("builtAt", .datetime).notNull()
                t.primaryKey(["competition", "round"])
            }
        }
        migrator.registerMigration("v6: a version of each competition's boards, bumped by every change they show") {
            db in
            try db.create(table: "boardVersion") { t in
                t.primaryKey("competition", .text)
                t.column("version", .integer).notNull()
            }
        }
        migrator.registerMigration("v7: participants, teams they form, invite codes, merges, organisers, audit log") {
            db in
            try db.alter(table: "team") { t in t.add(column: "captainId", .integer) }
            try db.alter(table: "submission") { t in t.add(column: "submittedBy", .integer) }
            try db.create(table: "participant") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("tokenHash", .text).notNull()
                t.column("status", .text).notNull()
                t.column("teamId", .integer).references("team", onDelete: .setNull)
                t.column("joinedAt", .datetime)
                t.column("acceptedRules", .boolean).notNull()
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["competition", "name"])
            }
            try db.create(index: "participant_by_token", on: "participant", columns: ["competition", "tokenHash"])
            try db.create(index: "participant_by_team", on: "participant", columns: ["teamId"])
            try db.create(table: "invite") { t in
                t.primaryKey("code", .text)
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("teamId", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("usedBy", .integer)
                t.column("closedAt", .datetime)
            }
            try db.create(index: "invite_by_team", on: "invite", columns: ["teamId", "state"])
            try db.create(table: "mergeRequest") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("competition", .text).notNull().references("competition", onDelete: .cascade)
                t.column("fromTeam", .integer).notNull()
                t.column("intoTeam", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("decidedAt", .datetime)
            }
            try db.create(index: "mergeRequest_by_from", on: "mergeRequest", columns: ["fromTeam", "state"])
            try db.create(index: "mergeRequest_by_into", on: "mergeRequest", columns: ["intoTeam", "state"])
            try db.create(index: "submission_by_team", on: "submission", columns: ["teamId", "submittedBy"])
            try db.create(table: "organiser") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("tokenHash", .text).notNull().unique()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "audit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("competition", .text)
                t.column("subject", .text).notNull()
                t.column("reason", .text)
                t.column("details", .text).notNull()
            }
            try db.create(index: "audit_by_competition", on: "audit", columns: ["competition", "id"])
        }
        migrator.registerMigration("v8: model cards of submissions and baselines") { db in
            try db.alter(table: "submission") { t in t.add(column: "card", .text) }
            try db.alter(table: "team") { t in t.add(column: "card", .text) }
        }
        migrator.registerMigration("v9: bootstrap resamples of scores, for intervals and rank groups") { db in
            try db.create(table: "resamples") { t in
                t.primaryKey("submissionId", .integer).references("submission", onDelete: .cascade)
                t.column("publicValues", .blob)
                t.column("privateValues", .blob)
            }
        }
        migrator.registerMigration("v10: a competition's calendar moved by whole days (rehearsals, the demo)") { db in
            try db.alter(table: "competition") { t in
                t.add(column: "calendarShiftDays", .integer).notNull().defaults(to: 0)
            }
        }
        return migrator
    }
}
