import Foundation
import HTTPTypes
import Hummingbird
import Platform
import Storage

/// Who is calling.
enum Caller {
    /// A team: its own token, or one of its members (`member`) by their participant token or session.
    case team(TeamRecord, member: ParticipantRecord?)
    /// A participant who is in no team yet.
    case participant(ParticipantRecord)
    /// An organiser, by the name the audit log records (`organiser` for the bootstrap token).
    case organiser(String)
    case anonymous
}

/// Bearer tokens and session cookies.
struct Auth: Sendable {
    let platform: Platform
    let organiserToken: String?
    let sessions: Sessions

    /// The name the bootstrap organiser token acts under.
    static let bootstrapOrganiser = "organiser"

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

    /// The organiser holding `token` (the bootstrap token or a personal one), or nil.
    func organiser(token: String) throws -> String? {
        if let organiserToken, Self.constantTimeEqual(token, organiserToken) { return Self.bootstrapOrganiser }
        // A team's or a participant's token costs no look-up here.
        guard token.hasPrefix(Platform.organiserTokenPrefix) else { return nil }
        return try platform.organisers.organiser(token: token)?.name
    }

    /// The caller of an API request in competition `slug` (nil slug: only organisers are recognised by token;
    /// teams and participants are looked up per competition).
    func caller(_ request: Request, competition slug: String?) throws -> Caller {
        if let token = Self.bearer(request) {
            if let name = try organiser(token: token) { return .organiser(name) }
            if let slug, let team = try? platform.participation.team(competition: slug, token: token) {
                return .team(team, member: nil)
            }
            if let slug, let participant = try platform.participation.participant(competition: slug, token: token) {
                return try caller(participant)
            }
            throw HTTPError(.unauthorized, message: "the token is not valid here")
        }
        if let session = sessions.find(request.cookie(Sessions.cookieName)) {
            switch session.owner {
            case .organiser(let name): return .organiser(name)
            case .team(let competition, let id, _) where slug == nil || slug == competition:
                if let team = try platform.participation.team(id: id) { return .team(team, member: nil) }
            case .participant(let competition, let id, _) where slug == nil || slug == competition:
                if let participant = try platform.participation.participant(id: id) { return try caller(participant) }
            default: break
            }
        }
        return .anonymous
    }

    /// A participant as a caller: their team's member when they are in one.
    private func caller(_ participant: ParticipantRecord) throws -> Caller {
        guard let teamId = participant.teamId, let team = try platform.participation.team(id: teamId) else {
            return .participant(participant)
        }
        return .team(team, member: participant)
    }

    /// The calling team and, when a member calls, that member; 401 without credentials.
    func team(_ request: Request, competition slug: String) throws -> (TeamRecord, member: ParticipantRecord?) {
        switch try caller(request, competition: slug) {
        case .team(let team, let member): return (team, member)
        case .participant(let participant):
            throw PlatformError(
                .notInTeam, "\(participant.name) is in no team yet: create one or join one with an invite code")
        case .organiser: throw HTTPError(.forbidden, message: "an organiser token cannot act as a team")
        case .anonymous:
            throw HTTPError(.unauthorized, message: "send Authorization: Bearer <team or participant token>")
        }
    }

    /// The calling participant (in a team or not); 401 without credentials, 403 for a team's or organiser's token.
    func participant(_ request: Request, competition slug: String) throws -> ParticipantRecord {
        switch try caller(request, competition: slug) {
        case .team(_, let member?), .participant(let member): return member
        case .team: throw HTTPError(.forbidden, message: "a team's token cannot do this: use your participant token")
        case .organiser: throw HTTPError(.forbidden, message: "an organiser token cannot act as a participant")
        case .anonymous: throw HTTPError(.unauthorized, message: "send Authorization: Bearer <participant token>")
        }
    }

    /// Organisers only: their name for the audit log; 401 without credentials, 403 with any other token or a
    /// team's or participant's session.
    @discardableResult
    func requireOrganiser(_ request: Request) throws -> String {
        if let token = Self.bearer(request) {
            guard let name = try organiser(token: token) else {
                throw HTTPError(.forbidden, message: "organisers only")
            }
            return name
        }
        switch sessions.find(request.cookie(Sessions.cookieName))?.owner {
        case .organiser(let name)?: return name
        case .team?, .participant?: throw HTTPError(.forbidden, message: "organisers only")
        default: throw HTTPError(.unauthorized, message: "send Authorization: Bearer <organiser token>")
        }
    }
}
