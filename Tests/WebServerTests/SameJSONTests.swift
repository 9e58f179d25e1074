import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platform
import PodiumAPI
import TestSupport
import Testing

/// One resource, one JSON: the API and the CLI's `--json` print a board and a submission identically
/// (both encode the same `PodiumAPI` types).
@Suite(.serialized, .ownThreads) struct SameJSONTests {
    static let podium = WebHarness.repository.appendingPathComponent(".build/debug/podium").path

    static func cli(_ harness: WebHarness, _ arguments: [String]) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.podium)
        process.arguments = arguments + ["--data", harness.data, "--json"]
        process.environment = TestDatabase.environment(harness.platform.options.databaseURL)
        process.currentDirectoryURL = WebHarness.repository
        return try await ChildProcess.run(process).output
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theAPIAndTheCLIPrintTheSameBoardAndTheSameSubmission() async throws {
        let harness = try await WebHarness.make()
        try harness.open()
        let (team, _) = try harness.platform.organisers.addTeam(competition: "nti-digits", name: "alpha")
        let accepted = try harness.platform.submissions.accept(
            competition: "nti-digits", round: "qualifying", team: team,
            uploads: [Platform.Upload(name: "knn.csv", path: "\(WebHarness.examples)/knn/qualifying.csv")],
            message: "knn")
        try harness.platform.scoring.work(worker: "w", once: true)
        let board = try await Self.cli(harness, ["standings", "nti-digits", "--round", "qualifying"])
        let list = try await Self.cli(harness, ["submissions", "list", "nti-digits", "qualifying", "--team", "alpha"])
        let app = try await harness.application()
        try await app.test(.router) { client in
            let apiBoard = Data(
                buffer: try await client.execute(
                    uri: "/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard", method: .get
                ).body)
            let boardsAgree = NSDictionary(dictionary: try Self.object(apiBoard)).isEqual(to: try Self.object(board))
            #expect(
                boardsAgree, "\(String(decoding: apiBoard, as: UTF8.self)) vs \(String(decoding: board, as: UTF8.self))"
            )
            let apiSubmission = Data(
                buffer: try await client.execute(
                    uri: "/api/v1/submissions/\(accepted.id)", method: .get,
                    headers: WebHarness.headers(token: WebHarness.organiserToken)
                ).body)
            // The organiser's view of the submission, byte for byte inside the CLI's list of the team's submissions.
            let apiText = String(decoding: apiSubmission, as: UTF8.self)
            #expect(String(decoding: list, as: UTF8.self).contains(apiText), "\(apiText)")
            let fromCLI = try #require((try Self.object(list)["submissions"] as? [[String: Any]])?.first)
            let decoded = try APICoding.decoder().decode(SubmissionResource.self, from: apiSubmission)
            #expect(try APICoding.decoder().decode(SubmissionList.self, from: list).submissions == [decoded])
            let team = fromCLI["team"] as? String
            #expect(fromCLI["public_score"] is Double && team == "alpha")
        }
    }
}
