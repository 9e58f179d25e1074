import Foundation
import HTTPTypes
import Hummingbird
import Platform
import Storage

/// Who is calling: a team (bearer token or session cookie), an organiser, or nobody.
enum Caller {
    case team(TeamRecord)
    case organiser
    case anonymous
}

/// Bearer tokens and session cookies.
struct Auth: Sendable {
    let platform: Platform
    let organiserToken: String?
    let sessions: Sessions

    /// The bearer token of `request`, if any.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// Compares without leaking where two strings differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The caller of an API request in competition `slug` (nil slug: only organisers are recognised
    /// by token; teams are looked up per competition).
    func caller(_ request: Request, competition slug: String?) throws -> Caller {
        if let token = Self.bearer(request) {
            if let organiserToken, Self.constantTimeEqual(token, organiserToken) { return .organiser }
            if let slug, let team = try? platform.team(competition: slug, token: token) { return .team(team) }
            throw HTTPError(.unauthorized, message: "the token is not valid here")
        }
        if let session = sessions.find(request.cookies[Sessions.cookieName]?.value) {
            switch session.owner {
            case .organiser: return .organiser
            case .team(let competition, let id, _) where slug == nil || slug == competition:
                if let team = try platform.team(id: id) { return .team(team) }
            default: break
            }
        }
        return .anonymous
    }

    /// The calling team, or 401.
    func team(_ request: Request, competition slug: String) throws -> TeamRecord {
        switch try caller(request, competition: slug) {
        case .team(let team): return team
        case .organiser: throw HTTPError(.forbidden, message: "an organiser token cannot act as a team")
        case .anonymous: throw HTTPError(.unauthorized, message: "send Authorization: Bearer <team token>")
        }
    }

    /// Organisers only: 401 without credentials, 403 with any other token or a team's session.
    func requireOrganiser(_ request: Request) throws {
        if let token = Self.bearer(request) {
            guard let organiserToken, Self.constantTimeEqual(token, organiserToken) else {
                throw HTTPError(.forbidden, message: "organisers only")
            }
            return
        }
        switch sessions.find(request.cookies[Sessions.cookieName]?.value)?.owner {
        case .organiser?: return
        case .team?: throw HTTPError(.forbidden, message: "organisers only")
        default: throw HTTPError(.unauthorized, message: "send Authorization: Bearer <organiser token>")
        }
    }
}
