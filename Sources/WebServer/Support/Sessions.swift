import Foundation

/// Browser sessions, in memory: a random id in an HttpOnly, SameSite=Strict cookie, and a CSRF token that
/// every form must echo. A server restart logs everyone out (teams log in again with their token).
final class Sessions: @unchecked Sendable {
    /// Who a session belongs to.
    enum Owner: Equatable {
        case anonymous
        case team(competition: String, teamID: Int64, name: String)
        case organiser
    }

    struct Session {
        let id: String
        let csrf: String
        var owner: Owner
        var lastSeen: Date
    }

    private var sessions: [String: Session] = [:]
    private let lock = NSLock()
    static let cookieName = "podium_session"

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// A new session.
    func create(_ owner: Owner) -> Session {
        let session = Session(id: Self.randomToken(), csrf: Self.randomToken(), owner: owner, lastSeen: Date())
        lock.withLock {
            sessions[session.id] = session
            if sessions.count > 100_000 {  // drop the oldest half rather than grow without bound
                let cutoff = sessions.values.map(\.lastSeen).sorted()[sessions.count / 2]
                sessions = sessions.filter { $0.value.lastSeen > cutoff }
            }
        }
        return session
    }

    /// The session with `id`, if any.
    func find(_ id: String?) -> Session? {
        guard let id else { return nil }
        return lock.withLock {
            sessions[id]?.lastSeen = Date()
            return sessions[id]
        }
    }

    /// Forgets a session.
    func remove(_ id: String?) {
        guard let id else { return }
        _ = lock.withLock { sessions.removeValue(forKey: id) }
    }

    /// The Set-Cookie value for `session`.
    static func cookie(_ session: Session, secure: Bool) -> String {
        "\(cookieName)=\(session.id); Path=/; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }
}
