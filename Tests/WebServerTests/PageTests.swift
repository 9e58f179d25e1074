import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// The pages as a browser uses them: session cookies with their flags, CSRF on every form, login,
/// uploading, the board.
@Suite(.serialized, .ownThreads)
struct PageTests {
    /// The session cookie and CSRF token a page handed out.
    static func session(_ response: TestResponse, previous: String? = nil) -> (cookie: String?, csrf: String?) {
        let cookie =
            response.headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) } ?? previous
        let html = String(buffer: response.body)
        let csrf = html.range(of: "name=\"csrf\" value=\"").map { range in
            String(html[range.upperBound...].prefix { $0 != "\"" })
        }
        return (cookie, csrf)
    }

    /// A team's session cookie after logging in with `token` through the login form, as a browser does.
    static func logIn(_ client: some TestClientProtocol, competition: String = "nti-digits", token: String)
        async throws -> String?
    {
        let page = try await client.execute(uri: "/login?c=\(competition)", method: .get)
        let (cookie, csrf) = session(page)
        let login = try await client.execute(
            uri: "/login", method: .post,
            headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie),
            body: form(["csrf": csrf ?? "", "c": competition, "token": token]))
        return session(login).cookie
    }

    /// Submits the knn example to nti-digits' qualifying round through the submit page's form, as a browser does.
    static func uploadExample(_ client: some TestClientProtocol, cookie: String?, csrf: String) async throws
        -> TestResponse
    {
        let (body, type) = WebHarness.multipart(
            files: [("knn.csv", WebHarness.example("knn/qualifying.csv"))], fields: ["csrf": csrf])
        return try await client.execute(
            uri: "/c/nti-digits/qualifying/submit?csrf=\(csrf)", method: .post,
            headers: WebHarness.headers(contentType: type, cookie: cookie), body: body)
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map {
                "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }
            .joined(separator: "&"))
    }

    @Test func loginUploadAndSeeTheBoard() async throws {
        let harness = try await WebHarness.make()
        let token = try harness.team("gamma")
        try harness.open()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let page = try await client.execute(uri: "/login?c=nti-digits", method: .get)
            #expect(page.status == .ok)
            let setCookie = try #require(page.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            #expect(!setCookie.contains("Secure"))  // plain HTTP here; --secure-cookies adds it
            let (cookie, csrf) = Self.session(page)
            let login = try await client.execute(
                uri: "/login", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie),
                body: Self.form(["csrf": csrf!, "c": "nti-digits", "token": token]))
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/c/nti-digits/qualifying/submit")
            let teamCookie = Self.session(login).cookie
            #expect(teamCookie != cookie)  // a new session at login
            let submitPage = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit", method: .get, headers: WebHarness.headers(cookie: teamCookie))
            #expect(String(buffer: submitPage.body).contains("Team <strong>gamma</strong>"))
            let teamCSRF = Self.session(submitPage).csrf!
            let uploaded = try await Self.uploadExample(client, cookie: teamCookie, csrf: teamCSRF)
            #expect(uploaded.status == .seeOther)
            try harness.platform.scoring.work(worker: "w", once: true)
            let after = String(
                buffer: try await client.execute(
                    uri: "/c/nti-digits/qualifying/submit", method: .get,
                    headers: WebHarness.headers(cookie: teamCookie)
                ).body)
            #expect(after.contains("status-scored"))
            let board = String(
                buffer: try await client.execute(uri: "/c/nti-digits/qualifying/leaderboard", method: .get).body)
            #expect(board.contains("<td>gamma</td>"))
            #expect(board.contains("<svg"))
            // Scores at the board's precision (four decimals), times readable in UTC.
            let score = try #require(board.firstMatch(of: /<td><strong>([0-9.]+)<\/strong><\/td>/)?.1)
            #expect(score.split(separator: ".").last?.count == 4, "\(score)")
            #expect(board.contains(" UTC</time>"))
            // The header navigates: competitions, the team's submissions, the organiser's page.
            let nav = try #require(after.firstMatch(of: /<nav aria-label="main">([\s\S]*?)<\/nav>/)?.1)
            #expect(nav.contains("href=\"/\">Competitions</a>"))
            #expect(nav.contains("href=\"/c/nti-digits/my\">My submissions</a>"))
            #expect(nav.contains("href=\"/admin\">Organiser</a>"))
            let mine = try await client.execute(
                uri: "/c/nti-digits/my", method: .get, headers: WebHarness.headers(cookie: teamCookie))
            #expect(mine.status == .seeOther)
            #expect(mine.headers[.location] == "/c/nti-digits/qualifying/submit")
            let anonymousMine = try await client.execute(uri: "/c/nti-digits/my", method: .get)
            #expect(anonymousMine.headers[.location] == "/login?c=nti%2Ddigits")
            // A bad file shows every problem on the page with 422 and charges nothing.
            let (broken, brokenType) = WebHarness.multipart(
                files: [("b.csv", WebHarness.example("broken.csv"))], fields: ["csrf": teamCSRF])
            let refused = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit?csrf=\(teamCSRF)", method: .post,
                headers: WebHarness.headers(contentType: brokenType, cookie: teamCookie), body: broken)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("&quot;seven&quot; is not one of"))
            // A form without its token in the address is refused before the upload is read, with a page.
            let expired = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit", method: .post,
                headers: WebHarness.headers(contentType: brokenType, cookie: teamCookie), body: broken)
            #expect(expired.status == .forbidden)
            #expect(expired.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: expired.body).contains("The form has expired"))
            // A form without a file is the submit page again, with the problem, not JSON.
            let (empty, emptyType) = WebHarness.multipart(files: [], fields: ["message": "x"])
            let noFile = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit?csrf=\(teamCSRF)", method: .post,
                headers: WebHarness.headers(contentType: emptyType, cookie: teamCookie), body: empty)
            #expect(noFile.status == .badRequest)
            #expect(noFile.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: noFile.body).contains("the form has no file"))
        }
    }

    /// A team's own page is kept like a board (here for a minute): a refresh is the same page, even after a
    /// worker scored; the team's own submission through the page is shown at once (its write renders the page
    /// anew), and the page kept for one session is never another's.
    @Test func aTeamsPageIsKeptButItsOwnSubmissionShowsAtOnce() async throws {
        let harness = try await WebHarness.make()
        harness.configuration.leaderboardCacheSeconds = 60
        let token = try harness.team("gamma")
        let otherToken = try harness.team("delta")
        try harness.open()
        let app = try await harness.application()
        try await app.test(.live) { client in
            func submitPage(_ cookie: String?) async throws -> TestResponse {
                try await client.execute(
                    uri: "/c/nti-digits/qualifying/submit", method: .get, headers: WebHarness.headers(cookie: cookie))
            }
            let cookie = try await Self.logIn(client, token: token)
            let empty = try await submitPage(cookie)
            #expect(!String(buffer: empty.body).contains("status-queued"))
            let csrf = try #require(Self.session(empty).csrf)
            let uploaded = try await Self.uploadExample(client, cookie: cookie, csrf: csrf)
            #expect(uploaded.status == .seeOther)
            let queued = String(buffer: try await submitPage(cookie).body)
            #expect(queued.contains("status-queued"), "the team's own submission is on its next page")
            try harness.platform.scoring.work(worker: "w", once: true)
            #expect(String(buffer: try await submitPage(cookie).body) == queued, "kept until the recheck")
            let other = String(buffer: try await submitPage(try await Self.logIn(client, token: otherToken)).body)
            #expect(other.contains("Team <strong>delta</strong>") && !other.contains("status-queued"))
            #expect(other.contains(csrf) == false, "another session's page has its own CSRF token")
        }
    }

    @Test func theCompetitionPageShowsItsTitleOnceAndReadableWindows() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let page = String(buffer: try await client.execute(uri: "/c/nti-digits", method: .get).body)
            #expect(page.components(separatedBy: "<h1>").count == 2, "one h1")
            #expect(
                !page.contains(
                    "<h1>NTI AI Hackathon (demo) — handwritten digits</h1>\n<section class=\"description\"><h1>"))
            #expect(page.components(separatedBy: "handwritten digits</h").count == 2, "the title once as a heading")
            // An anonymous visitor of a competition is offered the login in the header.
            let nav = try #require(page.firstMatch(of: /<nav aria-label="main">([\s\S]*?)<\/nav>/)?.1)
            #expect(nav.contains("href=\"/login?c=nti-digits\">Log in</a>"))
            #expect(!nav.contains("My submissions"))
            // nti-digits' qualifying round has dates in its config: shown readably, never as raw ISO text.
            #expect(page.contains(" UTC</time> ("))
            #expect(page.firstMatch(of: />\d{4}-\d\d-\d\d/) == nil, "a raw ISO date, whatever the year")
        }
    }

    @Test func theSelectFormTakesEveryTickedSubmission() async throws {
        let harness = try await WebHarness.make()
        let token = try harness.team("gamma")
        try harness.open()
        let app = try await harness.application()
        try await app.test(.live) { client in
            for model in ["knn", "logreg", "forest"] {
                let (body, type) = WebHarness.multipart(files: [
                    ("p.csv", WebHarness.example("\(model)/qualifying.csv"))
                ])
                let accepted = try await client.execute(
                    uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                    headers: WebHarness.headers(token: token, contentType: type), body: body)
                #expect(accepted.status == .accepted)
            }
            try harness.platform.scoring.work(worker: "w", once: true)
            let (cookie, csrf) = Self.session(try await client.execute(uri: "/login?c=nti-digits", method: .get))
            let login = try await client.execute(
                uri: "/login", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie),
                body: Self.form(["csrf": csrf!, "c": "nti-digits", "token": token]))
            let teamCookie = Self.session(login).cookie
            let page = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit", method: .get, headers: WebHarness.headers(cookie: teamCookie))
            let html = String(buffer: page.body)
            let boxes = html.matches(of: /name="select\[\]" value="([0-9]+)"/).map { String($0.1) }
            #expect(boxes.count == 3, "one checkbox per submission")
            // Two ticked boxes, as a browser sends them: the same percent-encoded name twice.
            let ticked = Array(boxes.prefix(2))
            let body = (["csrf=\(Self.session(page).csrf!)"] + ticked.map { "select%5B%5D=\($0)" }).joined(
                separator: "&")
            let saved = try await client.execute(
                uri: "/c/nti-digits/qualifying/select", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: teamCookie),
                body: ByteBuffer(string: body))
            #expect(saved.status == .seeOther)
            let selected = try harness.platform.boards.recentSubmissions(competition: "nti-digits").filter(\.selected)
            #expect(Set(selected.map { String($0.id!) }) == Set(ticked))
        }
    }

    @Test func everyFormRefusesAMissingOrWrongCSRFToken() async throws {
        let harness = try await WebHarness.make()
        let token = try harness.team("gamma")
        try harness.open()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let page = try await client.execute(uri: "/login?c=nti-digits", method: .get)
            let (cookie, _) = Self.session(page)
            let urlencoded = WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie)
            for (uri, fields) in [
                ("/login", ["c": "nti-digits", "token": token]), ("/logout", [:]),
                ("/admin/login", ["token": WebHarness.organiserToken]),
                ("/admin/action", ["action": "open", "c": "nti-digits", "round": "practice"]),
                ("/c/nti-digits/qualifying/select", ["select[]": "1"]),
            ] {
                for csrf in [nil, "forged"] {
                    var body = fields
                    if let csrf { body["csrf"] = csrf }
                    let response = try await client.execute(
                        uri: uri, method: .post, headers: urlencoded, body: Self.form(body))
                    #expect(response.status == .forbidden, "\(uri) with csrf \(csrf ?? "missing")")
                }
            }
            let (upload, type) = WebHarness.multipart(
                files: [("k.csv", WebHarness.example("knn/qualifying.csv"))], fields: ["csrf": "forged"])
            let response = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit?csrf=forged", method: .post,
                headers: WebHarness.headers(contentType: type, cookie: cookie), body: upload)
            #expect(response.status == .forbidden)
            #expect(try harness.platform.boards.recentSubmissions(competition: "nti-digits").isEmpty)
        }
    }

    @Test func theOrganiserPageActsOnRounds() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let page = try await client.execute(uri: "/admin", method: .get)
            let (cookie, csrf) = Self.session(page)
            let urlencoded = WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie)
            let wrong = try await client.execute(
                uri: "/admin/login", method: .post, headers: urlencoded,
                body: Self.form(["csrf": csrf!, "token": "nope"]))
            #expect(wrong.status == .unauthorized)
            let login = try await client.execute(
                uri: "/admin/login", method: .post, headers: urlencoded,
                body: Self.form(["csrf": csrf!, "token": WebHarness.organiserToken]))
            #expect(login.status == .seeOther)
            let organiserCookie = Self.session(login).cookie
            let admin = try await client.execute(
                uri: "/admin", method: .get, headers: WebHarness.headers(cookie: organiserCookie))
            let organiserCSRF = Self.session(admin).csrf!
            #expect(String(buffer: admin.body).contains("practice"))
            let action = try await client.execute(
                uri: "/admin/action", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: organiserCookie),
                body: Self.form(["csrf": organiserCSRF, "action": "open", "c": "nti-digits", "round": "practice"]))
            #expect(action.status == .seeOther)
            #expect(try harness.platform.roundState(competition: "nti-digits", round: "practice") == .open)
        }
    }
}
