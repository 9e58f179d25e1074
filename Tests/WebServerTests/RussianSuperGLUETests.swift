import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import TestSupport
import Testing

/// The Russian SuperGLUE sample archive as participants send it (a submission/ folder, a Mac's junk),
/// through the API and through the web form, unchanged; the board shows two-metric tasks as the benchmark's
/// site does and the JSON carries each metric.
@Suite(.serialized, .ownThreads) struct RussianSuperGLUETests {
    static let sample = WebHarness.repository.appendingPathComponent(
        "competitions/russian-superglue/public/sample_submission.zip")

    static func harness() async throws -> (WebHarness, token: String) {
        let harness = try await WebHarness.make()
        _ = try harness.platform.loadCompetition(
            folder: WebHarness.repository.appendingPathComponent("competitions/russian-superglue").path)
        _ = try harness.platform.organisers.act(
            "open", competition: "russian-superglue", round: "leaderboard", actor: "test")
        let (_, token) = try harness.platform.organisers.addTeam(competition: "russian-superglue", name: "golden")
        return (harness, token)
    }

    @Test func theSampleArchiveIsAcceptedByTheAPIAndTheFormAndShownAsTheBenchmarkShowsIt() async throws {
        let (harness, token) = try await Self.harness()
        let archive = try Data(contentsOf: Self.sample)
        let app = try await harness.application()
        try await app.test(.live) { client in
            let (body, type) = WebHarness.multipart(files: [("sample_submission.zip", archive)])
            let api = try await client.execute(
                uri: "/api/v1/competitions/russian-superglue/rounds/leaderboard/submissions", method: .post,
                headers: WebHarness.headers(token: token, contentType: type), body: body)
            #expect(api.status == .accepted, "\(String(buffer: api.body))")

            let teamCookie = try #require(
                try await PageTests.logIn(client, competition: "russian-superglue", token: token))
            let submitPage = try await client.execute(
                uri: "/c/russian-superglue/leaderboard/submit", method: .get,
                headers: WebHarness.headers(cookie: teamCookie))
            let teamCSRF = try #require(PageTests.session(submitPage).csrf)
            let (form, formType) = WebHarness.multipart(
                files: [("submission.zip", archive)], fields: ["csrf": teamCSRF])
            let posted = try await client.execute(
                uri: "/c/russian-superglue/leaderboard/submit?csrf=\(teamCSRF)", method: .post,
                headers: WebHarness.headers(contentType: formType, cookie: teamCookie), body: form)
            #expect(posted.status == .seeOther, "\(String(buffer: posted.body).prefix(2000))")
            try harness.platform.scoring.work(worker: "w", once: true)

            let records = try harness.platform.store.read {
                try $0.submissions(competition: "russian-superglue", round: "leaderboard", statuses: [.scored])
            }
            #expect(records.count == 2)
            #expect(Set(records.map(\.publicScore)).count == 1)  // the same archive scores the same by both doors

            let board = WebHarness.json(
                try await client.execute(
                    uri: "/api/v1/competitions/russian-superglue/rounds/leaderboard/leaderboard", method: .get
                ).body)
            let row = try #require((board["rows"] as? [[String: Any]])?.first)
            let metrics = try #require(row["metrics"] as? [String: [String: Double]])
            #expect(Set(try #require(metrics["muserc"]).keys) == ["f1", "muserc_em"])
            #expect(Set(try #require(metrics["rucos"]).keys) == ["token_f1", "exact_match"])
            let page = String(
                buffer: try await client.execute(uri: "/c/russian-superglue/leaderboard/leaderboard", method: .get).body
            )
            let rcb = try #require(metrics["rcb"])
            let shown = String(format: "%.3f / %.3f", rcb["f1_macro"]!, rcb["accuracy"]!)
            #expect(page.contains("<td>\(shown)</td>"), "\(shown)")
            #expect(page.contains("title=\"f1_macro / accuracy\">rcb</th>"))
        }
    }
}
