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

    func alertChoices(participantId: Int64) throws -> Set<AlertKind> {
        Set(try sql.column("SELECT kind FROM alertChoice WHERE participantId = \(participantId)", as: AlertKind.self))
    }

    func setAlertChoices(participantId: Int64, _ kinds: Set<AlertKind>) throws {
        try sql.perform("DELETE FROM alertChoice WHERE participantId = \(participantId)")
        for kind in kinds.sorted(by: { $0.rawValue < $1.rawValue }) {
            try sql.perform("INSERT INTO alertChoice (participantId, kind) VALUES (\(participantId), \(kind))")
        }
    }

    func alertRecipients(transport: String, competition: String) throws -> [AlertRecipient] {
        let rows = try sql.fetch(
            """
            SELECT l.chatUser, p.teamId, t.name, a.kind FROM chatLink l
            JOIN participant p ON p.id = l.participantId
            JOIN alertChoice a ON a.participantId = l.participantId
            LEFT JOIN team t ON t.id = p.teamId
            WHERE l.transport = \(transport) AND l.competition = \(competition)
            ORDER BY l.chatUser, a.kind
            """
        ) { row in
            (
                try row.next(String.self), try row.next(Int64?.self), try row.next(String?.self),
                try row.next(AlertKind.self)
            )
        }
        var recipients: [AlertRecipient] = []
        for (user, teamId, teamName, kind) in rows {
            if let last = recipients.last, last.user.id == user {
                recipients[recipients.count - 1] = AlertRecipient(
                    user: last.user, competition: competition, teamId: teamId, teamName: teamName,
                    kinds: last.kinds.union([kind]))
            } else {
                recipients.append(
                    AlertRecipient(
                        user: ChatUser(transport: transport, id: user), competition: competition, teamId: teamId,
                        teamName: teamName, kinds: [kind]))
            }
        }
        return recipients
    }

    private static func chatLinkRecord(_ row: inout RowReader<E.Row>) throws -> ChatLinkRecord {
        ChatLinkRecord(
            transport: try row.next(), chatUser: try row.next(), competition: try row.next(),
            participantId: try row.next(), linkedAt: try row.next())
    }
}
