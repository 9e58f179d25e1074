import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `podium serve` binary on a free loopback port, driven by `podium submit --wait`, then
/// stopped with SIGTERM.
@Suite(.ownThreads)
struct ServeCommandTests {
    static let podium = WebHarness.repository.appendingPathComponent(".build/debug/podium").path
    /// This test's database (nil: SQLite in the data folder).
    let database: String?

    init() throws { database = try TestDatabase.fresh() }

    static func freePort() -> Int {
        let (fd, port) = boundSocket()
        close(fd)
        return port
    }

    /// A TCP socket bound to a free loopback port, and the port (the caller closes it).
    static func boundSocket() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    func run(_ arguments: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.podium)
        process.arguments = arguments
        process.environment = TestDatabase.environment(database)
        process.currentDirectoryURL = WebHarness.repository
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        let finished = try await ChildProcess.run(process)
        return (finished.status, finished.text)
    }

    /// `podium serve` on `data` at a free port, with one worker and `arguments`, once it answers; and its address.
    func serve(data: String, arguments: [String] = []) async throws -> (Process, String) {
        let port = Self.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.podium)
        server.arguments = ["serve", "--data", data, "--port", String(port), "--workers", "1"] + arguments
        server.currentDirectoryURL = WebHarness.repository
        server.environment = TestDatabase.environment(database)
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        let base = "http://127.0.0.1:\(port)"
        var up = false
        for _ in 0..<100 where !up {
            try await Task.sleep(for: .milliseconds(100))
            up = (try? await run(["leaderboard", "--server", base, "nti-digits", "practice"]).0) == 0
        }
        #expect(up, "the server did not come up")
        return (server, base)
    }

    /// A client waiting for a server that accepted its connection and never answers sleeps: after two seconds of
    /// waiting it has used almost no CPU (FoundationNetworking's client spun a core meanwhile).
    @Test func theClientWaitsForASilentServerWithoutSpinning() async throws {
        let (listener, port) = Self.boundSocket()
        defer { close(listener) }
        #expect(listen(listener, 4) == 0)  // the kernel completes the connection; nobody ever reads it
        let client = Process()
        client.executableURL = URL(fileURLWithPath: Self.podium)
        client.arguments = [
            "leaderboard", "--server", "http://127.0.0.1:\(port)", "nti-digits",
            "practice",
        ]
        client.standardOutput = FileHandle.nullDevice
        client.standardError = FileHandle.nullDevice
        try client.run()
        try await Task.sleep(for: .seconds(2))
        #expect(client.isRunning, "the client still waits for an answer")
        let fields = try String(contentsOfFile: "/proc/\(client.processIdentifier)/stat", encoding: .utf8)
            .split(separator: ")").last!.split(separator: " ")
        let cpuSeconds = Double((Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)) / Double(sysconf(Int32(_SC_CLK_TCK)))
        #expect(cpuSeconds < 0.5, "the waiting client used \(cpuSeconds) s of CPU")
        kill(client.processIdentifier, SIGKILL)
        try await ChildProcess.exit(of: client)
    }

    /// The server's blocking work runs on one thread per core on SQLite, and on at least 8 on PostgreSQL, whose
    /// threads mostly wait for the database's answers.
    @Test func theBlockingThreadsAreAsManyAsTheDatabaseNeeds() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-threads-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try await run(
            ["competition", "load", "competitions/nti-digits", "--data", data] + TestCalendar.loadArguments)
        let (server, _) = try await serve(data: data)
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let tasks = "/proc/\(server.processIdentifier)/task"
        let blocking = try FileManager.default.contentsOfDirectory(atPath: tasks).filter { task in
            ((try? String(contentsOfFile: "\(tasks)/\(task)/comm", encoding: .utf8)) ?? "").hasPrefix("SGLTN-TP-")
        }
        if database == nil {
            #expect(blocking.count == ProcessInfo.processInfo.activeProcessorCount)
        } else {
            #expect(blocking.count >= 8)
        }
        kill(server.processIdentifier, SIGTERM)
        try await ChildProcess.exit(of: server)
    }

    @Test func serveSubmitWaitAndStopCleanly() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-serve-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try await run(
            ["competition", "load", "competitions/nti-digits", "--data", data] + TestCalendar.loadArguments)
        let (_, added) = try await run(["team", "add", "nti-digits", "alpha", "--data", data, "--json"])
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(added.utf8)) as? [String: Any])?["token"] as? String)
        _ = try await run(["round", "open", "nti-digits", "qualifying", "--data", data])
        _ = try await run(["competition", "load", "competitions/russian-superglue", "--data", data])
        let (_, addedRSG) = try await run(["team", "add", "russian-superglue", "golden", "--data", data, "--json"])
        let tokenRSG = try #require(
            (try JSONSerialization.jsonObject(with: Data(addedRSG.utf8)) as? [String: Any])?["token"] as? String)
        _ = try await run(["round", "open", "russian-superglue", "leaderboard", "--data", data])
        let (server, base) = try await serve(data: data, arguments: ["--organiser-token", "org"])
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let (status, output) = try await run([
            "submit", "--server", base, "--token", token, "nti-digits", "qualifying",
            "competitions/nti-digits/examples/knn/qualifying.csv", "--wait",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains(/scored: public 0\.9\d{3}\n/), "four decimals, as the board shows: \(output)")
        // Russian SuperGLUE's sample archive, as a participant sends it, scored at the board's three decimals
        // (expected_scores.py: 0.34242942001240423 public).
        let (zipStatus, zipOutput) = try await run([
            "submit", "--server", base, "--token", tokenRSG, "russian-superglue", "leaderboard",
            "competitions/russian-superglue/public/sample_submission.zip", "--wait",
        ])
        #expect(zipStatus == 0, "\(zipOutput)")
        #expect(zipOutput.contains("scored: public 0.342\n"), "\(zipOutput)")
        let (statusCode, statusOutput) = try await run(["status", "--server", base, "--token", token, "1"])
        #expect(statusCode == 0)
        #expect(statusOutput.contains(/submission 1: scored public 0\.9\d{3}\n/), "\(statusOutput)")
        let (refused, message) = try await run([
            "submit", "--server", base, "--token", token, "nti-digits", "qualifying",
            "competitions/nti-digits/examples/broken.csv",
        ])
        #expect(refused == 1)
        #expect(message.contains("422 invalid_submission") && message.contains("line 4, column \"label\""))
        try await Task.sleep(for: .milliseconds(1100))  // the public board is cached for up to a second
        let (_, board) = try await run(["leaderboard", "--server", base, "nti-digits", "qualifying"])
        #expect(board.contains("alpha"))
        kill(server.processIdentifier, SIGTERM)
        try await ChildProcess.exit(of: server)
        #expect(server.terminationReason == .exit && server.terminationStatus == 0, "not a clean stop")
    }
}
