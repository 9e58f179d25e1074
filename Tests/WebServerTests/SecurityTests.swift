import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a hackathon's last night tries: reading others' work, guessing hidden files, forging forms,
/// finding secrets at rest or in the logs.
@Suite(.serialized, .ownThreads)
struct SecurityTests {
    @Test func tokensAreStoredOnlyAsHashes() async throws {
        let harness = try await WebHarness.make()
        let tokens = try (0..<5).map { try harness.team("team\($0)") }
        let hashes = try harness.platform.participation.teams(competition: "nti-digits").map(\.tokenHash)
        #expect(hashes.count == 5 && Set(hashes).isDisjoint(with: tokens))
        // On SQLite, the database's bytes (file, WAL and shared memory) hold no token either.
        if let database = harness.platform.database {
            try await database.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            var bytes = Data()
            for suffix in ["", "-wal", "-shm"] {
                if let data = FileManager.default.contents(atPath: "\(harness.data)/podium.sqlite\(suffix)") {
                    bytes.append(data)
                }
            }
            #expect(bytes.count > 0)
            for token in tokens {
                #expect(bytes.range(of: Data(token.utf8)) == nil, "a raw token is in the database")
                #expect(bytes.range(of: Data(token.dropFirst(4).utf8)) == nil)
            }
        }
    }

    @Test func aTeamSeesNothingOfAnotherTeamsSubmissions() async throws {
        let harness = try await WebHarness.make()
        let alpha = try harness.team("alpha")
        let beta = try harness.team("beta")
        try harness.open()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let (body, type) = WebHarness.multipart(
                files: [("k.csv", WebHarness.example("knn/qualifying.csv"))], fields: ["message": "alpha's secret idea"]
            )
            let accepted = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                headers: WebHarness.headers(token: alpha, contentType: type), body: body)
            let id = WebHarness.json(accepted.body)["id"] as! Int
            try harness.platform.scoring.work(worker: "w", once: true)
            for uri in ["/api/v1/submissions/\(id)", "/api/v1/competitions/nti-digits/rounds/qualifying/submissions"] {
                let response = try await client.execute(
                    uri: uri, method: .get, headers: WebHarness.headers(token: beta))
                #expect(!String(buffer: response.body).contains("secret idea"), "\(uri)")
            }
            #expect(
                try await client.execute(
                    uri: "/api/v1/submissions/\(id)", method: .get, headers: WebHarness.headers(token: beta)
                ).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/submissions/\(id)", method: .get).status == .unauthorized)
            // Its own view has the public score only; the private score waits for the reveal.
            let own = WebHarness.json(
                try await client.execute(
                    uri: "/api/v1/submissions/\(id)", method: .get, headers: WebHarness.headers(token: alpha)
                ).body)
            #expect(own["public_score"] is Double && own["private_score"] == nil)
        }
    }

    @Test func noTokenOrSecretAppearsInTheServersLogs() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-logs-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let podium = ServeCommandTests.podium
        let database = try TestDatabase.fresh()
        /// `podium` with `arguments`; a command on this machine's data gets `--data`, a client of the server not.
        func run(_ arguments: [String], local: Bool = true) async throws -> ChildProcess.Finished {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: podium)
            process.arguments = arguments + (local ? ["--data", data] : [])
            process.environment = TestDatabase.environment(database)
            process.currentDirectoryURL = WebHarness.repository
            return try await ChildProcess.run(process)
        }
        _ = try await run(["competition", "load", "competitions/nti-digits"] + TestCalendar.loadArguments)
        let added = try await run(["team", "add", "nti-digits", "alpha", "--json"])
        let token = try #require(
            (try JSONSerialization.jsonObject(with: added.output) as? [String: Any])?["token"] as? String)
        _ = try await run(["round", "open", "nti-digits", "qualifying"])
        let organiser = "org-secret-\(UUID().uuidString)"
        let port = ServeCommandTests.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: podium)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--organiser-token", organiser]
        server.currentDirectoryURL = WebHarness.repository
        var environment = TestDatabase.environment(database)
        environment["LOG_LEVEL"] = "trace"
        environment["PODIUM_TELEGRAM_TOKEN"] = "bot-secret-\(UUID().uuidString)"
        environment["PODIUM_NOTIFY"] = "telegram=-100123,webhook=http://127.0.0.1:9/hook"
        server.environment = environment
        let log = Pipe()
        server.standardOutput = log
        server.standardError = log
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            // Up when the leaderboard answers (a PostgreSQL server migrates and connects first).
            if try await run(["leaderboard", "--server", base, "nti-digits", "qualifying"], local: false).status == 0 {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        // The token travels in a scored submission and in a refused one; neither may leave it in the log.
        let scored = try await run(
            [
                "submit", "--server", base, "--token", token, "nti-digits", "qualifying",
                "competitions/nti-digits/examples/knn/qualifying.csv", "--wait",
            ], local: false)
        #expect(scored.status == 0 && scored.text.contains("scored"), "\(scored.text)")
        let refused = try await run(
            [
                "submit", "--server", base, "--token", token + "x", "nti-digits", "qualifying",
                "competitions/nti-digits/examples/knn/qualifying.csv",
            ], local: false)
        #expect(refused.status != 0)
        var request = URLRequest(url: URL(string: "\(base)/api/v1/competitions/nti-digits/rounds/qualifying/close")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(organiser)", forHTTPHeaderField: "Authorization")
        _ = try await URLSession.shared.data(for: request)
        try await Task.sleep(for: .milliseconds(1500))  // the notifier tries its targets
        kill(server.processIdentifier, SIGTERM)
        try await ChildProcess.exit(of: server)
        let output = String(decoding: try await ChildProcess.readToEnd(log), as: UTF8.self)
        #expect(output.contains("serving on"), "the log was not captured")
        for secret in [token, organiser, environment["PODIUM_TELEGRAM_TOKEN"]!] {
            #expect(!output.contains(secret), "a secret is in the log")
        }
    }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
