import Foundation
import Notifications

/// Browser sessions as signed, expiring cookies, so any web replica serves any request: the cookie
/// carries who the visitor is and until when, signed with HMAC-SHA256 under the server's secret
/// (`PODIUM_SESSION_SECRET`, the same on every replica); nothing is kept in memory. Each session has a
/// random id, and its CSRF token is derived from that id and the secret, so every form is bound to its
/// session and a token taken from one session is worthless in another. (A replica remembers the cookies it
/// has verified — the same string under the same secret always verifies the same — so a visitor refreshing a
/// page costs no HMAC and no JSON decoding; expiry and idleness are still checked on every request.)
///
/// A session also ends after `idle` without a request (12 hours by default): the cookie carries when it
/// was last seen, and pages re-sign it (same id, same CSRF token) when that is more than five minutes old.
///
/// Stateless means a cookie cannot be revoked before it expires: logging out deletes it from the browser,
/// and changing the secret ends every session at once.
struct Sessions: Sendable {
    /// Who a session belongs to.
    enum Owner: Equatable, Sendable {
        case anonymous
        case team(competition: String, teamID: Int64, name: String)
        /// A participant (in a team or not), who logged in with their personal token.
        case participant(competition: String, id: Int64, name: String)
        /// An organiser, by the name the audit log records.
        case organiser(name: String)
    }

    /// One visitor's session.
    struct Session: Sendable {
        let id: String
        let csrf: String
        let owner: Owner

        /// Whether an organiser owns it.
        var isOrganiser: Bool {
            if case .organiser = owner { return true }
            return false
        }
        let expires: Date
        /// When the session was last seen (signed into the cookie).
        let seen: Date
        /// The signed cookie value.
        let value: String
    }

    static let cookieName = "podium_session"

    /// An anonymous reader without a session (pages that have no form for them): no id, no CSRF token.
    static let visitor = Session(
        id: "", csrf: "", owner: .anonymous, expires: .distantPast, seen: .distantPast, value: "")

    private let key: [UInt8]
    /// Cookies verified by this process, with their sessions: verifying is a pure function of the value and
    /// the secret, so a remembered value needs no HMAC and no decoding again.
    private let verified = BoundedCache<String, Session>(capacity: 10_000)
    /// How long a session lasts (default 7 days).
    let lifetime: TimeInterval
    /// How long a session lasts without a request (default 12 hours).
    let idle: TimeInterval
    /// How old `seen` may get before a page re-signs the cookie.
    static let refreshAfter: TimeInterval = 300
    /// The clock (tests move it).
    let now: @Sendable () -> Date

    /// Sessions signed with `secret`.
    init(
        secret: String, lifetime: TimeInterval = 7 * 86400, idle: TimeInterval = 12 * 3600,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        key = Array(secret.utf8)
        self.lifetime = lifetime
        self.idle = idle
        self.now = now
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The signed fields of a cookie.
    private struct Payload: Codable {
        var id: String
        var kind: String
        var competition: String?
        /// The team's id, or the participant's.
        var team: Int64?
        var name: String?
        var expires: Int64
        /// Last seen (absent in cookies made before sessions idled out: their creation).
        var seen: Int64?
    }

    /// A new session for `owner`, with a new id.
    func create(_ owner: Owner) -> Session {
        let expires = Date(timeIntervalSince1970: (now().timeIntervalSince1970 + lifetime).rounded(.down))
        return signed(owner, id: Self.randomToken(), expires: expires)
    }

    /// The session a cookie value carries, re-signed as seen now when its cookie is due (`refreshed`: send
    /// the new cookie), or nil.
    func resume(_ value: String?) -> (session: Session, refreshed: Bool)? {
        guard let session = find(value) else { return nil }
        if let touched = touched(session) { return (touched, true) }
        return (session, false)
    }

    /// `session` signed again as seen now — same id, CSRF token and expiry — when it was last seen more
    /// than `refreshAfter` ago; nil when its cookie is fresh enough.
    func touched(_ session: Session) -> Session? {
        guard !session.id.isEmpty, now().timeIntervalSince(session.seen) > Self.refreshAfter else { return nil }
        return signed(session.owner, id: session.id, expires: session.expires)
    }

    private func signed(_ owner: Owner, id: String, expires: Date) -> Session {
        let seen = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        var payload = Payload(
            id: id, kind: "anonymous", expires: Int64(expires.timeIntervalSince1970),
            seen: Int64(seen.timeIntervalSince1970))
        switch owner {
        case .anonymous: break
        case .organiser(let name):
            payload.kind = "organiser"
            payload.name = name
        case .participant(let competition, let id, let name):
            payload.kind = "participant"
            payload.competition = competition
            payload.team = id
            payload.name = name
        case .team(let competition, let teamID, let name):
            payload.kind = "team"
            payload.competition = competition
            payload.team = teamID
            payload.name = name
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = Self.base64URL(Array(try! encoder.encode(payload)))
        return Session(
            id: id, csrf: csrf(for: id), owner: owner, expires: expires, seen: seen, value: body + "." + sign(body))
    }

    /// The session a cookie value carries, if its signature is right and it has not expired.
    func find(_ value: String?) -> Session? {
        guard let value, value.utf8.count < 4096 else { return nil }
        let session = verified.value(value) ?? verify(value)
        guard let session, session.expires > now(), now().timeIntervalSince(session.seen) <= idle else { return nil }
        return session
    }

    /// The session a cookie value's payload holds when its signature is right (and remembered), else nil.
    private func verify(_ value: String) -> Session? {
        guard let dot = value.lastIndex(of: ".") else { return nil }
        let body = String(value[..<dot])
        guard Auth.constantTimeEqual(String(value[value.index(after: dot)...]), sign(body)),
            let bytes = Self.unbase64URL(body),
            let payload = try? JSONDecoder().decode(Payload.self, from: Data(bytes))
        else { return nil }
        let expires = Date(timeIntervalSince1970: TimeInterval(payload.expires))
        let seen = Date(timeIntervalSince1970: TimeInterval(payload.seen ?? payload.expires - Int64(lifetime)))
        let owner: Owner
        switch payload.kind {
        case "organiser": owner = .organiser(name: payload.name ?? Auth.bootstrapOrganiser)
        case "participant":
            guard let competition = payload.competition, let id = payload.team, let name = payload.name else {
                return nil
            }
            owner = .participant(competition: competition, id: id, name: name)
        case "team":
            guard let competition = payload.competition, let team = payload.team, let name = payload.name else {
                return nil
            }
            owner = .team(competition: competition, teamID: team, name: name)
        default: owner = .anonymous
        }
        let session = Session(
            id: payload.id, csrf: csrf(for: payload.id), owner: owner, expires: expires, seen: seen, value: value)
        verified.keep(session, as: value)
        return session
    }

    /// The Set-Cookie value for `session` (its lifetime left on this store's clock).
    func cookie(_ session: Session, secure: Bool) -> String {
        let maxAge = max(0, Int(session.expires.timeIntervalSince(now())))
        return
            "\(Self.cookieName)=\(session.value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    /// The Set-Cookie value that deletes the session cookie (logging out).
    static func deletion(secure: Bool) -> String {
        "\(cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    private func sign(_ body: String) -> String { HMAC.sha256Hex(key: key, message: Array(("session:" + body).utf8)) }

    private func csrf(for id: String) -> String {
        String(HMAC.sha256Hex(key: key, message: Array(("csrf:" + id).utf8)).prefix(32))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func unbase64URL(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}
