import Competitions
import Foundation
import GRDB
import Storage

extension Platform {
    /// Leaves a submission out of standings (and says so in an event).
    public func disqualify(submission id: Int64, actor: String) throws {
        let now = self.now
        try database.writer.write { db in
            guard let submission = try SubmissionRecord.fetchOne(db, key: id) else {
                throw PlatformError(.notFound, "no submission \(id)")
            }
            try db.execute(sql: "UPDATE submission SET disqualified = 1 WHERE id = ?", arguments: [id])
            try Events.emit(
                db, competition: submission.competition, type: "submission.disqualified",
                ["submission": id, "actor": actor], at: now)
        }
    }

    /// Queues one submission to be scored again (by the workers).
    public func requeue(submission id: Int64) throws {
        let now = self.now
        try database.writer.write { db in
            guard try SubmissionRecord.fetchOne(db, key: id) != nil else {
                throw PlatformError(.notFound, "no submission \(id)")
            }
            try db.execute(sql: "UPDATE submission SET status = 'queued' WHERE id = ?", arguments: [id])
            try db.execute(
                sql: """
                    INSERT INTO scoringJob (submissionId, state, attempts, enqueuedAt) VALUES (?, 'queued', 0, ?)
                    ON CONFLICT(submissionId) DO UPDATE SET state = 'queued', attempts = 0, leaseOwner = NULL,
                    leaseExpiresAt = NULL, enqueuedAt = excluded.enqueuedAt, lastError = NULL
                    """, arguments: [id, now])
        }
    }

    /// The files participants may download, by file name → path relative to the competition folder:
    /// the competition's and the tasks' `files`, the sample submissions and the description. Nothing
    /// else is ever served, so no name can reach hidden/.
    public func publicFiles(competition slug: String) throws -> [String: String] {
        let (_, config) = try competition(slug)
        var relative = config.files ?? []
        for task in config.tasks { relative += (task.files ?? []) + (task.sampleSubmission.map { [$0] } ?? []) }
        if let description = config.description { relative.append(description) }
        var byName: [String: String] = [:]
        for path in relative where !path.hasPrefix("hidden/") && !path.contains("..") {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if byName[name] == nil { byName[name] = path }
        }
        return byName
    }

    /// The newest events (for organisers).
    public func events(limit: Int = 200) throws -> [EventRecord] {
        try database.writer.read { db in try EventRecord.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    /// Queue depth and scoring latency (seconds from acceptance to score) over all scored submissions.
    public func queueStatistics() throws -> (depth: Int, scored: Int, latencySum: Double) {
        let depth = try queue.depth(now: now)
        let row = try database.writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS n, COALESCE(SUM((julianday(scoredAt) - julianday(createdAt)) * 86400.0), 0) AS total
                    FROM submission WHERE status = 'scored' AND scoredAt IS NOT NULL
                    """)
        }
        return (depth, row?["n"] ?? 0, row?["total"] ?? 0)
    }

    /// A submission's per-task public scores (from its stored JSON).
    public func publicTaskScores(_ submission: SubmissionRecord) -> [String: Double] {
        guard let text = submission.scores,
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { return [:] }
        return object["public"] as? [String: Double] ?? [:]
    }

    /// A team by id.
    public func team(id: Int64) throws -> TeamRecord? {
        try database.writer.read { db in try TeamRecord.fetchOne(db, key: id) }
    }
}
