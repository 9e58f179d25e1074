import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import PodiumAPI
import Sandbox
import TestSupport
import Testing

@testable import WebServer

/// A code round through the HTTP API and the pages: the archive uploaded, a practice run, the program run by a
/// code worker, its measured values on the board marked as measured, and the submit page asking for a program.
@Suite(
    .enabled(if: Sandbox.unavailableReason == nil, "the sandbox cannot run here: \(Sandbox.unavailableReason ?? "")"),
    .ownThreads)
struct CodeRoundPageTests {
    @Test func aProgramIsRunAndItsMeasuredCostsShowOnTheBoard() async throws {
        let harness = try await WebHarness.make()
        try harness.open("efficiency")
        let token = try harness.team("runners")
        let archive = WebHarness.example("code/nearest-centroid.zip")
        let app = try await harness.application()
        try await app.test(.live) { client in
            let (practiceBody, practiceType) = WebHarness.multipart(files: [("program.zip", archive)])
            let practice = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/efficiency/practice-runs", method: .post,
                headers: WebHarness.headers(token: token, contentType: practiceType), body: practiceBody)
            #expect(practice.status == .ok)
            let run = try JSONDecoder().decode(PracticeRunResource.self, from: Data(buffer: practice.body))
            #expect(run.tasks.first?.outcome == "ok" && run.tasks.first?.answers.count == 10)

            let (body, type) = WebHarness.multipart(files: [("program.zip", archive)])
            let accepted = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/efficiency/submissions", method: .post,
                headers: WebHarness.headers(token: token, contentType: type), body: body)
            #expect(accepted.status == .accepted)
            #expect(try harness.platform.scoring.work(worker: "code", once: true, kinds: [.code]) == 1)

            let board = try await client.execute(uri: "/c/nti-digits/efficiency/leaderboard?lang=en", method: .get)
            let page = String(buffer: board.body)
            #expect(page.contains(#"<td class="card measured">"#) && page.contains("/s†</td>"))
            #expect(page.contains("Measured by Podium"))
            #expect(page.contains("nearest centroid") == false, "no card was sent: the model column stays empty")
            let json = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/efficiency/leaderboard", method: .get)
            let resource = try APICoding.decoder().decode(LeaderboardResource.self, from: Data(buffer: json.body))
            #expect(resource.rows.first?.team == "runners")

            let login = try await client.execute(uri: "/login?c=nti-digits", method: .get)
            let (cookie, csrf) = PageTests.session(login)
            let loggedIn = try await client.execute(
                uri: "/login", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie),
                body: PageTests.form(["csrf": csrf!, "c": "nti-digits", "token": token]))
            let submit = try await client.execute(
                uri: "/c/nti-digits/efficiency/submit?lang=en", method: .get,
                headers: WebHarness.headers(cookie: PageTests.session(loggedIn).cookie))
            let form = String(buffer: submit.body)
            #expect(form.contains("an executable run"), "the form asks for a program")
            #expect(form.contains("Team <strong>runners</strong>"))
        }
    }
}
