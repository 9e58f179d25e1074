import Competitions
import Foundation

/// What a transaction reads of organiser accounts and the audit log.
public protocol AuditReader {
    /// The organiser whose token hashes to `tokenHash`.
    func organiser(tokenHash: String) throws -> OrganiserRecord?

    /// The organiser named `name`.
    func organiser(name: String) throws -> OrganiserRecord?

    /// Every organiser account, by name.
    func organisers() throws -> [OrganiserRecord]

    /// The audit log, newest first: at most `limit` entries with ids below `before` (nil: from the newest), of
    /// one competition when given (its entries and those of no competition are both kept apart).
    func audit(competition: String?, before: Int64?, limit: Int) throws -> [AuditRecord]
}

/// What a write transaction changes of organiser accounts and the audit log.
public protocol AuditWriter: AuditReader {
    /// Inserts an organiser account; returns it with its id.
    func insert(_ organiser: OrganiserRecord) throws -> OrganiserRecord

    /// Appends to the audit log; returns the entry with its id.
    @discardableResult
    func insert(_ audit: AuditRecord) throws -> AuditRecord
}
