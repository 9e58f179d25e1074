import Foundation
import Platform
import TestSupport
import Testing

/// An ended event kept: exported, imported with the CLI into a new data folder and served with `--read-only` by the
/// real `podium serve`, its board answers and a submission is refused with 409 `read_only`.
@Suite(.ownThreads) struct ReadOnlyServeTests {
    @Test func anImportedEventServedReadOnlyAnswersReadsAndRefusesChanges() async throws {
        let clock = SteppedClock()
        let source = try await offTheCooperativePool { try ArchiveEvent(backend: .sqlite, clock: clock) }
        let token = try await offTheCooperativePool { try source.scoredTeam("kept") }
        let archive = source.data + "-event.tar.gz"
        let data = source.data + "-kept"
        defer {
            try? FileManager.default.removeItem(atPath: archive)
            try? FileManager.default.removeItem(atPath: data)
        }
        try await offTheCooperativePool { _ = try source.platform.exportEvent(to: archive) }
        let commands = try ServeCommandTests()
        let (imported, said) = try await commands.run(["import", archive, "--data", data])
        #expect(imported == 0, "\(said)")
        let (server, base) = try await commands.serve(
            data: data, arguments: ["--read-only", "--organiser-token", "org", "--leaderboard-cache", "0"])
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let (read, board) = try await commands.run(["leaderboard", "--server", base, "nti-digits", "practice"])
        #expect(read == 0 && board.contains("kept"), "\(board)")
        let (refused, message) = try await commands.run([
            "submit", "--server", base, "--token", token, "nti-digits", "practice",
            "competitions/nti-digits/examples/knn/practice.csv",
        ])
        #expect(refused == 1 && message.contains("409 read_only"), "\(message)")
        kill(server.processIdentifier, SIGTERM)
        try await ChildProcess.exit(of: server)
        // Nothing was written: the kept event still has its one submission.
        let (_, list) = try await commands.run([
            "submissions", "list", "nti-digits", "practice", "--team", "kept", "--data", data, "--json",
        ])
        #expect(list.components(separatedBy: "\"id\":").count == 2, "\(list)")
    }
}
