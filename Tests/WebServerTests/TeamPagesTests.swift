import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Participation on the web, as two people would go through it in English and in Russian: sign up (the token
/// shown once), found a team, invite with the link, join, and the refusals in the reader's language.
@Suite(.serialized, .ownThreads)
struct TeamPagesTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&"))
    }

    /// Signs `name` up through the form in `language`; returns the session cookie and the page.
    static func signUp(_ client: some TestClientProtocol, _ name: String, language: String) async throws -> (
        cookie: String, page: String
    ) {
        let page = try await client.execute(uri: "/c/nti-digits/signup?lang=\(language)", method: .get)
        let (cookie, csrf) = PageTests.session(page)
        let signed = try await client.execute(
            uri: "/c/nti-digits/signup", method: .post,
            headers: WebHarness.headers(
                contentType: "application/x-www-form-urlencoded", cookie: "\(cookie!); podium_lang=\(language)"),
            body: form([("csrf", csrf!), ("name", name), ("accept_rules", "true")]))
        #expect(signed.status == .created)
        let newCookie = try #require(PageTests.session(signed).cookie)
        return (newCookie, String(buffer: signed.body))
    }

    @Test func twoPeopleSignUpAndFormATeamInEnglishAndRussian() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.live) { client in
            // Alice reads English: her token is shown once, and she founds a team.
            let (alice, signedUp) = try await Self.signUp(client, "Alice", language: "en")
            #expect(signedUp.contains("Your personal token is shown only this once"))
            #expect(signedUp.contains(/<code class="token" id="token">pdp_[0-9a-f]{64}<\/code>/))
            let empty = try await client.execute(
                uri: "/c/nti-digits/team?lang=en", method: .get, headers: WebHarness.headers(cookie: alice))
            #expect(String(buffer: empty.body).contains("You are in no team yet."))
            let csrf = try #require(PageTests.session(empty).csrf)
            let urlencoded = WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: alice)
            let created = try await client.execute(
                uri: "/c/nti-digits/team/create", method: .post, headers: urlencoded,
                body: Self.form([("csrf", csrf), ("name", "Digit Hunters")]))
            #expect(created.status == .seeOther)
            let team = String(
                buffer: try await client.execute(
                    uri: "/c/nti-digits/team?lang=en", method: .get, headers: WebHarness.headers(cookie: alice)
                ).body)
            #expect(team.contains("1 member of 2"))
            let link = try #require(team.firstMatch(of: /id="invite">([^<]+)</)?.1)
            #expect(link.contains("/c/nti-digits/team?invite=inv_") && link.hasPrefix("http://"))

            // Boris reads Russian: the invite link fills in the code, and joining makes two.
            let (boris, _) = try await Self.signUp(client, "Борис", language: "ru")
            let borisHeaders = WebHarness.headers(cookie: "\(boris); podium_lang=ru")
            let path = String(link[link.range(of: "/c/")!.lowerBound...])
            let invited = try await client.execute(uri: path, method: .get, headers: borisHeaders)
            let invitedPage = String(buffer: invited.body)
            #expect(invitedPage.contains("Вы пока не в команде."))
            let code = String(link.split(separator: "=").last!)
            #expect(invitedPage.contains("value=\"\(code)\""), "the link fills in the code")
            let joined = try await client.execute(
                uri: "/c/nti-digits/team/join", method: .post,
                headers: WebHarness.headers(
                    contentType: "application/x-www-form-urlencoded", cookie: "\(boris); podium_lang=ru"),
                body: Self.form([("csrf", PageTests.session(invited).csrf!), ("code", code)]))
            #expect(joined.status == .seeOther)
            let borisTeam = String(
                buffer: try await client.execute(uri: "/c/nti-digits/team", method: .get, headers: borisHeaders).body)
            #expect(borisTeam.contains("<html lang=\"ru\">") && borisTeam.contains("2 участника из 2"))
            #expect(borisTeam.contains("В команде нет свободных мест."))

            // Vera brings the same, used, code: the refusal is in her language, and nothing changed.
            let (vera, _) = try await Self.signUp(client, "Вера", language: "ru")
            let veraPage = try await client.execute(
                uri: "/c/nti-digits/team", method: .get, headers: WebHarness.headers(cookie: "\(vera); podium_lang=ru"))
            let refused = try await client.execute(
                uri: "/c/nti-digits/team/join", method: .post,
                headers: WebHarness.headers(
                    contentType: "application/x-www-form-urlencoded", cookie: "\(vera); podium_lang=ru"),
                body: Self.form([("csrf", PageTests.session(veraPage).csrf!), ("code", code)]))
            #expect(refused.status == .conflict)
            #expect(String(buffer: refused.body).contains("Этот код приглашения уже использован"))
            #expect(
                try harness.platform.participation.teams(competition: "nti-digits").map(\.name) == ["Digit Hunters"])
        }
    }

    @Test func theLanguageComesFromTheSwitchThenTheBrowserThenTheCompetition() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.router) { client in
            let english = String(buffer: try await client.execute(uri: "/c/nti-digits", method: .get).body)
            #expect(english.contains("<html lang=\"en\">") && english.contains("Registration is open"))
            var headers = HTTPFields()
            headers[.acceptLanguage] = "ru-RU,ru;q=0.9,en;q=0.5"
            let browser = String(
                buffer: try await client.execute(uri: "/c/nti-digits", method: .get, headers: headers).body)
            #expect(browser.contains("<html lang=\"ru\">") && browser.contains("Регистрация открыта"))
            let switched = try await client.execute(uri: "/c/nti-digits?lang=en", method: .get, headers: headers)
            #expect(String(buffer: switched.body).contains("<html lang=\"en\">"), "the switch wins over the browser")
            #expect(
                switched.headers[values: .setCookie].contains { $0.hasPrefix("podium_lang=en;") },
                "and is remembered")
            headers[.cookie] = "podium_lang=en"
            let remembered = String(
                buffer: try await client.execute(
                    uri: "/c/nti-digits/qualifying/leaderboard", method: .get, headers: headers
                )
                .body)
            #expect(remembered.contains("Public leaderboard"))
            let rules = String(buffer: try await client.execute(uri: "/c/nti-digits/rules?lang=ru", method: .get).body)
            #expect(rules.contains("Правила — NTI AI Hackathon") && rules.contains("Use only the data on this site"))
            #expect(!rules.contains(">Rules</h1>"), "the file's own title is not shown twice")
        }
    }
}
