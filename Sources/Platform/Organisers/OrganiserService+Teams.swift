import Competitions
import Foundation
import Storage

extension OrganiserService {
    /// Adds a team and returns it with its token — the only time the token is shown; only its
    /// SHA-256 is stored.
    public func addTeam(
        competition slug: String, name: String, baseline: Bool = false, actor: String = Platform.localActor,
        card: ModelCard? = nil
    ) throws -> (TeamRecord, String) {
        let storedCard = try Platform.storedCard(card)
        _ = try platform.competition(slug)
        let trimmed = try Platform.checkedName(name, of: "the team's")
        let token = Platform.newToken("pdm_")
        let now = self.now
        let team = try store.write { store -> TeamRecord in
            if try store.team(competition: slug, name: trimmed) != nil {
                throw PlatformError(.nameTaken, "team \"\(trimmed)\" already exists in \(slug)")
            }
            let team = try store.insert(
                TeamRecord(
                    competition: slug, name: trimmed, tokenHash: SHA256.hex(token), isBaseline: baseline,
                    disqualified: false, createdAt: now, card: storedCard))
            try platform.audit(
                store, actor: actor, action: baseline ? "team.add_baseline" : "team.add", competition: slug,
                subject: trimmed, at: now)
            return team
        }
        return (team, token)
    }
}
