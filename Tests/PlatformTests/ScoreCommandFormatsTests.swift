import Foundation
import TestSupport
import Testing

/// `podium score` on the benchmark formats and declared classes, through the real binary.
@Suite(.ownThreads)
struct ScoreCommandFormatsTests {
    /// Runs `podium ARGUMENTS` (no data folder: `score` works on files alone); returns status and stdout.
    static func podium(_ arguments: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PlatformHarness.podium)
        process.arguments = arguments
        process.standardOutput = Pipe()
        process.standardError = FileHandle.nullDevice
        let finished = try await ChildProcess.run(process)
        return (finished.status, finished.text)
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("score-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Declared classes (one holding a comma) that the small solution never shows are accepted; the macro
    /// average still runs over the labels present, as scikit-learn's does:
    /// f1_score(['a','b','a','b'], ['a','c','x, y','b'], average='macro', zero_division=0) = 0.3333333333333333
    /// and f1_score(['a','b'], ['a','c'], average='macro', zero_division=0) = 0.3333333333333333.
    @Test func declaredClassesAreAcceptedAndAveragingStaysOverThePresentLabels() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "id,label,Usage\n1,a,Public\n2,b,Public\n3,a,Public\n4,b,Public\n5,a,Private\n6,b,Private\n"
            .write(toFile: "\(folder)/solution.csv", atomically: true, encoding: .utf8)
        try "id,label\n1,a\n2,c\n3,\"x, y\"\n4,b\n5,a\n6,c\n"
            .write(toFile: "\(folder)/submission.csv", atomically: true, encoding: .utf8)
        let base = ["score", "--solution", "\(folder)/solution.csv", "--metric", "f1_macro", "--json"]
        let (refused, _) = try await Self.podium(base + ["\(folder)/submission.csv"])
        #expect(refused == 1, "without declared classes, c and \"x, y\" are not labels of the task")
        let (status, out) = try await Self.podium(
            base + ["--class", "a", "--class", "b", "--class", "c", "--class", "x, y", "\(folder)/submission.csv"])
        #expect(status == 0, "\(out)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(abs((result["public"] as? Double ?? -1) - 0.3333333333333333) < 1e-12)
        #expect(abs((result["private"] as? Double ?? -1) - 0.3333333333333333) < 1e-12)
    }

    /// JSON Lines and MuSeRC files score as their CSV twins do (sklearn: accuracy_score([1,0,1], [1,1,1]) =
    /// 0.6666666666666666; MuSeRC EM with questions {0: answers 0,1} {1: answer 2} right in one of two = 0.5).
    @Test func jsonLinesAndMuSeRCFilesAreScoredWithFormat() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try
            "{\"idx\": 0, \"label\": 1, \"Usage\": \"Public\"}\n{\"idx\": 1, \"label\": 0, \"Usage\": \"Public\"}\n{\"idx\": 2, \"label\": 1, \"Usage\": \"Public\"}\n"
            .write(toFile: "\(folder)/key.jsonl", atomically: true, encoding: .utf8)
        try "{\"idx\": 2, \"label\": 1}\n{\"idx\": 0, \"label\": 1}\n{\"idx\": 1, \"label\": 1}\n"
            .write(toFile: "\(folder)/predicted.jsonl", atomically: true, encoding: .utf8)
        let (status, out) = try await Self.podium([
            "score", "--solution", "\(folder)/key.jsonl", "--format", "jsonl", "--metric", "accuracy", "--json",
            "\(folder)/predicted.jsonl",
        ])
        #expect(status == 0, "\(out)")
        let flat = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(abs((flat["public"] as? Double ?? -1) - 0.6666666666666666) < 1e-12)

        try """
        {"idx": 0, "Usage": "Public", "passage": {"questions": [{"idx": 0, "answers": [{"idx": 0, "label": 1}, {"idx": 1, "label": 0}]}, {"idx": 1, "answers": [{"idx": 2, "label": 1}]}]}}

        """.write(toFile: "\(folder)/muserc.jsonl", atomically: true, encoding: .utf8)
        try """
        {"idx": 0, "passage": {"questions": [{"idx": 0, "answers": [{"idx": 0, "label": 1}, {"idx": 1, "label": 0}]}, {"idx": 1, "answers": [{"idx": 2, "label": 0}]}]}}

        """.write(toFile: "\(folder)/muserc-predicted.jsonl", atomically: true, encoding: .utf8)
        let (museStatus, museOut) = try await Self.podium([
            "score", "--solution", "\(folder)/muserc.jsonl", "--format", "rsg-muserc", "--metric", "muserc_em",
            "--json", "\(folder)/muserc-predicted.jsonl",
        ])
        #expect(museStatus == 0, "\(museOut)")
        let nested = try #require(try JSONSerialization.jsonObject(with: Data(museOut.utf8)) as? [String: Any])
        #expect(abs((nested["public"] as? Double ?? -1) - 0.5) < 1e-12)
        // A line that is not JSON is named by its line.
        try "{\"idx\": 0, \"label\": 1}\nnot json\n".write(
            toFile: "\(folder)/bad.jsonl", atomically: true, encoding: .utf8)
        let (badStatus, badOut) = try await Self.podium([
            "score", "--solution", "\(folder)/key.jsonl", "--format", "jsonl", "--metric", "accuracy", "--json",
            "\(folder)/bad.jsonl",
        ])
        #expect(badStatus == 1)
        #expect(badOut.contains("\"line\":2") && badOut.contains("not JSON"), "\(badOut)")
    }
}
