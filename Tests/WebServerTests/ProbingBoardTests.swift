import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import TestSupport
import Testing

/// A probing board (RuSentEval's tables): each task's cell is its best layer's score with the layer beside it, the
/// JSON and the CSV carry every layer's score, and the Private scores of the layers only reach the private board.
@Suite(.serialized, .ownThreads) struct ProbingBoardTests {
    static let fixtures = WebHarness.repository.appendingPathComponent("Tests/PlatformTests/Fixtures/probing")

    /// The fixture competition as `probe-cup`, open, with team "probers" scored on the fixture submission.
    static func harness() async throws -> WebHarness {
        let harness = try await WebHarness.make()
        let folder = "\(harness.data)/copy/probe-cup"
        try FileManager.default.createDirectory(atPath: "\(harness.data)/copy", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("competition").path, toPath: folder)
        _ = try harness.platform.loadCompetition(folder: folder)
        _ = try harness.platform.organisers.act("open", competition: "probe-cup", round: "layers", actor: "test")
        let (team, _) = try harness.platform.organisers.addTeam(competition: "probe-cup", name: "probers")
        let zip = "\(harness.data)/layers.zip"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            ["-m", "zipfile", "-c", zip]
            + ["tense", "length"].map { fixtures.appendingPathComponent("submission/\($0)").path }
        #expect(try await ChildProcess.run(process).status == 0)
        _ = try harness.platform.submissions.accept(
            competition: "probe-cup", round: "layers", team: team,
            uploads: [Platform.Upload(name: "layers.zip", path: zip)])
        #expect(try harness.platform.scoring.work(worker: "w", once: true) == 1)
        return harness
    }

    static let board = "/api/v1/competitions/probe-cup/rounds/layers/leaderboard"

    @Test func theBoardShowsTheBestLayerAndTheJSONAndCSVEveryLayer() async throws {
        let harness = try await Self.harness()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let json = WebHarness.json(try await client.execute(uri: Self.board, method: .get).body)
            let row = try #require((json["rows"] as? [[String: Any]])?.first)
            let length = try #require((row["layers"] as? [String: Any])?["length"] as? [String: Any])
            #expect(length["layer"] as? Int == 1)
            #expect(length["public"] as? [Double] == [0.6, 0.9, 0.8])
            #expect(length["private"] == nil, "the public board leaves the layers' Private scores out")

            let csv = String(buffer: try await client.execute(uri: Self.board + ".csv", method: .get).body)
            let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let header = lines[0].map(String.init)
            func column(_ name: String) throws -> String {
                String(lines[1][try #require(header.firstIndex(of: name), "\(header)")])
            }
            #expect(try column("length:layer") == "1" && column("length:layer_2") == "0.8")
            #expect(try column("tense:layer") == "1" && column("tense:layer_1") == "1.0")

            let page = String(
                buffer: try await client.execute(uri: "/c/probe-cup/layers/leaderboard?lang=en", method: .get).body)
            #expect(page.contains("0.9000 [1]") && page.contains("1.0000 [1]"), "\(page)")
            // A chart per task, one line per entry, and the entry's layers × tasks table, in both languages.
            for task in ["tense", "length"] {
                let chart = try #require(page.firstMatch(of: try Regex("id=\"layers-\(task)\">(?s)(.*?)</figure>")))
                #expect(String(chart.0).components(separatedBy: "class=\"layer-line\"").count == 2, "\(task)")
            }
            #expect(page.contains("What each layer knows"))
            let submission = try #require(row["submission"] as? Int)
            for (language, heading) in [("en", "Layer by layer"), ("ru", "По слоям")] {
                let card = String(
                    buffer: try await client.execute(
                        uri: "/c/probe-cup/layers/card/\(submission)?lang=\(language)", method: .get
                    ).body)
                #expect(card.contains(heading) && card.contains("id=\"layers\""), "\(card)")
                #expect(card.contains("<td class=\"chosen\">0.9000 ◆</td>"), "length's layer 1 is marked")
                #expect(card.components(separatedBy: "<tr><th scope=\"row\">").count == 4, "three layers")
            }
            let russian = String(
                buffer: try await client.execute(uri: "/c/probe-cup/layers/leaderboard?lang=ru", method: .get).body)
            #expect(russian.contains("Что знает каждый слой") && russian.contains("tense: оценка по слоям"))

            // The private board, once revealed, shows the Private scores of every layer and of the chosen one.
            _ = try harness.platform.organisers.act("close", competition: "probe-cup", round: "layers", actor: "test")
            _ = try harness.platform.organisers.act("reveal", competition: "probe-cup", round: "layers", actor: "test")
            let revealed = WebHarness.json(
                try await client.execute(uri: Self.board + "?board=private", method: .get).body)
            let privateRow = try #require((revealed["rows"] as? [[String: Any]])?.first)
            let privateLength = try #require((privateRow["layers"] as? [String: Any])?["length"] as? [String: Any])
            #expect(privateLength["private"] as? [Double] == [0.6, 0.7, 0.9])
            #expect(
                (privateRow["tasks"] as? [String: Double])?["length"] == 0.7, "layer 1's, chosen on the Public part")
        }
    }
}
