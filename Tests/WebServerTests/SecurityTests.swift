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
@Suite(.serialized)
struct SecurityTests {
    @Test func tokensAreStoredOnlyAsHashes() throws {
        let harness = try WebHarness()
        let tokens = try (0..<5).map { try harness.team("team\($0)") }
        let hashes = try harness.platform.teams(competition: "nti-digits").map(\.tokenHash)
        #expect(hashes.count == 5 && Set(hashes).isDisjoint(with: tokens))
        // On SQLite, the database's bytes (file, WAL and shared memory) hold no token either.
        if let database = harness.platform.database {
            try database.writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
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
        let harness = try WebHarness()
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
            try harness.platform.work(worker: "w", once: true)
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
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: podium)
            process.arguments = arguments + ["--data", data]
            process.environment = TestDatabase.environment(database)
            process.currentDirectoryURL = WebHarness.repository
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: out, as: UTF8.self)
        }
        _ = try run(["competition", "load", "competitions/nti-digits"] + TestCalendar.loadArguments)
        let added = try run(["team", "add", "nti-digits", "alpha", "--json"])
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(added.utf8)) as? [String: Any])?["token"] as? String)
        _ = try run(["round", "open", "nti-digits", "qualifying"])
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
            if (try? run(["leaderboard", "--server", base, "nti-digits", "qualifying"]))?.contains("leaderboard")
                == true
            {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        _ = try run([
            "submit", "--server", base, "--token", token, "nti-digits", "qualifying",
            "competitions/nti-digits/examples/knn/qualifying.csv", "--wait",
        ])
        _ = try? run([
            "submit", "--server", base, "--token", token + "x", "nti-digits", "qualifying",
            "competitions/nti-digits/examples/knn/qualifying.csv",
        ])
        var request = URLRequest(url: URL(string: "\(base)/api/v1/competitions/nti-digits/rounds/qualifying/close")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(organiser)", forHTTPHeaderField: "Authorization")
        _ = try await URLSession.shared.data(for: request)
        try await Task.sleep(for: .milliseconds(1500))  // the notifier tries its targets
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("serving on"), "the log was not captured")
        for secret in [token, organiser, environment["PODIUM_TELEGRAM_TOKEN"]!] {
            #expect(!output.contains(secret), "a secret is in the log")
        }
    }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
