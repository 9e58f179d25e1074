import Foundation
import GRDB
import Storage

extension Platform {
    /// Adds a team and returns it with its token — the only time the token is shown; only its
    /// SHA-256 is stored.
    public func addTeam(competition slug: String, name: String, baseline: Bool = false) throws -> (TeamRecord, String) {
        _ = try competition(slug)
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw PlatformError(.notAllowed, "a team name needs 1 to 100 characters")
        }
        var generator = SystemRandomNumberGenerator()
        let token = "pdm_" + (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        let now = self.now
        let team = try database.writer.write { db -> TeamRecord in
            if try TeamRecord.filter(Column("competition") == slug && Column("name") == trimmed).fetchCount(db) > 0 {
                throw PlatformError(.notAllowed, "team \"\(trimmed)\" already exists in \(slug)")
            }
            var team = TeamRecord(
                competition: slug, name: trimmed, tokenHash: SHA256.hex(token), isBaseline: baseline,
                disqualified: false,
                createdAt: now)
            try team.insert(db)
            return team
        }
        return (team, token)
    }

    /// The teams of a competition, by name.
    public func teams(competition slug: String) throws -> [TeamRecord] {
        _ = try competition(slug)
        return try database.writer.read { db in
            try TeamRecord.filter(Column("competition") == slug).order(Column("name")).fetchAll(db)
        }
    }

    /// The team holding `token` in `slug`, or unknown_team.
    public func team(competition slug: String, token: String) throws -> TeamRecord {
        let hash = SHA256.hex(token)
        guard
            let team = try database.writer.read({ db in
                try TeamRecord.filter(Column("competition") == slug && Column("tokenHash") == hash).fetchOne(db)
            })
        else { throw PlatformError(.unknownTeam, "no team in \(slug) has this token") }
        return team
    }

    /// The team named `name` in `slug`, or unknown_team.
    public func team(competition slug: String, name: String) throws -> TeamRecord {
        guard
            let team = try database.writer.read({ db in
                try TeamRecord.filter(Column("competition") == slug && Column("name") == name).fetchOne(db)
            })
        else { throw PlatformError(.unknownTeam, "no team \"\(name)\" in \(slug); see podium team list \(slug)") }
        return team
    }
}
