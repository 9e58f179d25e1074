import Competitions
import Foundation
import Storage

extension Platform {
    /// Adds a team and returns it with its token — the only time the token is shown; only its
    /// SHA-256 is stored.
    public func addTeam(
        competition slug: String, name: String, baseline: Bool = false, actor: String = Platform.localActor,
        card: ModelCard? = nil
    ) throws -> (TeamRecord, String) {
        let storedCard = try Self.storedCard(card)
        _ = try competition(slug)
        let trimmed = try Self.checkedName(name, of: "the team's")
        let token = Self.newToken("pdm_")
        let now = self.now
        let team = try store.write { store -> TeamRecord in
            if try store.team(competition: slug, name: trimmed) != nil {
                throw PlatformError(.nameTaken, "team \"\(trimmed)\" already exists in \(slug)")
            }
            let team = try store.insert(
                TeamRecord(
                    competition: slug, name: trimmed, tokenHash: SHA256.hex(token), isBaseline: baseline,
                    disqualified: false, createdAt: now, card: storedCard))
            try audit(
                store, actor: actor, action: baseline ? "team.add_baseline" : "team.add", competition: slug,
                subject: trimmed, at: now)
            return team
        }
        return (team, token)
    }

    /// The teams of a competition, by name.
    public func teams(competition slug: String) throws -> [TeamRecord] {
        _ = try competition(slug)
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
