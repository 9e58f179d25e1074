import Foundation
import GRDB
import TestSupport
import Testing

@testable import Storage

/// The schema, defined once: the same tables and columns on both backends, and databases an earlier Podium
/// migrated (GRDB's migrator on SQLite, a separate schema on PostgreSQL) open without running a step twice.
@Suite(.ownThreads)
struct SchemaContractTests {
    /// What PostgreSQL databases recorded before the schema was written once.
    static let formerPostgresNames = [
        "v1: the SQLite schema v1-v3 (competitions, teams, rounds, submissions, fair queue, events, outbox)",
        "v2: files in the database (blobs, a competition's files)",
        "v3: public boards kept as state (a row per team and round)",
        "v4: a version of each competition's boards, bumped by every change they show",
        "v5: participants, teams they form, invite codes, merges, organisers, audit log",
        "v6: model cards of submissions and baselines",
        "v7: bootstrap resamples of scores, for intervals and rank groups",
        "v8: a competition's calendar moved by whole days (rehearsals, the demo)",
    ]

    @Test func bothBackendsHaveTheSameTablesAndColumns() throws {
        let backends = try Backends()
        let tables = try backends.results { store -> [String: Set<String>] in
            switch store {
            case let sqlite as AppDatabase: try sqlite.tableColumns()
            case let postgres as PostgresStore: try postgres.tableColumns()
            default: [:]
            }
        }
        let sqlite = try #require(tables.first).result
        #expect(sqlite["submission"]?.contains("calendarshiftdays") == false)
        #expect(sqlite["competition"]?.contains("calendarshiftdays") == true)
        for (name, other) in tables.dropFirst() { #expect(other == sqlite, "\(name)") }
    }

    @Test func aDatabaseGRDBsMigratorBuiltOpensWithoutRunningAStepAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-legacy-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/podium.sqlite"
        // An earlier Podium's database: the tables, and the steps in GRDB's own ledger only.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for migration in Schema.migrations {
                for statement in migration.statements { try db.execute(sql: statement.rendered(for: .sqlite).text) }
            }
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for migration in Schema.migrations {
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration.name])
            }
        }
        try queue.close()
        let store = try AppDatabase(path: path)
        try store.write { try $0.save(Fixtures.competition()) }
        #expect(try store.read { try $0.competitions().count } == 1)
    }

    @Test func aPostgreSQLDatabaseOfTheFormerSchemaOpensWithoutRunningAStepAgain() throws {
        guard let url = try TestDatabase.fresh() else { return }
        let first = try PostgresStore(url: url)
        try first.write { try $0.save(Fixtures.competition()) }
        try first.rewriteLedger(Self.formerPostgresNames)
        first.close()
        let reopened = try PostgresStore(url: url)
        defer { reopened.close() }
        #expect(try reopened.read { try $0.competitions().map(\.slug) } == ["c"])
        // Only the steps since ran: the code jobs' columns are back.
        let team = try reopened.write { try $0.insert(Fixtures.team("t")).id ?? -1 }
        let job = try Fixtures.queued(team: team, at: 1, kind: .code, in: reopened)
        #expect(try reopened.read { try $0.job(submissionId: job)?.kind } == .code)
    }

    @Test func pendingStepsFollowWhatADatabaseRecorded() {
        #expect(Schema.pending(applied: []).count == Schema.migrations.count)
        // A database of the former PostgreSQL schema runs only the steps added since (v11 on).
        let sinceFormer = Schema.migrations.filter { $0.formerPostgresName == nil }.map(\.name)
        #expect(sinceFormer.first?.hasPrefix("v11:") == true)
        #expect(Schema.pending(applied: Set(Self.formerPostgresNames)).map(\.name) == sinceFormer)
        #expect(Schema.pending(applied: [Self.formerPostgresNames[0]]).first?.name.hasPrefix("v4:") == true)
        #expect(Schema.pending(applied: Set(Schema.migrations.map(\.name))).isEmpty)
    }
}

extension PostgresStore {
    /// Makes the database what an earlier Podium left: the ledger says `names` and nothing else, and the columns
    /// the steps since added are not there.
    fileprivate func rewriteLedger(_ names: [String]) throws {
        try pool.withConnection { connection in
            let executor = PostgresExecutor(connection: connection, logger: pool.logger)
            try executor.execute("ALTER TABLE scoringJob DROP COLUMN kind")  // v11
            try executor.execute("ALTER TABLE scoringJob DROP COLUMN stage")  // v11
            try executor.execute("ALTER TABLE boardVersion DROP COLUMN activity")  // v12
            try executor.execute("DROP TABLE sliceResamples")  // v13
            try executor.execute("DROP INDEX submission_selected")  // v16
            for table in [
                "alertChoice", "chatLink", "chatLinkCode", "submissionSignal", "integrityCase", "accessTrace",
                "integrityKey",
            ] {  // v15, v16
                try executor.execute("DROP TABLE \(raw: table)")
            }
            try executor.execute("DELETE FROM podiumMigration")
            for name in names { try executor.execute("INSERT INTO podiumMigration (name) VALUES (\(name))") }
        }
    }
}
