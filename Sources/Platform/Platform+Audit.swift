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
