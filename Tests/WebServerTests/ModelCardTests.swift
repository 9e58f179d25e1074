import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import PodiumAPI
import TestSupport
import Testing

@testable import WebServer

/// Model cards (issue 15, part 2): sent with a submission as one JSON field or field by field, shown as the round's
/// `card_columns` on the board and in its JSON, behind an "i" link to the card's page, and on the chart of score
/// against inference speed with its Pareto front. A card that cannot be read is refused and costs nothing.
@Suite(.serialized, .ownThreads)
struct ModelCardTests {
    static func upload(
        _ client: some TestClientProtocol, token: String, model: String, fields: [String: String]
    ) async throws -> TestResponse {
        let (body, type) = WebHarness.multipart(
            files: [("p.csv", WebHarness.example("\(model)/practice.csv"))], fields: fields)
        return try await client.execute(
            uri: "/api/v1/competitions/card-cup/rounds/practice/submissions", method: .post,
            headers: WebHarness.headers(token: token, contentType: type), body: body)
    }

    @Test func cardsShowOnTheBoardItsJSONTheirPagesAndTheParetoChart() async throws {
        let harness = try await WebHarness.make()
        let folder = "\(harness.data)/competitions/card-cup"
        try FileManager.default.createDirectory(
            atPath: "\(harness.data)/competitions", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: WebHarness.repository.appendingPathComponent("competitions/nti-digits").path, toPath: folder)
        let yaml = try String(contentsOfFile: "\(folder)/competition.yaml", encoding: .utf8).replacingOccurrences(
            of: "    leaderboard: latest\n",
            with: "    leaderboard: latest\n    card_columns: [parameters, inference_speed]\n")
        try yaml.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        _ = try harness.load(folder)
        _ = try harness.platform.organisers.act("open", competition: "card-cup", round: "practice", actor: "test")
        let tokens = try ["fast", "accurate", "slow", "careless"].map {
            try harness.platform.organisers.addTeam(competition: "card-cup", name: $0).1
        }
        let app = try await harness.application()
        try await app.test(.live) { client in
            // On the practice board logreg scores 1.0 and is given as slow; knn and the forest both score 0.9857,
            // knn the fastest: the front is knn and logreg, and the forest (as good as knn, slower) is beaten.
            let sent = [
                try await Self.upload(
                    client, token: tokens[0], model: "knn",
                    fields: [
                        "model_card":
                            #"{"model": "k nearest neighbours", "parameters": 57000, "inference_speed": 200000, "url": "https://scikit-learn.org"}"#
                    ]),
                try await Self.upload(
                    client, token: tokens[1], model: "logreg",
                    fields: ["model": "logistic regression", "parameters": "650", "inference_speed": "100"]),
                try await Self.upload(
                    client, token: tokens[2], model: "forest",
                    fields: ["model": "random forest", "inference_speed": "900", "gpu_memory_gb": "0.5"]),
            ]
            #expect(sent.allSatisfy { $0.status == .accepted })
            let refused = try await Self.upload(
                client, token: tokens[3], model: "knn", fields: ["model_card": #"{"modle": "typo"}"#])
            #expect(
                refused.status == .unprocessableContent && String(buffer: refused.body).contains("unknown field modle"))
            let nonsense = try await Self.upload(
                client, token: tokens[3], model: "knn", fields: ["url": "javascript:alert(1)"])
            #expect(nonsense.status == .unprocessableContent && String(buffer: nonsense.body).contains("http(s) link"))
            try harness.platform.scoring.work(worker: "w", once: true)
            #expect(
                try harness.platform.boards.recentSubmissions(competition: "card-cup").count == 3,
                "refused cards cost nothing"
            )

            let board = WebHarness.json(
                try await client.execute(uri: "/api/v1/competitions/card-cup/rounds/practice/leaderboard", method: .get)
                    .body)
            let rows = try #require(board["rows"] as? [[String: Any]])
            let cards = Dictionary(
                uniqueKeysWithValues: rows.map { ($0["team"] as! String, $0["card"] as? [String: Any]) })
            #expect(cards["fast"]??["parameters"] as? Int == 57000)
            #expect(cards["accurate"]??["model"] as? String == "logistic regression")
            #expect(cards["slow"]??["gpu_memory_gb"] as? Double == 0.5)

            let page = String(
                buffer: try await client.execute(uri: "/c/card-cup/practice/leaderboard?lang=en", method: .get).body)
            #expect(
                page.contains("<th class=\"card\">Parameters</th>") && page.contains("<td class=\"card\">57K*</td>"),
                "a declared value is marked *, self-reported")
            #expect(page.contains("<td class=\"card\">200000/s*</td>"))
            #expect(!page.contains("†"), "nothing on a files round is measured")
            #expect(page.contains("Self-reported"))
            let link = try #require(page.firstMatch(of: /href="(\/c\/card-cup\/practice\/card\/\d+)"/)?.1)
            let card = String(buffer: try await client.execute(uri: String(link), method: .get).body)
            #expect(
                card.contains("Model card — accurate") && card.contains("logistic regression"), "the first row's card")
            #expect(card.contains("Self-reported"))
            #expect(page.contains("src=\"/c/card-cup/practice/pareto.svg\""))
            let svg = try await client.execute(uri: "/c/card-cup/practice/pareto.svg", method: .get)
            #expect(svg.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
            let text = String(buffer: svg.body)
            #expect(text.matches(of: /class="front"/).count == 2, "knn (fastest) and logreg (most accurate)")
            #expect(text.matches(of: /class="point"/).count == 1, "the forest is beaten on both")
            #expect(
                try await client.execute(uri: "/c/card-cup/practice/card/999", method: .get).status == .notFound)
        }
    }

    @Test func theParetoFrontKeepsWhatNothingBeatsOnBoth() {
        let points = [
            ParetoChart.Point(team: "a", speed: 100, score: 0.9), ParetoChart.Point(team: "b", speed: 10, score: 0.95),
            ParetoChart.Point(team: "c", speed: 50, score: 0.85), ParetoChart.Point(team: "d", speed: 100, score: 0.8),
            ParetoChart.Point(team: "e", speed: 1, score: 0.95),
        ]
        #expect(ParetoChart.front(points, higherIsBetter: true).map(\.team) == ["a", "b"])
        let withFaster = points + [ParetoChart.Point(team: "f", speed: 1000, score: 0.99)]
        #expect(
            ParetoChart.front(withFaster, higherIsBetter: false).map(\.team) == ["f", "d"], "lower is better: RMSE")
    }
}
