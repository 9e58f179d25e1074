import Foundation
import Platform
import TestSupport
import Testing

/// From models' predictions to the board in Russian SuperGLUE's formats: `ensemble tasks --competition
/// --zip` reads JSON Lines (MuSeRC nested) and writes each task as the competition declares it, and the
/// archive it makes goes through `podium submissions add` unchanged and is scored.
@Suite(.serialized, .ownThreads) struct EnsembleToBoardTests {
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

    @Test func ensembleTasksWritesAnArchiveThePlatformScoresUnchanged() async throws {
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
        let finished = try await ChildProcess.run(process)
        let report = finished.output
        #expect(finished.status == 0, "\(finished.text)")
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

        let (status, out) = try await harness.podium([
            "submissions", "add", "rsg-mini", "leaderboard", "--team", "golden", "\(work)/out.zip",
        ])
        #expect(status == 0, "\(out)")
        try platform.scoring.work(worker: "w", once: true)
        let row = try #require(
            try platform.boards.standings(competition: "rsg-mini", round: "leaderboard", board: .public).first)
        #expect(row.team == "golden")
        // RCB and PARus are right everywhere; MuSeRC's model a misses the last answer (Private).
        #expect(row.tasks["rcb"] == 1 && row.tasks["parus"] == 1 && row.tasks["muserc"] == 1, "\(row.tasks)")
    }

    /// `examples/ensemble`'s CSV file at `relative` as JSON Lines (numbers stay numbers), with a Usage
    /// (alternately Public and Private) when `usage` — an answer key.
    static func jsonLines(_ relative: String, usage: Bool = false) throws -> String {
        let text = try String(
            contentsOf: PlatformHarness.repository.appendingPathComponent("examples/ensemble/\(relative)"),
            encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows[0].map(String.init)
        return BenchmarkFormatsTests.lines(
            rows.dropFirst().enumerated().map { index, fields in
                var members = zip(header, fields).map { name, value in
                    "\"\(name)\": " + (Double(value) != nil ? String(value) : "\"\(value)\"")
                }
                if usage { members.append("\"Usage\": \"\(index % 2 == 0 ? "Public" : "Private")\"") }
                return "{" + members.joined(separator: ", ") + "}"
            })
    }

    /// Four real scikit-learn models (examples/ensemble: logistic regression, k-NN, naive Bayes, random forest)
    /// on two tasks, their class probabilities in JSON Lines: ensembled per task into the archive the
    /// competition declares, submitted unchanged, scored by log loss on both tasks.
    @Test func realModelsOnTwoTasksGoFromJSONLinesThroughEnsembleToTheBoard() async throws {
        let harness = try PlatformHarness()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        let competition = "\(work)/real-two"
        try Self.write(
            """
            title: Two tasks in JSON Lines
            tasks:
              - { id: cancer, format: jsonl, file: Cancer.jsonl, id_column: id, metric: log_loss, positive_label: malignant, solution: hidden/Cancer.jsonl }
              - { id: wine, format: jsonl, file: Wine.jsonl, id_column: id, metric: log_loss, solution: hidden/Wine.jsonl }
            rounds:
              - { id: main, submissions: { per_day: 5 } }
            """, "\(competition)/competition.yaml")
        for (task, file) in [("cancer", "Cancer.jsonl"), ("wine", "Wine.jsonl")] {
            try Self.write(try Self.jsonLines("test_labels/\(task).csv", usage: true), "\(competition)/hidden/\(file)")
            try Self.write(try Self.jsonLines("labels/\(task).csv"), "\(work)/labels/\(file)")
            for model in ["logreg", "knn", "nb", "forest"] {
                for split in ["valid", "test"] {
                    try Self.write(
                        try Self.jsonLines("models/\(model)/\(split)/\(task).csv"),
                        "\(work)/models/\(model)/\(split)/\(file)")
                }
            }
        }
        let platform = harness.platform
        _ = try platform.loadCompetition(folder: competition)
        _ = try platform.organisers.act("open", competition: "real-two", round: "main", actor: "test")
        _ = try platform.organisers.addTeam(competition: "real-two", name: "golden")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ensemble)
        process.arguments =
            ["tasks"] + ["logreg", "knn", "nb", "forest"].map { "\(work)/models/\($0)" } + [
                "--labels", "\(work)/labels", "--competition", competition, "-o", "\(work)/out", "--zip",
            ]
        #expect(try await ChildProcess.run(process).status == 0)
        let wine = try String(contentsOfFile: "\(work)/out/Wine.jsonl", encoding: .utf8)
        #expect(wine.hasPrefix("{\"id\": \"wine135\", \"barbera\": "), "\(wine.prefix(200))")
        let (status, out) = try await harness.podium([
            "submissions", "add", "real-two", "main", "--team", "golden", "\(work)/out.zip", "--json",
        ])
        #expect(status == 0, "\(out)")
        try platform.scoring.work(worker: "w", once: true)
        let row = try #require(
            try platform.boards.standings(competition: "real-two", round: "main", board: .public).first)
        // Blends of good models: a small log loss on both tasks (a coin toss would be 0.69 and 1.10).
        let cancer = try #require(row.tasks["cancer"])
        let wineLoss = try #require(row.tasks["wine"])
        #expect(cancer > 0 && cancer < 0.3 && wineLoss > 0 && wineLoss < 0.3, "\(row.tasks)")
    }
}
