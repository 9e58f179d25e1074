import Foundation
import PodiumAPI
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `podium demo` as a new user runs it (`make demo`), on whatever date the clock says (`make test-clock` runs
/// this a year ahead and a year back): what it prints is true of what it serves.
@Suite(.ownThreads)
struct DemoCommandTests {
    @Test func theDemoServesTheOpenQualifyingRoundAndTheMergesItPromises() async throws {
        let (demo, data, port, printed) = try await Self.startDemo()
        defer { Self.stop(demo, data) }
        let base = "http://127.0.0.1:\(port)"

        // "merge teams until <date> UTC": a date still ahead.
        let merges = try #require(Self.match(#"merge teams until (\d{4}-\d\d-\d\d \d\d:\d\d) UTC"#, in: printed))
        #expect(try #require(Self.minute(merges)) > Date().addingTimeInterval(5 * 86_400), "\(printed)")

        // The qualifying round is open by its schedule and closes in days (the demo prints, then serves).
        for _ in 0..<100 where (try? await Self.get("\(base)/healthz")) == nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        let competition = try await Self.get("\(base)/api/v1/competitions/nti-digits", as: CompetitionResource.self)
        let qualifying = try #require(competition.rounds.first { $0.id == "qualifying" })
        #expect(qualifying.state == "open")
        #expect(try #require(qualifying.closes) > Date().addingTimeInterval(9 * 86_400))
        #expect(competition.rounds.first { $0.id == "final" }?.state == "scheduled")

        // The printed diagnostics page shows Russian SuperGLUE's baselines on LiDiRus's categories.
        let diagnostics = try #require(Self.match(#"slice by slice: (\S+)"#, in: printed))
        let page = String(decoding: try await Self.get(diagnostics + "?lang=en"), as: UTF8.self)
        #expect(
            page.contains("id=\"diagnostics-lidirus\"") && page.contains("diagnosed (synthetic)"), "\(page.prefix(500))"
        )

        // The printed `submit … --wait` for gamma is accepted and scored.
        let command = try #require(Self.match(#"From a shell: \S+ (submit .* --wait)"#, in: printed))
        let (status, output) = try await ServeCommandTests().run(command.split(separator: " ").map(String.init))
        #expect(status == 0, "\(output)")
        #expect(output.contains("scored: public"), "\(output)")

        kill(demo.processIdentifier, SIGTERM)
        try await ChildProcess.exit(of: demo)
        #expect(demo.terminationStatus == 0)
    }

    /// `podium demo --fake-chat`: the printed `chat say` asks the bot over the server's Telegram route and gets the
    /// board; the same with a wrong secret is refused.
    @Test func theDemoRunsTheChatOnAFakeTelegram() async throws {
        let (demo, data, port, printed) = try await Self.startDemo(["--fake-chat"])
        defer { Self.stop(demo, data) }
        for _ in 0..<100 where (try? await Self.get("http://127.0.0.1:\(port)/healthz")) == nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        let command = try #require(Self.match(#"\S+ (chat say nti-digits /top .*)"#, in: printed), "\(printed)")
        let arguments = command.split(separator: " ").map(String.init)
        let (status, answer) = try await ServeCommandTests().run(arguments)
        #expect(status == 0 && answer.contains("Qualifying round, public board\n1. "), "\(answer)")
        let secret = try #require(arguments.last)
        let forged = Array(arguments[..<(arguments.count - 1)]) + [secret.uppercased() + "0"]
        let (refused, said) = try await ServeCommandTests().run(forged)
        #expect(refused == 1 && said.contains("401"), "\(said)")
        kill(demo.processIdentifier, SIGTERM)
        try await ChildProcess.exit(of: demo)
    }

    /// `podium demo` with `arguments` on a free port and a new data folder, once it printed all it prints: the
    /// process, its data folder, its port and what it printed.
    static func startDemo(_ arguments: [String] = []) async throws -> (Process, String, Int, String) {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-demo-\(UUID())").path
        let port = ServeCommandTests.freePort()
        let demo = Process()
        demo.executableURL = URL(fileURLWithPath: ServeCommandTests.podium)
        demo.arguments = ["demo", "--data", data, "--port", String(port)] + arguments
        demo.currentDirectoryURL = WebHarness.repository
        demo.environment = TestDatabase.environment(nil)
        let out = Pipe()
        demo.standardOutput = out
        demo.standardError = FileHandle.nullDevice
        try demo.run()
        do {
            let printed = try await offTheCooperativePool { try Self.read(out, until: "Ctrl-C stops the server.") }
            return (demo, data, port, printed)
        } catch {
            stop(demo, data)
            throw error
        }
    }

    /// Kills a demo still running and removes its data folder.
    static func stop(_ demo: Process, _ data: String) {
        if demo.isRunning { kill(demo.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: data)
    }

    /// The demo ended, or took a minute, without printing `marker`; `printed` is what it did print.
    struct NotPrinted: Error, CustomStringConvertible {
        let marker: String
        let printed: String
        var description: String { "the demo did not print \(marker): \(printed)" }
    }

    /// What `pipe` carries until `marker` (or a minute on the monotonic clock, then a failure). It blocks: call it
    /// off the cooperative threads.
    static func read(_ pipe: Pipe, until marker: String) throws -> String {
        var text = ""
        let started = ProcessInfo.processInfo.systemUptime
        while !text.contains(marker) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty || ProcessInfo.processInfo.systemUptime - started > 60 {
                throw NotPrinted(marker: marker, printed: text)
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    /// The first capture group of `pattern` in `text`.
    static func match(_ pattern: String, in text: String) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let found = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(found.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    /// `2026-12-10 21:00` in UTC.
    static func minute(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text.replacingOccurrences(of: " ", with: "T") + ":00Z")
    }

    static func get<Resource: Decodable>(_ url: String, as type: Resource.Type) async throws -> Resource {
        try APICoding.decoder().decode(type, from: try await get(url))
    }

    static func get(_ url: String) async throws -> Data {
        try await URLSession.shared.data(from: URL(string: url)!).0
    }
}
