import Foundation
import Storage

/// The database a test runs on: SQLite in its data folder (`make test`), or a new, empty PostgreSQL
/// database on the server of `PODIUM_TEST_POSTGRES_URL` (`make test-postgres`, which starts that server
/// with scripts/with-postgres.sh): one fresh database per test, so tests never see each other's rows.
public enum TestDatabase {
    /// A fresh PostgreSQL database's URL, or nil for SQLite.
    public static func fresh() throws -> String? {
        guard let server = ProcessInfo.processInfo.environment["PODIUM_TEST_POSTGRES_URL"] else { return nil }
        let name = "podium_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return try PostgresStore.createDatabase(name, server: server)
    }
}

extension TestDatabase {
    /// This process's environment for a `podium` child process on the database `url` (nil: SQLite in its
    /// `--data` folder), with `extra` variables on top.
    public static func environment(_ url: String?, _ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        environment["PODIUM_DATABASE_URL"] = url
        // Serving on PostgreSQL needs the replicas' shared session secret.
        environment["PODIUM_SESSION_SECRET"] = environment["PODIUM_SESSION_SECRET"] ?? "podium-test-session-secret"
        return environment
    }
}
