import Foundation

// Each record's columns, and how a row of them becomes the record: one definition for both backends.

extension CompetitionRecord: RowDecodable {
    static let columns = "slug, title, folder, loadedAt, calendarShiftDays"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            slug: try row.next(), title: try row.next(), folder: try row.next(), loadedAt: try row.next(),
            calendarShiftDays: try row.next())
    }
}

extension SolutionRecord: RowDecodable {
    static let columns = "competition, round, task, path, sha256"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            competition: try row.next(), round: try row.next(), task: try row.next(), path: try row.next(),
            sha256: try row.next())
    }
}

extension TeamRecord: RowDecodable {
    static let columns = "id, competition, name, tokenHash, isBaseline, disqualified, createdAt, captainId, card"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), competition: try row.next(), name: try row.next(), tokenHash: try row.next(),
            isBaseline: try row.next(), disqualified: try row.next(), createdAt: try row.next(),
            captainId: try row.next(), card: try row.next())
    }
}

extension RoundActionRecord: RowDecodable {
    static let columns = "id, competition, round, kind, at, actor"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), competition: try row.next(), round: try row.next(), kind: try row.next(),
            at: try row.next(), actor: try row.next())
    }
}

extension SubmissionRecord: RowDecodable {
    static let columns = """
        id, competition, round, teamId, createdAt, message, status, charged, selected, disqualified, publicScore, \
        privateScore, scores, error, errorDetail, solutionHash, scorerVersion, scoredAt, submittedBy, card
        """

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), competition: try row.next(), round: try row.next(), teamId: try row.next(),
            createdAt: try row.next(), message: try row.next(), status: try row.next(), charged: try row.next(),
            selected: try row.next(), disqualified: try row.next(), publicScore: try row.next(),
            privateScore: try row.next(), scores: try row.next(), error: try row.next(), errorDetail: try row.next(),
            solutionHash: try row.next(), scorerVersion: try row.next(), scoredAt: try row.next(),
            submittedBy: try row.next(), card: try row.next())
    }
}

extension SubmissionFileRecord: RowDecodable {
    static let columns = "submissionId, task, sha256, name, size"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            submissionId: try row.next(), task: try row.next(), sha256: try row.next(), name: try row.next(),
            size: try row.next())
    }
}

extension ScoringJobRecord: RowDecodable {
    static let columns =
        "submissionId, state, attempts, leaseOwner, leaseExpiresAt, enqueuedAt, lastError, kind, stage, claimedAt"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            submissionId: try row.next(), state: try row.next(), attempts: try row.next(), leaseOwner: try row.next(),
            leaseExpiresAt: try row.next(), enqueuedAt: try row.next(), lastError: try row.next(), kind: try row.next(),
            stage: try row.next(), claimedAt: try row.next())
    }
}

extension EventRecord: RowDecodable {
    static let columns = "id, competition, type, payload, createdAt"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), competition: try row.next(), type: try row.next(), payload: try row.next(),
            createdAt: try row.next())
    }
}

extension DeliveryRecord: RowDecodable {
    static let columns = "id, eventId, target, state, attempts, nextAttemptAt, lastStatus, lastResponse, deliveredAt"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), eventId: try row.next(), target: try row.next(), state: try row.next(),
            attempts: try row.next(), nextAttemptAt: try row.next(), lastStatus: try row.next(),
            lastResponse: try row.next(), deliveredAt: try row.next())
    }
}

extension ParticipantRecord: RowDecodable {
    static let columns = "id, competition, name, tokenHash, status, teamId, joinedAt, acceptedRules, createdAt"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), competition: try row.next(), name: try row.next(), tokenHash: try row.next(),
            status: try row.next(), teamId: try row.next(), joinedAt: try row.next(), acceptedRules: try row.next(),
            createdAt: try row.next())
    }
}

extension InviteRecord: RowDecodable {
    static let columns = "code, competition, teamId, state, createdAt, usedBy, closedAt"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            code: try row.next(), competition: try row.next(), teamId: try row.next(), state: try row.next(),
            createdAt: try row.next(), usedBy: try row.next(), closedAt: try row.next())
    }
}

extension MergeRequestRecord: RowDecodable {
    static let columns = "id, competition, fromTeam, intoTeam, state, createdAt, decidedAt"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), competition: try row.next(), fromTeam: try row.next(), intoTeam: try row.next(),
            state: try row.next(), createdAt: try row.next(), decidedAt: try row.next())
    }
}

extension OrganiserRecord: RowDecodable {
    static let columns = "id, name, tokenHash, createdAt"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(id: try row.next(), name: try row.next(), tokenHash: try row.next(), createdAt: try row.next())
    }
}

extension AuditRecord: RowDecodable {
    static let columns = "id, at, actor, action, competition, subject, reason, details"

    init(from row: inout RowReader<some SQLRow>) throws {
        self.init(
            id: try row.next(), at: try row.next(), actor: try row.next(), action: try row.next(),
            competition: try row.next(), subject: try row.next(), reason: try row.next(), details: try row.next())
    }
}
