import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import PodiumAPI
import TestSupport
import Testing

/// Fair play over HTTP (issue 32): two participants of two teams submit the same file from one machine through the
/// API; the organisers' report shows both cases, for organisers only; a decision is taken on the page and on the
/// API, each audited.
@Suite(.serialized, .ownThreads)
struct IntegrityReviewTests {
    static let base = "/api/v1/competitions/nti-digits"

    @Test func organisersReviewAndDecideCasesOnTheAPIAndThePage() async throws {
        let harness = try await WebHarness.make()
        try harness.open("practice")
        let app = try await harness.application()
        try await app.test(.live) { client in
            var tokens: [String: String] = [:]
            for (name, team) in [("ann", "red"), ("bob", "blue")] {
                let signUp = try await ParticipationAPITests.post(
                    client, "\(Self.base)/participants", ["name": name, "accept_rules": true])
                tokens[name] = try ParticipationAPITests.decode(SignUpResource.self, signUp).token
                let founded = try await ParticipationAPITests.post(
                    client, "\(Self.base)/teams", token: tokens[name], ["name": team])
                #expect(founded.status == .created)
                let (upload, type) = WebHarness.multipart(files: [("p.csv", WebHarness.example("knn/practice.csv"))])
                let accepted = try await client.execute(
                    uri: "\(Self.base)/rounds/practice/submissions", method: .post,
                    headers: WebHarness.headers(token: tokens[name], contentType: type), body: upload)
                #expect(accepted.status == .accepted)
            }
            try harness.platform.scoring.work(worker: "w", once: true)

            let uri = "\(Self.base)/rounds/practice/integrity"
            #expect(try await client.execute(uri: uri, method: .get).status == .unauthorized)
            let asTeam = try await client.execute(
                uri: uri, method: .get, headers: WebHarness.headers(token: tokens["ann"]))
            #expect(asTeam.status == .forbidden)
            let organiser = WebHarness.headers(token: WebHarness.organiserToken)
            let report = try ParticipationAPITests.decode(
                IntegrityReportResource.self, try await client.execute(uri: uri, method: .get, headers: organiser))
            // One file is one case (not also a shared-predictions one: its copies share their errors by definition).
            #expect(Set(report.cases.map(\.kind)) == ["identical_file", "shared_address"], "\(report.cases)")
            #expect(report.cases.allSatisfy { Set($0.teams) == ["red", "blue"] && $0.state == "open" })
            #expect(report.addressesKept && report.publicBoard == "standard" && report.sharedPredictions == 0.6)

            // The API: a decision needs a reason and a real state.
            let identical = try #require(report.cases.first { $0.kind == "identical_file" })
            let noReason = try await ParticipationAPITests.post(
                client, "\(uri)/\(identical.id)", token: WebHarness.organiserToken, ["state": "upheld"])
            #expect(noReason.status == .unprocessableContent)
            let wrongState = try await ParticipationAPITests.post(
                client, "\(uri)/\(identical.id)", token: WebHarness.organiserToken, ["state": "maybe", "reason": "x"])
            #expect(ParticipationAPITests.errorCode(wrongState) == "invalid_input")
            let upheld = try ParticipationAPITests.decode(
                IntegrityCaseResource.self,
                try await ParticipationAPITests.post(
                    client, "\(uri)/\(identical.id)", token: WebHarness.organiserToken,
                    ["state": "upheld", "reason": "one file, two teams", "disqualify": "submissions"]))
            #expect(upheld.state == "upheld" && upheld.reason == "one file, two teams")
            #expect(
                try harness.platform.boards.standings(competition: "nti-digits", round: "practice", board: .public)
                    .isEmpty)

            // The page: an organiser logs in, reads the review and clears the other case.
            let start = try await client.execute(uri: "/admin", method: .get)
            let (cookie, csrf) = PageTests.session(start)
            let form = WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie)
            let login = try await client.execute(
                uri: "/admin/login", method: .post, headers: form,
                body: PageTests.form(["csrf": csrf!, "token": WebHarness.organiserToken]))
            let organiserCookie = PageTests.session(login).cookie
            let page = try await client.execute(
                uri: "/admin/integrity/nti-digits/practice?lang=en", method: .get,
                headers: WebHarness.headers(cookie: organiserCookie))
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("identical file") && html.contains("shared address") && html.contains("upheld"))
            // Bob's upload, and Ann's sign-up and upload before it, all from this test's one address.
            #expect(html.contains("3 requests from one address (sign_up, submit, submit)"), "\(html)")
            let shared = try #require(report.cases.first { $0.kind == "shared_address" })
            let cleared = try await client.execute(
                uri: "/admin/integrity", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: organiserCookie),
                body: PageTests.form([
                    "csrf": PageTests.session(page).csrf!, "c": "nti-digits", "round": "practice",
                    "case": "\(shared.id)", "state": "cleared", "reason": "flatmates", "disqualify": "none",
                ]))
            #expect(cleared.status == .seeOther)
            let after = try harness.platform.integrity.report(competition: "nti-digits", round: "practice")
            #expect(after.cases.first { $0.id == shared.id }?.state == "cleared")
            let audit = try harness.platform.organisers.auditLog(competition: "nti-digits")
            #expect(audit.contains { $0.action == "integrity.clear" && $0.reason == "flatmates" })
            #expect(audit.contains { $0.action == "integrity.uphold" })
            // Anyone else is sent to log in.
            let anonymous = try await client.execute(uri: "/admin/integrity/nti-digits/practice", method: .get)
            #expect(anonymous.status == .seeOther)
        }
    }
}
