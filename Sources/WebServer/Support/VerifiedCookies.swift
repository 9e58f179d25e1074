import Synchronization

/// Session cookies this process has verified, by their exact value: verifying is a pure function of the value
/// and the secret, so a remembered value needs no HMAC and no decoding again. At most `capacity` are kept
/// (all are dropped when it is reached: a crowd of new visitors costs what it did before).
final class VerifiedCookies: Sendable {
    private let sessions = Mutex<[String: Sessions.Session]>([:])
    private let capacity: Int

    /// Remembers at most `capacity` cookies.
    init(capacity: Int = 10_000) { self.capacity = capacity }

    /// The session a verified cookie value carries, if remembered.
    func session(_ value: String) -> Sessions.Session? { sessions.withLock { $0[value] } }

    /// Remembers a verified session under its cookie value.
    func remember(_ session: Sessions.Session) {
        sessions.withLock { sessions in
            if sessions.count >= capacity { sessions.removeAll() }
            sessions[session.value] = session
        }
    }
}
