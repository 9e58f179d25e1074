import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import TestSupport
import Testing

/// Russian SuperGLUE's LiDiRus carries diagnostic categories: every entry's score on each slice reaches the JSON
/// board, the CSV, the entry's page and the round's diagnostics page — and only whom `slices_visibility` lets see
/// them.
@Suite(.serialized, .ownThreads) struct SliceBoardTests {
    static let folder = WebHarness.repository.appendingPathComponent("competitions/russian-superglue").path

    /// Russian SuperGLUE (its `slices_visibility` replaced by `visibility` when given), open, with the synthetic
    /// diagnosed model as team "diagnosed" and the majority class as a baseline, both scored.
    static func harness(visibility: String? = nil) async throws -> WebHarness {
        let harness = try await WebHarness.make()
        var folder = Self.folder
        if let visibility {
            folder = "\(harness.data)/copy/russian-superglue"
            try FileManager.default.createDirectory(atPath: "\(harness.data)/copy", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.folder, toPath: folder)
            let yaml = "\(folder)/competition.yaml"
            let text = try String(contentsOfFile: yaml, encoding: .utf8)
                .replacingOccurrences(of: "slices_visibility: public", with: "slices_visibility: \(visibility)")
            try text.write(toFile: yaml, atomically: true, encoding: .utf8)
        }
        _ = try harness.platform.loadCompetition(folder: folder)
        _ = try harness.platform.organisers.act(
            "open", competition: "russian-superglue", round: "leaderboard", actor: "test")
        for (name, archive, baseline) in [
            ("diagnosed", "examples/diagnosed.zip", false), ("majority class", "examples/majority.zip", true),
        ] {
            let (team, _) = try harness.platform.organisers.addTeam(
                competition: "russian-superglue", name: name, baseline: baseline)
            _ = try harness.platform.submissions.accept(
                competition: "russian-superglue", round: "leaderboard", team: team,
                uploads: [Platform.Upload(name: "submission.zip", path: "\(Self.folder)/\(archive)")])
        }
        #expect(try harness.platform.scoring.work(worker: "w", once: true) == 2)
        return harness
    }

    static let board = "/api/v1/competitions/russian-superglue/rounds/leaderboard/leaderboard"

    @Test func sliceScoresReachTheJSONTheCSVTheEntryPageAndTheDiagnosticsPage() async throws {
        let harness = try await Self.harness()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let json = WebHarness.json(try await client.execute(uri: Self.board, method: .get).body)
            let rows = try #require(json["rows"] as? [[String: Any]])
            let diagnosed = try #require(rows.first { $0["team"] as? String == "diagnosed" })
            let slices = try #require((diagnosed["slices"] as? [String: Any])?["lidirus"] as? [[String: Any]])
            let logic = try #require(slices.first { $0["name"] as? String == "logic" })
            let knowledge = try #require(slices.first { $0["name"] as? String == "knowledge" })
            let logicScore = try #require(logic["score"] as? Double)
            #expect(try #require(knowledge["score"] as? Double) > logicScore, "the model knows more than it reasons")
            #expect(try #require(logic["low"] as? Double) <= logicScore)
            #expect(logicScore <= (try #require(logic["high"] as? Double)))
            #expect(slices.contains { $0["name"] as? String == "logic/negation" })

            let csv = String(buffer: try await client.execute(uri: Self.board + ".csv", method: .get).body)
            let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let column = try #require(lines[0].firstIndex(of: "lidirus:logic"))
            #expect(lines[0][column + 1] == "lidirus:logic:low" && lines[0][column + 2] == "lidirus:logic:high")
            let csvRow = try #require(lines.first { $0.count > 1 && $0[1] == "diagnosed" })
            #expect(Double(String(csvRow[column])) == logicScore)

            let submission = try #require(diagnosed["submission"] as? Int)
            let entry = String(
                buffer: try await client.execute(
                    uri: "/c/russian-superglue/leaderboard/card/\(submission)?lang=en", method: .get
                ).body)
            #expect(entry.contains("Scores on slices of lidirus") && entry.contains("logic/negation"))

            let page = try await client.execute(
                uri: "/c/russian-superglue/leaderboard/diagnostics?lang=en", method: .get)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("id=\"diagnostics-lidirus\"") && html.contains("majority class"))
            #expect(html.contains("<th scope=\"row\">knowledge/world-knowledge</th>"))
            #expect(html.contains("class=\"apart\""), "the majority class is told apart from the best somewhere")
            let russian = String(
                buffer: try await client.execute(
                    uri: "/c/russian-superglue/leaderboard/diagnostics?lang=ru", method: .get
                ).body)
            #expect(russian.contains("Диагностика") || russian.contains("диагностика"))
            let leaderboard = String(
                buffer: try await client.execute(uri: "/c/russian-superglue/leaderboard/leaderboard", method: .get).body
            )
            #expect(leaderboard.contains("/c/russian-superglue/leaderboard/diagnostics"))
        }
    }

    @Test func slicesAfterTheRevealAreHiddenFromEveryoneButOrganisersUntilThen() async throws {
        let harness = try await Self.harness(visibility: "after_reveal")
        let app = try await harness.application()
        try await app.test(.live) { client in
            func diagnosedSlices(_ headers: HTTPFields = [:]) async throws -> Any? {
                let json = WebHarness.json(
                    try await client.execute(uri: Self.board, method: .get, headers: headers).body)
                let rows = try #require(json["rows"] as? [[String: Any]])
                return try #require(rows.first { $0["team"] as? String == "diagnosed" })["slices"]
            }
            #expect(try await diagnosedSlices() == nil)
            let diagnostics = "/c/russian-superglue/leaderboard/diagnostics"
            #expect(try await client.execute(uri: diagnostics, method: .get).status == .notFound)
            #expect(try await diagnosedSlices(WebHarness.headers(token: WebHarness.organiserToken)) != nil)

            _ = try harness.platform.organisers.act(
                "close", competition: "russian-superglue", round: "leaderboard", actor: "test")
            _ = try harness.platform.organisers.act(
                "reveal", competition: "russian-superglue", round: "leaderboard", actor: "test")
            #expect(try await diagnosedSlices() != nil)
            #expect(try await client.execute(uri: diagnostics, method: .get).status == .ok)
        }
    }

    @Test func anUnknownVisibilityIsACheckProblem() async throws {
        let harness = try await WebHarness.make()
        let folder = "\(harness.data)/copy/russian-superglue"
        try FileManager.default.createDirectory(atPath: "\(harness.data)/copy", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.folder, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = "\(folder)/competition.yaml"
        try String(contentsOfFile: yaml, encoding: .utf8)
            .replacingOccurrences(of: "slices_visibility: public", with: "slices_visibility: everyone")
            .write(toFile: yaml, atomically: true, encoding: .utf8)
        let problems = CompetitionCheck.check(folder: folder).problems
        #expect(problems.contains { $0.contains("slices_visibility") && $0.contains("everyone") })
    }
}
