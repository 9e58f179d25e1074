import Foundation

/// Why an event archive cannot be written, read or trusted; `part` names the member it is about, when there is
/// one (`tables/submission/00001.jsonl`, `files/ab…`, `manifest.json`).
public struct ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The archive's member the problem is in, or nil for the archive as a whole.
    public let part: String?
    /// What is wrong, in words.
    public let message: String

    /// A problem in `part` (nil: the archive as a whole).
    public init(part: String? = nil, _ message: String) {
        self.part = part
        self.message = message
    }

    /// The part, then the message.
    public var description: String { part.map { "\($0): \(message)" } ?? message }
}
