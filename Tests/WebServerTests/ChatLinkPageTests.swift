import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import Storage
import TestSupport
import Testing

/// A participant links their chat account from the team page: the page gives a one-time code, the bot takes it, the
/// page lists the link, and one button revokes it (the bot then answers as to a stranger).
@Suite(.ownThreads) struct ChatLinkPageTests {
    @Test func theTeamPageGivesACodeListsTheLinkAndRevokesIt() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        let telegram = ChatUser(transport: "telegram", id: "7")
        try await app.test(.live) { client in
            let (cookie, _) = try await TeamPagesTests.signUp(client, "ada", language: "en")
            let page = try await client.execute(
                uri: "/c/nti-digits/team?lang=en", method: .get, headers: WebHarness.headers(cookie: cookie))
            #expect(String(buffer: page.body).contains("Get a link code"))
            let csrf = try #require(PageTests.session(page).csrf)
            let headers = WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie)
            let asked = try await client.execute(
                uri: "/c/nti-digits/team/chat-code", method: .post, headers: headers,
                body: TeamPagesTests.form([("csrf", csrf)]))
            let code = try #require(String(buffer: asked.body).firstMatch(of: /\/link ([A-Z2-9]{8})</)?.1)
            let linked = try harness.platform.chat.answer("/link \(code)", from: telegram, competition: "nti-digits")
            #expect(linked?.contains("you are ada") == true, "\(linked ?? "")")
            let listed = try await client.execute(
                uri: "/c/nti-digits/team?lang=en", method: .get, headers: WebHarness.headers(cookie: cookie))
            #expect(String(buffer: listed.body).contains("Linked: telegram"))
            // Alerts chosen on the page: failed only.
            let chose = try await client.execute(
                uri: "/c/nti-digits/team/alerts", method: .post, headers: headers,
                body: ByteBuffer(string: "csrf=\(csrf)&alerts%5B%5D=failed"))
            #expect(chose.status == .seeOther)
            let ada = try harness.platform.participation.participant(competition: "nti-digits", name: "ada")
            #expect(try harness.platform.chat.alerts(of: ada) == [.failed])
            let shown = try await client.execute(
                uri: "/c/nti-digits/team?lang=en", method: .get, headers: WebHarness.headers(cookie: cookie))
            #expect(String(buffer: shown.body).contains(#"value="failed" checked"#))
            let revoked = try await client.execute(
                uri: "/c/nti-digits/team/chat-unlink", method: .post, headers: headers,
                body: TeamPagesTests.form([("csrf", csrf)]))
            #expect(revoked.status == .seeOther)
            let after = try harness.platform.chat.answer("/rank", from: telegram, competition: "nti-digits")
            #expect(after?.contains("/link CODE") == true, "\(after ?? "")")
        }
    }
}
