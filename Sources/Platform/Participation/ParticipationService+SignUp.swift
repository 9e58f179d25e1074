import Competitions
import Foundation
import Storage

/// Self-service participation: people sign up for a competition (`registration: open | approval`), form teams
/// with invite codes, leave them before their first submission; captains remove members and replace the code.
/// Every rule is checked inside the write transaction that acts on it, so two requests at once cannot both pass.
extension Platform {
    /// What a team looks like to its members: who is in it, who leads it, its current invite code (captain and
    /// members see it) and the merges it asked for or was asked.
    public struct TeamView: Sendable {
        /// The team.
        public let team: TeamRecord
        /// Its members, in the order they joined.
        public let members: [ParticipantRecord]
        /// The code that admits the next member (nil when the team is full or was made by an organiser).
        public let inviteCode: String?
        /// Pending merge requests it made or received, with the other team's name.
        public let merges: [(request: MergeRequestRecord, otherTeam: String)]
    }

    /// A name for a participant, a team or an organiser, exactly as the API's contract says: 1 to 100 characters
    /// (Unicode code points), no control characters, no space at either end (pages and the CLI trim what people
    /// type before it gets here).
    static func checkedName(_ name: String, of what: String) throws -> String {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw PlatformError(.invalidInput, "\(what) name is empty")
        }
        guard name == name.trimmingCharacters(in: .whitespacesAndNewlines) else {
            throw PlatformError(.invalidInput, "\(what) name starts or ends with a space")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PlatformError(.invalidInput, "\(what) name contains a control character")
        }
        guard name.unicodeScalars.count <= 100 else {
            throw PlatformError(
                .invalidInput, "\(what) name has \(name.unicodeScalars.count) characters; the limit is 100")
        }
        return name
    }

    /// A new random secret: `prefix` and `words` × 64 random bits in hex.
    static func newToken(_ prefix: String, words: Int = 4) -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + (0..<words).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }
}

extension ParticipationService {
    /// Signs `name` up for `slug`; returns the participant and their token (shown once; only its hash is kept).
    public func signUp(competition slug: String, name: String, acceptRules: Bool) throws -> (ParticipantRecord, String)
    {
        let (_, config) = try platform.competition(slug)
        let mode = config.registrationMode
        guard mode != .closed else {
            throw PlatformError(
                .registrationClosed, "\(slug) takes no sign-ups: its organisers make the teams (registration: closed)")
        }
        if config.rules != nil, !acceptRules {
            throw PlatformError(.rulesNotAccepted, "\(slug) has rules: read them and accept them (accept_rules: true)")
        }
        let trimmed = try Platform.checkedName(name, of: "the participant's")
        let token = Platform.newToken("pdp_")
        let now = self.now
        let participant = try store.write { store -> ParticipantRecord in
            guard try store.participant(competition: slug, name: trimmed) == nil else {
                throw PlatformError(.nameTaken, "a participant called \"\(trimmed)\" has signed up for \(slug) already")
            }
            return try store.insert(
                ParticipantRecord(
                    competition: slug, name: trimmed, tokenHash: SHA256.hex(token),
                    status: mode == .approval ? .pending : .approved, acceptedRules: config.rules != nil && acceptRules,
                    createdAt: now))
        }
        return (participant, token)
    }

    /// The participant holding `token` in `slug`, or nil.
    public func participant(competition slug: String, token: String) throws -> ParticipantRecord? {
        let hash = SHA256.hex(token)
        return try store.readOne { try $0.participant(competition: slug, tokenHash: hash) }
    }

    /// The participant with this id, or nil.
    public func participant(id: Int64) throws -> ParticipantRecord? { try store.read { try $0.participant(id: id) } }

    /// The names of the participants with these ids (who uploaded which submission), by id.
    public func participantNames(_ ids: some Sequence<Int64>) throws -> [Int64: String] {
        try store.read { try participantNames($0, ids) }
    }

    /// `participantNames` inside a caller's read.
    func participantNames(_ store: any StoreReader, _ ids: some Sequence<Int64>) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for id in Set(ids) { names[id] = try store.participant(id: id)?.name }
        return names
    }

    /// The participant named `name` in `slug`.
    public func participant(competition slug: String, name: String) throws -> ParticipantRecord {
        guard let participant = try store.read({ try $0.participant(competition: slug, name: name) }) else {
            throw PlatformError(.notFound, "no participant \"\(name)\" in \(slug)")
        }
        return participant
    }

    /// A competition's participants, by name (organisers: who waits for approval, who is in which team).
    public func participants(competition slug: String) throws -> [ParticipantRecord] {
        _ = try platform.competition(slug)
        return try store.read { try $0.participants(competition: slug) }
    }

    /// The participant's team as its members see it.
    public func teamView(of participant: ParticipantRecord) throws -> Platform.TeamView {
        guard let teamId = participant.teamId else {
            throw PlatformError(.notInTeam, "\(participant.name) is in no team yet: create one or join one")
        }
        return try store.read { store in
            guard let team = try store.team(id: teamId) else { throw PlatformError(.notInTeam, "the team is gone") }
            return try teamView(store, team: team)
        }
    }

    func teamView(_ store: any StoreReader, team: TeamRecord) throws -> Platform.TeamView {
        let merges = try store.pendingMerges(teamId: team.id!).map { request in
            let other = request.fromTeam == team.id ? request.intoTeam : request.fromTeam
            return (request, try store.team(id: other)?.name ?? "?")
        }
        return Platform.TeamView(
            team: team, members: try store.members(teamId: team.id!),
            inviteCode: try store.activeInvite(teamId: team.id!)?.code, merges: merges)
    }

    /// `participant` founds a team called `name` and becomes its captain; returns it with its first invite code.
    public func createTeam(competition slug: String, participant: ParticipantRecord, name: String) throws
        -> Platform.TeamView
    {
        let trimmed = try Platform.checkedName(name, of: "the team's")
        let now = self.now
        return try store.write { store in
            let current = try current(store, participant)
            guard current.teamId == nil else {
                throw PlatformError(.alreadyInTeam, "\(current.name) is in a team already: leave it first")
            }
            guard try store.team(competition: slug, name: trimmed) == nil else {
                throw PlatformError(.nameTaken, "a team called \"\(trimmed)\" exists in \(slug) already")
            }
            // The team's own token is never shown: its members submit with their personal tokens.
            let team = try store.insert(
                TeamRecord(
                    competition: slug, name: trimmed, tokenHash: SHA256.hex(Platform.newToken("pdm_")),
                    isBaseline: false,
                    disqualified: false, createdAt: now, captainId: current.id))
            var member = current
            member.teamId = team.id
            member.joinedAt = now
            try store.update(member)
            try store.insert(
                InviteRecord(
                    code: Platform.newToken("inv_", words: 2), competition: slug, teamId: team.id!, state: .active,
                    createdAt: now))
            return try teamView(store, team: team)
        }
    }

    /// `participant` joins the team whose invite code is `code`; the code is used up and the team gets a new one
    /// (while it has room).
    public func joinTeam(competition slug: String, participant: ParticipantRecord, inviteCode code: String) throws
        -> Platform.TeamView
    {
        let (_, config) = try platform.competition(slug)
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let now = self.now
        return try store.write { store in
            let current = try current(store, participant)
            guard let invite = try store.invite(code: trimmed), invite.competition == slug else {
                throw PlatformError(.notFound, "no team of \(slug) has this invite code; check it with your captain")
            }
            switch invite.state {
            case .used:
                throw PlatformError(
                    .inviteUsed,
                    "this invite code has been used (each admits one member); ask your captain for the new one")
            case .revoked:
                throw PlatformError(.inviteRevoked, "this invite code was replaced or its team is gone")
            case .active: break
            }
            guard current.teamId == nil else {
                throw PlatformError(
                    .alreadyInTeam,
                    current.teamId == invite.teamId
                        ? "\(current.name) is in this team already"
                        : "\(current.name) is in another team: leave it first")
            }
            guard let team = try store.team(id: invite.teamId) else {
                throw PlatformError(.inviteRevoked, "the team of this invite code is gone")
            }
            let size = try store.members(teamId: team.id!).count
            guard size < config.teamSizeLimit else {
                throw PlatformError(
                    .teamFull, "team \(team.name) has \(size) members, the most a team may have in \(slug)")
            }
            var member = current
            member.teamId = team.id
            member.joinedAt = now
            try store.update(member)
            try store.closeInvite(code: trimmed, state: .used, usedBy: current.id, at: now)
            try refreshInvite(store, team: team, limit: config.teamSizeLimit, at: now)
            return try teamView(store, team: team)
        }
    }

    /// `participant` leaves their team, allowed until their first submission in it. The captaincy passes to the
    /// longest-standing member; a team left empty (with no submissions) is deleted.
    public func leaveTeam(competition slug: String, participant: ParticipantRecord) throws {
        let (_, config) = try platform.competition(slug)
        let now = self.now
        try store.write { store in
            let current = try current(store, participant)
            try remove(store, member: current, limit: config.teamSizeLimit, at: now)
        }
    }

    /// The captain `captain` removes the member named `name` (who has not submitted in the team).
    public func removeMember(competition slug: String, captain: ParticipantRecord, member name: String) throws {
        let (_, config) = try platform.competition(slug)
        let now = self.now
        try store.write { store in
            let (team, current) = try captainsTeam(store, captain)
            guard let member = try store.participant(competition: slug, name: name), member.teamId == team.id else {
                throw PlatformError(.notFound, "\(name) is not a member of \(team.name)")
            }
            guard member.id != current.id else {
                throw PlatformError(.notAllowed, "a captain leaves the team rather than removing themselves")
            }
            try remove(store, member: member, limit: config.teamSizeLimit, at: now)
        }
    }

    /// The captain replaces the team's invite code: the old one is revoked; returns the new one.
    public func rotateInvite(competition slug: String, captain: ParticipantRecord) throws -> String {
        let (_, config) = try platform.competition(slug)
        let now = self.now
        return try store.write { store in
            let (team, _) = try captainsTeam(store, captain)
            if let old = try store.activeInvite(teamId: team.id!) {
                try store.closeInvite(code: old.code, state: .revoked, usedBy: nil, at: now)
            }
            guard try store.members(teamId: team.id!).count < config.teamSizeLimit else {
                throw PlatformError(.teamFull, "team \(team.name) is full: an invite code would admit nobody")
            }
            let code = Platform.newToken("inv_", words: 2)
            try store.insert(
                InviteRecord(code: code, competition: slug, teamId: team.id!, state: .active, createdAt: now))
            return code
        }
    }

    /// The participant as stored now (their team may have changed since their request was authenticated).
    func current(_ store: any StoreReader, _ participant: ParticipantRecord) throws -> ParticipantRecord {
        guard let id = participant.id, let current = try store.participant(id: id) else {
            throw PlatformError(.unknownTeam, "this participant no longer exists")
        }
        return current
    }

    /// The team `captain` leads, or not_captain / not_in_team.
    func captainsTeam(_ store: any StoreReader, _ captain: ParticipantRecord) throws -> (TeamRecord, ParticipantRecord)
    {
        let current = try current(store, captain)
        guard let teamId = current.teamId, let team = try store.team(id: teamId) else {
            throw PlatformError(.notInTeam, "\(current.name) is in no team")
        }
        guard team.captainId == current.id else {
            throw PlatformError(.notCaptain, "only the captain of \(team.name) may do this")
        }
        return (team, current)
    }

    /// Takes `member` out of their team (the rules of leaving and removing).
    private func remove(_ store: any StoreWriter, member: ParticipantRecord, limit: Int, at now: Date) throws {
        guard let teamId = member.teamId, var team = try store.team(id: teamId) else {
            throw PlatformError(.notInTeam, "\(member.name) is in no team")
        }
        let made = try store.submissionCount(teamId: teamId, submittedBy: member.id)
        guard made == 0 else {
            throw PlatformError(
                .hasSubmitted,
                "\(member.name) has made \(made) submission\(made == 1 ? "" : "s") in \(team.name), so stays in it")
        }
        var leaving = member
        leaving.teamId = nil
        leaving.joinedAt = nil
        try store.update(leaving)
        let others = try store.members(teamId: teamId)
        if others.isEmpty, try store.submissionCount(teamId: teamId, submittedBy: nil) == 0 {
            try store.deleteTeam(id: teamId)
            return
        }
        if team.captainId == member.id {
            team.captainId = others.first?.id
            try store.update(team)
        }
        try refreshInvite(store, team: team, limit: limit, at: now)
    }

    /// Keeps a team's invite code true to its room: one active code while it has a free place, none when full.
    func refreshInvite(_ store: any StoreWriter, team: TeamRecord, limit: Int, at now: Date) throws {
        let active = try store.activeInvite(teamId: team.id!)
        let full = try store.members(teamId: team.id!).count >= limit
        if full, let active {
            try store.closeInvite(code: active.code, state: .revoked, usedBy: nil, at: now)
        } else if !full, active == nil, team.captainId != nil {
            try store.insert(
                InviteRecord(
                    code: Platform.newToken("inv_", words: 2), competition: team.competition, teamId: team.id!,
                    state: .active, createdAt: now))
        }
    }
}
