import Foundation
import Platform
import Testing

/// From models' predictions to the board in Russian SuperGLUE's formats: `ensemble tasks --competition
/// --zip` reads JSON Lines (MuSeRC nested) and writes each task as the competition declares it, and the
/// archive it makes goes through `podium submissions add` unchanged and is scored.
@Suite(.serialized) struct EnsembleToBoardTests {
    static let ensemble = PlatformHarness.repository.appendingPathComponent(".build/debug/ensemble").path

    static func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A model's files: RCB labels, PARus labels and MuSeRC labels per answer, for the validation ids
    /// (100…) and the test ids of rsg-mini (0…).
    static func model(_ folder: String, rcb: [String], parus: [Int], muserc: [Int]) throws {
        for (split, offset) in [("valid", 100), ("test", 0)] {
            try Self.write(
                BenchmarkFormatsTests.lines(rcb.enumerated().map { "{\"idx\": \($0 + offset), \"label\": \"\($1)\"}" }),
                "\(folder)/\(split)/RCB.jsonl")
            try Self.write(
                BenchmarkFormatsTests.lines(parus.enumerated().map { "{\"idx\": \($0 + offset), \"label\": \($1)}" }),
                "\(folder)/\(split)/PARus.jsonl")
            try Self.write(
                BenchmarkFormatsTests.museRC(labels: muserc, usage: false, offset: offset),
                "\(folder)/\(split)/MuSeRC.jsonl")
        }
    }

    @Test func ensembleTasksWritesAnArchiveThePlatformScoresUnchanged() throws {
        let mini = try RSGMini()
        let (harness, platform, competition) = (mini.harness, mini.harness.platform, mini.folder)
        let work = (competition as NSString).deletingLastPathComponent

        let truthRCB = [
            "entailment", "contradiction", "neutral", "entailment", "neutral", "contradiction", "entailment", "neutral",
        ]
        try Self.write(
            BenchmarkFormatsTests.lines(truthRCB.enumerated().map { "{\"idx\": \($0 + 100), \"label\": \"\($1)\"}" }),
            "\(work)/labels/RCB.jsonl")
        try Self.write(
            BenchmarkFormatsTests.lines(
                [0, 1, 1, 0, 1, 0].enumerated().map { "{\"idx\": \($0 + 100), \"label\": \($1)}" }),
            "\(work)/labels/PARus.jsonl")
        try Self.write(
            BenchmarkFormatsTests.museRC(labels: [1, 0, 1, 1, 0, 1, 0], usage: false, offset: 100),
            "\(work)/labels/MuSeRC.jsonl")
        // Model a is right on RCB and wrong on PARus; model b the other way round.
        try Self.model("\(work)/a", rcb: truthRCB, parus: [1, 0, 0, 1, 0, 1], muserc: [1, 0, 1, 1, 0, 1, 1])
        try Self.model(
            "\(work)/b", rcb: Array(repeating: "neutral", count: 8), parus: [0, 1, 1, 0, 1, 0],
            muserc: [0, 0, 0, 0, 0, 0, 0])

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ensemble)
        process.arguments = [
            "tasks", "\(work)/a", "\(work)/b", "--labels", "\(work)/labels", "--competition", competition, "-o",
            "\(work)/out", "--zip", "--json",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let report = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: report, as: UTF8.self))")
        let choices = try #require(
            (try JSONSerialization.jsonObject(with: report) as? [String: Any])?["tasks"] as? [[String: Any]])
        #expect(choices.map { $0["task"] as? String } == ["rcb", "parus", "muserc"])
        #expect(choices.map { $0["choice"] as? String } == ["best:a", "best:b", "best:a"])
        // Written as the competition declares: RCB flat with numbers for ids, MuSeRC nested again.
        let rcb = try String(contentsOfFile: "\(work)/out/RCB.jsonl", encoding: .utf8)
        #expect(rcb.hasPrefix("{\"idx\": 0, \"label\": \"entailment\"}\n"))
        let parus = try String(contentsOfFile: "\(work)/out/PARus.jsonl", encoding: .utf8)
        #expect(parus.hasPrefix("{\"idx\": 0, \"label\": 0}\n"))
        let muserc = try String(contentsOfFile: "\(work)/out/MuSeRC.jsonl", encoding: .utf8)
        #expect(
            muserc.hasPrefix("{\"idx\": 0, \"passage\": {\"questions\":[{\"answers\":[{\"idx\":0,\"label\":1},"),
            "\(muserc)")

        let (status, out) = try harness.podium([
            "submissions", "add", "rsg-mini", "leaderboard", "--team", "golden", "\(work)/out.zip",
        ])
        #expect(status == 0, "\(out)")
        try platform.work(worker: "w", once: true)
        let row = try #require(
            try platform.standings(competition: "rsg-mini", round: "leaderboard", board: .public).first)
        #expect(row.team == "golden")
        // RCB and PARus are right everywhere; MuSeRC's model a misses the last answer (Private).
        #expect(row.tasks["rcb"] == 1 && row.tasks["parus"] == 1 && row.tasks["muserc"] == 1, "\(row.tasks)")
    }
}
