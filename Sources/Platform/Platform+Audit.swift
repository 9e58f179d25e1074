import Competitions
import Foundation
import Storage
import Tabular

/// Organisers as accounts, and the audit log of what they did: each organiser action is written in the same
/// transaction as its change — who, when, what, on what and why — and announced to the organisers' chat.
extension Platform {
    /// Who acts from a shell on the box (`podium round open` and the like): `cli:` and the user's name.
    public static var localActor: String { "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")" }

    /// How every personal organiser token begins (team tokens begin `pdm_`, participants' `pdp_`), so a token
    /// that does not is known not to be an organiser's without a look-up.
    public static let organiserTokenPrefix = "pdo_"

    /// Adds an organiser account; returns it with its personal token (shown once; only its hash is kept).
    public func addOrganiser(name: String, actor: String = Platform.localActor) throws -> (OrganiserRecord, String) {
        let trimmed = try Self.checkedName(name, of: "the organiser's")
        let token = Self.newToken(Self.organiserTokenPrefix)
        let now = self.now
        let organiser = try store.write { store -> OrganiserRecord in
            guard try store.organiser(name: trimmed) == nil else {
                throw PlatformError(.nameTaken, "an organiser called \"\(trimmed)\" exists already")
            }
            let organiser = try store.insert(
                OrganiserRecord(name: trimmed, tokenHash: SHA256.hex(token), createdAt: now))
            try audit(store, actor: actor, action: "organiser.add", competition: nil, subject: trimmed, at: now)
            return organiser
        }
        return (organiser, token)
    }

    /// The organiser holding `token`, or nil.
    public func organiser(token: String) throws -> OrganiserRecord? {
        let hash = SHA256.hex(token)
        return try store.readOne { try $0.organiser(tokenHash: hash) }
    }

    /// Every organiser account, by name.
    public func organisers() throws -> [OrganiserRecord] { try store.read { try $0.organisers() } }

    /// Approves a participant waiting under `registration: approval`: from now on they may submit.
    public func approve(competition slug: String, participant name: String, actor: String) throws -> ParticipantRecord {
        _ = try competition(slug)
        let now = self.now
        return try store.write { store in
            guard var participant = try store.participant(competition: slug, name: name) else {
                throw PlatformError(.notFound, "no participant \"\(name)\" in \(slug)")
            }
            guard participant.status == .pending else { return participant }
            participant.status = .approved
            try store.update(participant)
            try audit(store, actor: actor, action: "participant.approve", competition: slug, subject: name, at: now)
            return participant
        }
    }

    /// The audit log, newest first: `limit` entries before the entry `before` (nil: the newest), of one
    /// competition or all.
    public func auditLog(competition slug: String? = nil, before: Int64? = nil, limit: Int = 100) throws
        -> [AuditRecord]
    {
        try store.read { try $0.audit(competition: slug, before: before, limit: limit) }
    }

    /// The whole audit log (or one competition's) as CSV, newest first, read a thousand entries at a time.
    public func auditCSV(competition slug: String? = nil) throws -> [UInt8] {
        var writer = CSVWriter(header: ["id", "at", "actor", "action", "competition", "subject", "reason", "details"])
        var before: Int64?
        repeat {
            let entries = try auditLog(competition: slug, before: before, limit: 1000)
            for entry in entries {
                writer.appendRow([
                    String(entry.id!), entry.at.formatted(.iso8601), entry.actor, entry.action, entry.competition ?? "",
                    entry.subject, entry.reason ?? "", entry.details,
                ])
            }
            before = entries.count == 1000 ? entries.last?.id : nil
        } while before != nil
        return writer.bytes
    }

    /// Records an organiser action in the audit log and announces it to the organisers' chat (an
    /// `organiser.action` event), inside the caller's transaction.
    func audit(
        _ store: any StoreWriter, actor: String, action: String, competition: String?, subject: String,
        reason: String? = nil, details: some Encodable = AuditDetails.none, at now: Date
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let entry = try store.insert(
            AuditRecord(
                at: now, actor: actor, action: action, competition: competition, subject: subject, reason: reason,
                details: String(decoding: try encoder.encode(details), as: UTF8.self)))
        let event = Event.OrganiserAction(
            audit: entry.id!, actor: actor, action: action, subject: subject, reason: reason)
        try store.emit(.organiserAction(event), competition: competition ?? "", at: now)
    }

    /// A reason as given for a destructive action: required, trimmed, at most 500 characters.
    static func checkedReason(_ reason: String?, for action: String) throws -> String {
        let trimmed = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw PlatformError(.invalidInput, "\(action) needs a reason, for the audit log")
        }
        guard trimmed == reason, !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw PlatformError(.invalidInput, "the reason starts or ends with a space, or holds a control character")
        }
        guard trimmed.unicodeScalars.count <= 500 else {
            throw PlatformError(
                .invalidInput, "the reason has \(trimmed.unicodeScalars.count) characters; the limit is 500")
        }
        return trimmed
    }

    /// An optional reason: nil when absent, else as `checkedReason` (the API's contract: blank is not a reason).
    static func optionalReason(_ reason: String?) throws -> String? {
        guard let reason else { return nil }
        return try checkedReason(reason, for: "an action")
    }
}

/// What an audit entry records besides its action, subject and reason: one case per action that records more.
enum AuditDetails: Encodable {
    /// Nothing more (`{}`).
    case none
    /// A competition loaded: from where, whether its boards need rescoring, how its calendar is moved.
    case load(folder: String, rescore: [String], calendarShiftDays: Int)
    /// A round rescored: how many submissions.
    case rescore(submissions: Int)
    /// Teams advanced, from which board.
    case advance(teams: [String], board: String)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .none: break
        case .load(let folder, let rescore, let days):
            try container.encode(folder, forKey: .folder)
            try container.encode(rescore, forKey: .rescore)
            try container.encode(days, forKey: .calendarShiftDays)
        case .rescore(let submissions): try container.encode(submissions, forKey: .submissions)
        case .advance(let teams, let board):
            try container.encode(teams, forKey: .teams)
            try container.encode(board, forKey: .board)
        }
    }

    private enum Key: String, CodingKey {
        case folder, rescore, submissions, teams, board
        case calendarShiftDays = "calendar_shift_days"
    }
}
