import Competitions
import Foundation
import PodiumAPI
import Storage

/// The event's chat as a client of the platform: a command from a chat user answered from the same reads as the API,
/// and nothing more than its asker may see — the public board as participants see it (frozen, rounded), and their
/// own team's submissions and quota only once their chat account is linked to them (`/link CODE`).
public struct ChatService: PlatformService {
    /// The platform it is a part of.
    public let platform: Platform

    /// How long a link code may be used.
    public static let codeLifetime: TimeInterval = 15 * 60

    /// A one-time code that links a chat account to `participant` (`/link CODE` in the chat), valid for
    /// `codeLifetime`; only its hash is kept, and a new code replaces the participant's earlier one.
    public func linkCode(for participant: ParticipantRecord) throws -> (code: String, expiresAt: Date) {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let code = String((0..<8).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        let expiresAt = now.addingTimeInterval(Self.codeLifetime)
        try store.write { store in
            try store.saveChatLinkCode(
                hash: SHA256.hex(code), competition: participant.competition, participantId: participant.id!,
                expiresAt: expiresAt)
        }
        return (code, expiresAt)
    }

    /// Removes every chat account linked to `participant` (revoked from the team page); how many there were.
    @discardableResult
    public func unlinkAll(_ participant: ParticipantRecord) throws -> Int {
        try store.write { try $0.unlinkAll(participantId: participant.id!) }
    }

    /// The chat accounts linked to `participant`.
    public func links(of participant: ParticipantRecord) throws -> [ChatLinkRecord] {
        try store.read { try $0.chatLinks(participantId: participant.id!) }
    }

    /// The answer to `text` from `user` in `slug`'s chat, in Russian when the command was Russian, the user's
    /// language (`userLanguage`, as the transport reports it) is, or — that unknown — the competition's is; nil
    /// when the text is no command. A user asking too often (`ChatRateLimiter`) is told to wait. `slash`: the
    /// transport gave the command without its `/` (Slack's text).
    public func answer(
        _ text: String, from user: ChatUser, competition slug: String, userLanguage: String? = nil, slash: Bool = false
    ) throws -> String? {
        guard let (command, askedInRussian) = ChatCommand.parse(text, slash: slash) else { return nil }
        let (_, config) = try platform.competition(slug)
        let russian = askedInRussian || (userLanguage.map { $0.hasPrefix("ru") } ?? (config.language == "ru"))
        let words = ChatText(russian: russian)
        guard platform.chatRequests.take(user, now: now) else { return words.tooFast }
        return try answer(command, from: user, competition: slug, config: config, text: words)
    }

    private func answer(
        _ command: ChatCommand, from user: ChatUser, competition slug: String, config: CompetitionConfig,
        text: ChatText
    ) throws -> String {
        switch command {
        case .help: return text.help(linked: try store.read { try $0.chatLink(user, competition: slug) } != nil)
        case .unknown(let word): return text.unknown(word)
        case .rounds: return try rounds(slug, config: config, text: text)
        case .top(let count): return try top(count, slug: slug, config: config, text: text)
        case .link(let code): return try link(user, code: code, slug: slug, text: text)
        case .unlink:
            return try store.write { try $0.unlink(user, competition: slug) } ? text.unlinked : text.wasNotLinked
        case .rank, .last, .quota, .status, .alerts:
            guard let link = try store.read({ try $0.chatLink(user, competition: slug) }),
                let participant = try platform.participation.participant(id: link.participantId)
            else { return text.notLinked }
            if case .alerts(let words) = command { return try alerts(words, for: participant, text: text) }
            guard let teamId = participant.teamId, let team = try platform.participation.team(id: teamId) else {
                return text.noTeam
            }
            return try teamAnswer(command, team: team, slug: slug, config: config, text: text)
        }
    }

    private func teamAnswer(
        _ command: ChatCommand, team: TeamRecord, slug: String, config: CompetitionConfig, text: ChatText
    ) throws -> String {
        let round = try currentRound(slug, config: config)
        let title = round.title ?? round.id
        switch command {
        case .rank:
            let board = try platform.boards.boardRead(
                competition: slug, round: round.id, board: .public, live: false, chartTeams: 0)
            guard let row = board.publicRows.first(where: { $0.team == team.name }) else {
                return String(format: text.notOnBoard, title)
            }
            let ranked = board.publicRows.filter { $0.rank != nil }.count
            return text.rank(row, of: ranked, format: config.scoreFormat)
        case .quota:
            return text.quota(title, try platform.submissions.quota(competition: slug, round: round.id, team: team))
        case .last:
            guard let last = try platform.submissions.list(competition: slug, round: round.id, team: team).first else {
                return String(format: text.noSubmissions, title)
            }
            return try describe(last, text: text)
        case .status(let id):
            guard let record = try platform.submissions.submission(id, team: team), record.competition == slug else {
                return text.noSuchSubmission
            }
            return try describe(record, text: text)
        default: return text.unknown("")
        }
    }

    /// Chooses `participant`'s alerts from `words` (none: as they are), and says what they are now.
    private func alerts(_ words: [String], for participant: ParticipantRecord, text: ChatText) throws -> String {
        let names: [String: Set<AlertKind>] = [
            "scored": [.scored], "оценено": [.scored], "failed": [.failed], "ошибки": [.failed],
            "rounds": [.rounds], "раунды": [.rounds], "selection": [.selection], "выбор": [.selection],
            "overtaken": [.overtaken], "обгон": [.overtaken], "all": Set(AlertKind.allCases),
            "все": Set(AlertKind.allCases),
            "off": [], "выкл": [],
        ]
        if !words.isEmpty {
            var chosen = Set<AlertKind>()
            for word in words {
                guard let kinds = names[word] else { return text.unknownAlert(word) }
                chosen.formUnion(kinds)
            }
            try setAlerts(chosen, for: participant)
        }
        return text.alerts(try store.read { try $0.alertChoices(participantId: participant.id!) })
    }

    /// Replaces what `participant` is told in a direct message (their linked Telegram account).
    public func setAlerts(_ kinds: Set<AlertKind>, for participant: ParticipantRecord) throws {
        try store.write { try $0.setAlertChoices(participantId: participant.id!, kinds) }
    }

    /// What `participant` chose to be told.
    public func alerts(of participant: ParticipantRecord) throws -> Set<AlertKind> {
        try store.read { try $0.alertChoices(participantId: participant.id!) }
    }

    /// A submission as its team sees it through the API: the public score hidden while its own scores are frozen,
    /// rounded as the round shows it; the failure's reason as the team reads it.
    private func describe(_ record: SubmissionRecord, text: ChatText) throws -> String {
        let resource = try platform.submissions.submissionResource(record, organiser: false)
        let format = ScoreFormat(decimals: resource.displayPrecision)
        return text.submission(
            id: record.id!, status: text.status(resource.status), score: resource.publicScore.map(format.string),
            error: resource.error)
    }

    private func top(_ count: Int, slug: String, config: CompetitionConfig, text: ChatText) throws -> String {
        let round = try currentRound(slug, config: config)
        let board = try platform.boards.boardRead(
            competition: slug, round: round.id, board: .public, live: false, chartTeams: 0)
        let title = round.title ?? round.id
        guard !board.publicRows.isEmpty else { return String(format: text.emptyBoard, title) }
        let rows = board.publicRows.prefix(count).map { text.row($0, format: config.scoreFormat) }
        return ([text.board(title, frozenAt: board.frozenAt)] + rows).joined(separator: "\n")
    }

    private func rounds(_ slug: String, config: CompetitionConfig, text: ChatText) throws -> String {
        try config.rounds.map { round in
            text.round(
                round.title ?? round.id, state: try platform.roundState(competition: slug, round: round.id),
                opens: round.opens, closes: round.closes, now: now)
        }.joined(separator: "\n")
    }

    private func link(_ user: ChatUser, code: String, slug: String, text: ChatText) throws -> String {
        let now = self.now
        let participant = try store.write { store -> ParticipantRecord? in
            guard let id = try store.takeChatLinkCode(hash: SHA256.hex(code.uppercased()), competition: slug, now: now),
                let participant = try store.participant(id: id)
            else { return nil }
            try store.link(user, competition: slug, participantId: id, at: now)
            return participant
        }
        return participant.map { String(format: text.linked, $0.name) } ?? text.badCode
    }

    /// The round a chat means by "now": the open one, else the last that opened, else the first.
    func currentRound(_ slug: String, config: CompetitionConfig) throws -> RoundConfig {
        var latest: RoundConfig?
        for round in config.rounds {
            switch try platform.roundState(competition: slug, round: round.id) {
            case .open: return round
            case .closed: latest = round
            case .scheduled: break
            }
        }
        guard let round = latest ?? config.rounds.first else {
            throw PlatformError(.notFound, "\(slug) has no rounds")
        }
        return round
    }
}
