import Foundation
import PostgresNIO

/// Each record's columns in the order its `init(row:)` decodes them.
extension CompetitionRecord {
    static let columns = "slug, title, folder, loadedAt, calendarShiftDays"

    init(row: PostgresRow) throws {
        let (slug, title, folder, loadedAt, shift) = try row.decode((String, String, String, Date, Int32).self)
        self.init(slug: slug, title: title, folder: folder, loadedAt: loadedAt, calendarShiftDays: Int(shift))
    }
}

extension TeamRecord {
    static let columns = "id, competition, name, tokenHash, isBaseline, disqualified, createdAt, captainId, card"

    init(row: PostgresRow) throws {
        let (id, competition, name, tokenHash, isBaseline, disqualified, createdAt, captainId, card) = try row.decode(
            (Int64, String, String, String, Bool, Bool, Date, Int64?, String?).self)
        self.init(
            id: id, competition: competition, name: name, tokenHash: tokenHash, isBaseline: isBaseline,
            disqualified: disqualified, createdAt: createdAt, captainId: captainId, card: card)
    }
}

extension RoundActionRecord {
    static let columns = "id, competition, round, kind, at, actor"

    init(row: PostgresRow) throws {
        let (id, competition, round, kind, at, actor) = try row.decode(
            (Int64, String, String, String, Date, String).self)
        guard let action = RoundActionKind(rawValue: kind) else {
            throw StoreError.database("round action \(id) has an unknown kind \"\(kind)\"")
        }
        self.init(id: id, competition: competition, round: round, kind: action, at: at, actor: actor)
    }
}

extension SubmissionRecord {
    static let columns = """
        id, competition, round, teamId, createdAt, message, status, charged, selected, disqualified, publicScore,
        privateScore, scores, error, errorDetail, solutionHash, scorerVersion, scoredAt, submittedBy, card
        """

    init(row: PostgresRow) throws {
        let (
            id, competition, round, teamId, createdAt, message, status, charged, selected, disqualified, publicScore,
            privateScore, scores, error, errorDetail, solutionHash, scorerVersion, scoredAt, submittedBy, card
        ) = try row.decode(
            (
                Int64, String, String, Int64, Date, String?, String, Bool, Bool, Bool, Double?, Double?, String?,
                String?, String?, String?, String?, Date?, Int64?, String?
            ).self)
        guard let state = SubmissionStatus(rawValue: status) else {
            throw StoreError.database("submission \(id) has an unknown status \"\(status)\"")
        }
        self.init(
            id: id, competition: competition, round: round, teamId: teamId, createdAt: createdAt, message: message,
            status: state, charged: charged, selected: selected, disqualified: disqualified, publicScore: publicScore,
            privateScore: privateScore, scores: scores, error: error, errorDetail: errorDetail,
            solutionHash: solutionHash, scorerVersion: scorerVersion, scoredAt: scoredAt, submittedBy: submittedBy,
            card: card)
    }
}

extension ScoringJobRecord {
    static let columns = columns("scoringJob")

    /// The columns, qualified by `table` (an alias in a join).
    static func columns(_ table: String) -> String {
        ["submissionId", "state", "attempts", "leaseOwner", "leaseExpiresAt", "enqueuedAt", "lastError"]
            .map { "\(table).\($0)" }.joined(separator: ", ")
    }

    init(row: PostgresRow) throws {
        let (submissionId, state, attempts, leaseOwner, leaseExpiresAt, enqueuedAt, lastError) = try row.decode(
            (Int64, String, Int, String?, Date?, Date, String?).self)
        guard let jobState = JobState(rawValue: state) else {
            throw StoreError.database("the job of submission \(submissionId) has an unknown state \"\(state)\"")
        }
        self.init(
            submissionId: submissionId, state: jobState, attempts: attempts, leaseOwner: leaseOwner,
            leaseExpiresAt: leaseExpiresAt, enqueuedAt: enqueuedAt, lastError: lastError)
    }
}

extension EventRecord {
    static let columns = "id, competition, type, payload, createdAt"

    init(row: PostgresRow) throws {
        let (id, competition, type, payload, createdAt) = try row.decode((Int64, String, String, String, Date).self)
        guard let eventType = EventType(rawValue: type) else {
            throw StoreError.database("event \(id) has an unknown type \"\(type)\"")
        }
        self.init(id: id, competition: competition, type: eventType, payload: payload, createdAt: createdAt)
    }
}

extension DeliveryRecord {
    static let columns =
        "id, eventId, target, state, attempts, nextAttemptAt, lastStatus, lastResponse, deliveredAt"

    init(row: PostgresRow) throws {
        let (id, eventId, target, state, attempts, nextAttemptAt, lastStatus, lastResponse, deliveredAt) =
            try row.decode((Int64, Int64, String, String, Int, Date, Int?, String?, Date?).self)
        guard let deliveryState = DeliveryState(rawValue: state) else {
            throw StoreError.database("delivery \(id) has an unknown state \"\(state)\"")
        }
        self.init(
            id: id, eventId: eventId, target: target, state: deliveryState, attempts: attempts,
            nextAttemptAt: nextAttemptAt,
            lastStatus: lastStatus, lastResponse: lastResponse, deliveredAt: deliveredAt)
    }
}

extension ParticipantRecord {
    static let columns = "id, competition, name, tokenHash, status, teamId, joinedAt, acceptedRules, createdAt"

    init(row: PostgresRow) throws {
        let (id, competition, name, tokenHash, status, teamId, joinedAt, acceptedRules, createdAt) = try row.decode(
            (Int64, String, String, String, String, Int64?, Date?, Bool, Date).self)
        guard let state = ParticipantStatus(rawValue: status) else {
            throw StoreError.database("participant \(id) has an unknown status \"\(status)\"")
        }
        self.init(
            id: id, competition: competition, name: name, tokenHash: tokenHash, status: state, teamId: teamId,
            joinedAt: joinedAt, acceptedRules: acceptedRules, createdAt: createdAt)
    }
}

extension InviteRecord {
    static let columns = "code, competition, teamId, state, createdAt, usedBy, closedAt"

    init(row: PostgresRow) throws {
        let (code, competition, teamId, state, createdAt, usedBy, closedAt) = try row.decode(
            (String, String, Int64, String, Date, Int64?, Date?).self)
        guard let inviteState = InviteState(rawValue: state) else {
            throw StoreError.database("invite \(code) has an unknown state \"\(state)\"")
        }
        self.init(
            code: code, competition: competition, teamId: teamId, state: inviteState, createdAt: createdAt,
            usedBy: usedBy, closedAt: closedAt)
    }
}

extension MergeRequestRecord {
    static let columns = "id, competition, fromTeam, intoTeam, state, createdAt, decidedAt"

    init(row: PostgresRow) throws {
        let (id, competition, fromTeam, intoTeam, state, createdAt, decidedAt) = try row.decode(
            (Int64, String, Int64, Int64, String, Date, Date?).self)
        guard let mergeState = MergeState(rawValue: state) else {
            throw StoreError.database("merge request \(id) has an unknown state \"\(state)\"")
        }
        self.init(
            id: id, competition: competition, fromTeam: fromTeam, intoTeam: intoTeam, state: mergeState,
            createdAt: createdAt, decidedAt: decidedAt)
    }
}

extension OrganiserRecord {
    static let columns = "id, name, tokenHash, createdAt"

    init(row: PostgresRow) throws {
        let (id, name, tokenHash, createdAt) = try row.decode((Int64, String, String, Date).self)
        self.init(id: id, name: name, tokenHash: tokenHash, createdAt: createdAt)
    }
}

extension AuditRecord {
    static let columns = "id, at, actor, action, competition, subject, reason, details"

    init(row: PostgresRow) throws {
        let (id, at, actor, action, competition, subject, reason, details) = try row.decode(
            (Int64, Date, String, String, String?, String, String?, String).self)
        self.init(
            id: id, at: at, actor: actor, action: action, competition: competition, subject: subject, reason: reason,
            details: details)
    }
}
