import Competitions
import Foundation
import Storage

extension ParticipationService {
    /// A team by id.
    public func team(id: Int64) throws -> TeamRecord? {
        try store.read { try $0.team(id: id) }
    }
}

extension ParticipationService {
    /// The teams of a competition, by name.
    public func teams(competition slug: String) throws -> [TeamRecord] {
        _ = try platform.competition(slug)
        return try store.read { try $0.teams(competition: slug) }
    }

    /// The team holding `token` in `slug`, or unknown_team.
    public func team(competition slug: String, token: String) throws -> TeamRecord {
        let hash = SHA256.hex(token)
        guard
            let team = try store.readOne({ try $0.team(competition: slug, tokenHash: hash) })
        else { throw PlatformError(.unknownTeam, "no team in \(slug) has this token") }
        return team
    }

    /// The team named `name` in `slug`, or unknown_team.
    public func team(competition slug: String, name: String) throws -> TeamRecord {
        guard
            let team = try store.read({ try $0.team(competition: slug, name: name) })
        else { throw PlatformError(.unknownTeam, "no team \"\(name)\" in \(slug); see podium team list \(slug)") }
        return team
    }
}
