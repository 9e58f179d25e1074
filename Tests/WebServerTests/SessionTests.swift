import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import WebServer

/// Sessions are signed cookies: a login made on one replica is valid on every replica that shares the
/// secret, and a cookie that was forged, altered, signed with another secret or expired is not.
@Suite(.serialized, .ownThreads)
struct SessionTests {
    @Test func aLoginOnOneReplicaIsValidOnAnother() async throws {
        let harness = try await WebHarness.make()
        let token = try harness.team("gamma")
        try harness.open()
        harness.configuration.sessionSecret = "shared-secret-of-both-replicas"
        let first = try await harness.application()
        let second = try await harness.application()
        let teamCookie = try await first.test(.live) { client -> String? in
            let page = try await client.execute(uri: "/login?c=nti-digits", method: .get)
            let (cookie, csrf) = PageTests.session(page)
            let login = try await client.execute(
                uri: "/login", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie),
                body: PageTests.form(["csrf": try #require(csrf), "c": "nti-digits", "token": token]))
            #expect(login.status == .seeOther)
            return PageTests.session(login).cookie
        }
        let cookie = try #require(teamCookie)
        try await second.test(.live) { client in
            let page = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit", method: .get, headers: WebHarness.headers(cookie: cookie))
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Team <strong>gamma</strong>"))
            // The form's CSRF token from the second replica is accepted there: the session is the same.
            let csrf = try #require(PageTests.session(page).csrf)
            let upload = try await PageTests.uploadExample(client, cookie: cookie, csrf: csrf)
            #expect(upload.status == .seeOther)
        }
        // A replica with another secret does not know the session: back to the login page.
        harness.configuration.sessionSecret = "another-secret-entirely-different"
        let stranger = try await harness.application()
        try await stranger.test(.live) { client in
            let page = try await client.execute(
                uri: "/c/nti-digits/qualifying/submit", method: .get, headers: WebHarness.headers(cookie: cookie))
            #expect(page.status == .seeOther)
            #expect(page.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test func anAlteredOrExpiredCookieIsRefused() throws {
        let clock = Clock()
        let sessions = Sessions(secret: "sixteen+ characters", lifetime: 3600, now: { clock.now })
        let session = sessions.create(.team(competition: "nti-digits", teamID: 7, name: "gamma"))
        let found = try #require(sessions.find(session.value))
        #expect(found.owner == .team(competition: "nti-digits", teamID: 7, name: "gamma"))
        #expect(found.csrf == session.csrf && found.id == session.id)
        // Claiming to be the organiser: the body changes, the signature no longer matches.
        let forged = Sessions(secret: "the attacker's own secret", now: { clock.now }).create(
            .organiser(name: "organiser"))
        let body = forged.value.split(separator: ".")[0]
        let signature = session.value.split(separator: ".")[1]
        #expect(sessions.find("\(body).\(signature)") == nil)
        #expect(sessions.find(forged.value) == nil)
        #expect(sessions.find(String(session.value.dropLast())) == nil)
        #expect(sessions.find("garbage") == nil)
        // Another session's CSRF token is not this one's.
        #expect(sessions.create(.anonymous).csrf != session.csrf)
        clock.now = clock.now.addingTimeInterval(3601)
        #expect(sessions.find(session.value) == nil, "expired after its lifetime")
    }

    @Test func theCookiesLifetimeIsCountedOnTheSessionsClock() throws {
        let clock = Clock()
        clock.now = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01, far from any wall clock
        let sessions = Sessions(secret: "sixteen+ characters", lifetime: 3600, idle: 3600, now: { clock.now })
        let session = sessions.create(.anonymous)
        #expect(sessions.cookie(session, secure: false).contains("; Max-Age=3600;"))
        clock.now = clock.now.addingTimeInterval(600)
        #expect(sessions.cookie(session, secure: true).contains("; Max-Age=3000;"))
    }

    @Test func aSessionIdlesOutButAnActiveOneLasts() throws {
        let clock = Clock()
        let sessions = Sessions(secret: "sixteen+ characters", lifetime: 7 * 86400, idle: 12 * 3600, now: { clock.now })
        let session = sessions.create(.organiser(name: "alice"))
        #expect(sessions.touched(session) == nil, "a fresh cookie is not re-signed")
        // Active: seen every 11 hours, the same session (id, CSRF token) lasts past twelve.
        var current = session
        for _ in 0..<3 {
            clock.now = clock.now.addingTimeInterval(11 * 3600)
            let found = try #require(sessions.find(current.value))
            current = try #require(sessions.touched(found))
            #expect(current.id == session.id && current.csrf == session.csrf && current.expires == session.expires)
            #expect(current.owner == .organiser(name: "alice"), "the organiser's name is signed into the cookie")
        }
        // Idle: twelve hours and a second without a request ends it, though it has not expired.
        clock.now = clock.now.addingTimeInterval(12 * 3600 + 1)
        #expect(sessions.find(current.value) == nil)
        #expect(clock.now < session.expires)
    }

    /// A settable clock.
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_795_886_780)
    }
}
