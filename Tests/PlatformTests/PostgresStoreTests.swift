import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// The PostgreSQL backend's own rules: its URL form, and a schema that matches SQLite's table for table,
/// column for column (the parity test runs under `make test-postgres`, against a real server).
@Suite(.ownThreads)
struct PostgresStoreTests {
    @Test func databaseURLsAreParsedWithTheirParts() throws {
        let full = try PostgresLocation(url: "postgres://podium:s%40cret@db.example:6543/nti")
        #expect(full.user == "podium" && full.password == "s@cret")
        #expect(full.host == "db.example" && full.port == 6543 && full.database == "nti")
        #expect(full.description == "postgres://podium@db.example:6543/nti")
        let short = try PostgresLocation(url: "postgresql://podium@127.0.0.1/events")
        #expect(short.password == nil && short.port == 5432 && short.database == "events")
    }

    @Test func aBadURLSaysWhatIsMissingWithoutShowingThePassword() {
        for (url, missing) in [
            ("postgres://127.0.0.1/db", "no user"), ("postgres://u:pw@/db", "no host"),
            ("postgres://u:pw@host:5432/", "no database name"), ("mysql://u@h/db", "not a PostgreSQL URL"),
        ] {
            #expect {
                try PostgresLocation(url: url)
            } throws: { error in
                let text = "\(error)"
                return text.contains(missing) && text.contains("expected postgres://USER") && !text.contains(":pw@")
            }
        }
    }

    @Test func platformRefusesAnUnknownDatabaseScheme() throws {
        var options = Platform.Options()
        options.databaseURL = "mysql://root:hunter2@127.0.0.1/podium"
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let error = try #require(throws: PlatformError.self) { try Platform(dataDirectory: data, options: options) }
        #expect(error.message.contains("unsupported database URL mysql://root:***@127.0.0.1/podium"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PODIUM_TEST_POSTGRES_URL"] != nil))
    func bothBackendsHaveTheSameTablesAndColumns() throws {
        let postgres = try PostgresStore(url: try #require(try TestDatabase.fresh()))
        defer { postgres.close() }
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID())").path
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: data) }
        let sqlite = try AppDatabase(path: "\(data)/podium.sqlite")
        let sqliteTables = try sqlite.tableColumns()
        let postgresTables = try postgres.tableColumns()
        #expect(sqliteTables.count >= 12)
        #expect(Set(sqliteTables.keys) == Set(postgresTables.keys))
        for (table, columns) in sqliteTables {
            #expect(columns == postgresTables[table], "\(table)")
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PODIUM_TEST_POSTGRES_URL"] != nil))
    func anIdleWorkerWakesWhenAnotherMachineQueuesAJob() async throws {
        let harness = try PlatformHarness()
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        let (team, _) = try harness.team("alpha")
        // A worker on "another machine" that would poll only every 60 s.
        var options = Platform.Options()
        options.databaseURL = harness.databaseURL
        let worker = try Platform(
            dataDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID())").path,
            options: options)
        let stop = StopSwitch()
        let thread = Thread {
            _ = try? worker.scoring.work(worker: "idle", once: false, poll: 60, shouldStop: { stop.isOn })
        }
        thread.start()
        defer { stop.turnOn() }
        try await Task.sleep(for: .milliseconds(500))  // the worker is waiting, listening
        let accepted = try harness.platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: team,
            uploads: [PlatformHarness.example("knn/practice.csv")])
        var status = try harness.platform.submissions.submission(accepted.id)?.status
        for _ in 0..<50 where status != .scored {
            try await Task.sleep(for: .milliseconds(100))
            status = try harness.platform.submissions.submission(accepted.id)?.status
        }
        #expect(status == .scored, "scored within 5 s although the worker polls every 60 s: woken by NOTIFY")
    }
}

/// A flag a test's background thread reads.
final class StopSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var on = false
    var isOn: Bool { lock.withLock { on } }
    func turnOn() { lock.withLock { on = true } }
}
