import Foundation

/// A chat user as a transport names them: `telegram` and the user's numeric id, `slack` and the team and user
/// ids, `discord` and the user's snowflake.
public struct ChatUser: Sendable, Hashable, CustomStringConvertible {
    /// The transport: telegram, slack, discord.
    public let transport: String
    /// The user's id there.
    public let id: String

    /// A chat user.
    public init(transport: String, id: String) {
        self.transport = transport
        self.id = id
    }

    /// `transport:id`.
    public var description: String { "\(transport):\(id)" }
}

/// A chat user linked to a participant of a competition.
public struct ChatLinkRecord: Sendable, Equatable {
    /// The chat user's transport.
    public let transport: String
    /// The chat user's id.
    public let chatUser: String
    /// The competition.
    public let competition: String
    /// The participant.
    public let participantId: Int64
    /// When the link was made.
    public let linkedAt: Date
}

/// A linked chat user who chose alerts, with what the alerts are about.
public struct AlertRecipient: Sendable, Equatable {
    /// The chat user.
    public let user: ChatUser
    /// The competition.
    public let competition: String
    /// The participant's team (nil: in none).
    public let teamId: Int64?
    /// The team's name.
    public let teamName: String?
    /// What they chose to be told.
    public let kinds: Set<AlertKind>
}

/// What a transaction reads of chat users linked to participants.
public protocol ChatReader {
    /// What `participantId` chose to be told.
    func alertChoices(participantId: Int64) throws -> Set<AlertKind>

    /// Every chat user of `transport` linked to a participant who chose at least one alert, in `competition`.
    func alertRecipients(transport: String, competition: String) throws -> [AlertRecipient]

    /// The participant `user` is linked to in `competition`, if any.
    func chatLink(_ user: ChatUser, competition: String) throws -> ChatLinkRecord?

    /// The chat users linked to `participantId`.
    func chatLinks(participantId: Int64) throws -> [ChatLinkRecord]
}

/// What a write transaction changes of chat links.
public protocol ChatWriter: ChatReader {
    /// Keeps a one-time link code (by its hash) for `participantId`, valid until `expiresAt`; the participant's
    /// earlier codes are dropped.
    func saveChatLinkCode(hash: String, competition: String, participantId: Int64, expiresAt: Date) throws

    /// Takes (and deletes) the code with this hash in `competition`, when it has not expired by `now`: the
    /// participant it links.
    func takeChatLinkCode(hash: String, competition: String, now: Date) throws -> Int64?

    /// Links `user` to `participantId` in `competition` (replacing an earlier link of the user there).
    func link(_ user: ChatUser, competition: String, participantId: Int64, at: Date) throws

    /// Removes `user`'s link in `competition`; whether there was one.
    @discardableResult
    func unlink(_ user: ChatUser, competition: String) throws -> Bool

    /// Replaces what `participantId` chose to be told.
    func setAlertChoices(participantId: Int64, _ kinds: Set<AlertKind>) throws

    /// Removes every link of `participantId` (revoked from the team page); how many.
    @discardableResult
    func unlinkAll(participantId: Int64) throws -> Int
}
