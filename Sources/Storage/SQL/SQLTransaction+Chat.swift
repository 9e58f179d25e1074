import Foundation

/// Chat users linked to participants, and the one-time codes that link them.
extension SQLTransaction {
    func chatLink(_ user: ChatUser, competition: String) throws -> ChatLinkRecord? {
        try sql.fetch(
            """
            SELECT transport, chatUser, competition, participantId, linkedAt FROM chatLink
            WHERE transport = \(user.transport) AND chatUser = \(user.id) AND competition = \(competition)
            """, Self.chatLinkRecord
        ).first
    }

    func chatLinks(participantId: Int64) throws -> [ChatLinkRecord] {
        try sql.fetch(
            """
            SELECT transport, chatUser, competition, participantId, linkedAt FROM chatLink
            WHERE participantId = \(participantId) ORDER BY linkedAt, transport, chatUser
            """, Self.chatLinkRecord)
    }

    func saveChatLinkCode(hash: String, competition: String, participantId: Int64, expiresAt: Date) throws {
        try sql.perform("DELETE FROM chatLinkCode WHERE participantId = \(participantId)")
        try sql.perform(
            """
            INSERT INTO chatLinkCode (codeHash, competition, participantId, expiresAt)
            VALUES (\(hash), \(competition), \(participantId), \(expiresAt))
            """)
    }

    func takeChatLinkCode(hash: String, competition: String, now: Date) throws -> Int64? {
        let participant = try sql.value(
            """
            SELECT participantId FROM chatLinkCode
            WHERE codeHash = \(hash) AND competition = \(competition) AND expiresAt > \(now)
            """, as: Int64.self)
        try sql.execute("DELETE FROM chatLinkCode WHERE codeHash = \(hash) OR expiresAt <= \(now)")
        return participant
    }

    func link(_ user: ChatUser, competition: String, participantId: Int64, at: Date) throws {
        try sql.perform(
            """
            INSERT INTO chatLink (transport, chatUser, competition, participantId, linkedAt)
            VALUES (\(user.transport), \(user.id), \(competition), \(participantId), \(at))
            ON CONFLICT (transport, chatUser, competition)
            DO UPDATE SET participantId = excluded.participantId, linkedAt = excluded.linkedAt
            """)
    }

    func unlink(_ user: ChatUser, competition: String) throws -> Bool {
        try sql.execute(
            """
            DELETE FROM chatLink
            WHERE transport = \(user.transport) AND chatUser = \(user.id) AND competition = \(competition)
            """) > 0
    }

    func unlinkAll(participantId: Int64) throws -> Int {
        try sql.execute("DELETE FROM chatLink WHERE participantId = \(participantId)")
    }

    private static func chatLinkRecord(_ row: inout RowReader<E.Row>) throws -> ChatLinkRecord {
        ChatLinkRecord(
            transport: try row.next(), chatUser: try row.next(), competition: try row.next(),
            participantId: try row.next(), linkedAt: try row.next())
    }
}
