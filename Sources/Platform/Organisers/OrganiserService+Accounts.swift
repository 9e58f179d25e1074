import Competitions
import Foundation
import Storage
import Tabular

extension OrganiserService {
    /// Adds an organiser account; returns it with its personal token (shown once; only its hash is kept).
    public func addOrganiser(name: String, actor: String = Platform.localActor) throws -> (OrganiserRecord, String) {
        let trimmed = try Platform.checkedName(name, of: "the organiser's")
        let token = Platform.newToken(Platform.organiserTokenPrefix)
        let now = self.now
        let organiser = try store.write { store -> OrganiserRecord in
            guard try store.organiser(name: trimmed) == nil else {
                throw PlatformError(.nameTaken, "an organiser called \"\(trimmed)\" exists already")
            }
            let organiser = try store.insert(
                OrganiserRecord(name: trimmed, tokenHash: SHA256.hex(token), createdAt: now))
            try platform.audit(
                store, actor: actor, action: "organiser.add", competition: nil, subject: trimmed, at: now)
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
    public func list() throws -> [OrganiserRecord] { try store.read { try $0.organisers() } }

    /// Approves a participant waiting under `registration: approval`: from now on they may submit.
    public func approve(competition slug: String, participant name: String, actor: String) throws -> ParticipantRecord {
        _ = try platform.competition(slug)
        let now = self.now
        return try store.write { store in
            guard var participant = try store.participant(competition: slug, name: name) else {
                throw PlatformError(.notFound, "no participant \"\(name)\" in \(slug)")
            }
            guard participant.status == .pending else { return participant }
            participant.status = .approved
            try store.update(participant)
            try platform.audit(
                store, actor: actor, action: "participant.approve", competition: slug, subject: name, at: now)
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
}
