import Competitions
import Foundation
import Storage

/// Records the contract tests store, the same on every backend.
enum Fixtures {
    /// A moment with milliseconds, which both backends keep.
    static let start = Date(timeIntervalSince1970: 1_800_000_000.250)

    /// `seconds` after `start`.
    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func competition(_ slug: String = "c") -> CompetitionRecord {
        CompetitionRecord(slug: slug, title: slug.uppercased(), folder: "/\(slug)", loadedAt: start)
    }

    static func team(_ name: String, baseline: Bool = false, competition: String = "c") -> TeamRecord {
        TeamRecord(
            competition: competition, name: name, tokenHash: "hash-\(competition)-\(name)", isBaseline: baseline,
            disqualified: false, createdAt: start)
    }

    static func submission(team: Int64, at seconds: Double, round: String = "r", by participant: Int64? = nil)
        -> SubmissionRecord
    {
        SubmissionRecord(
            competition: "c", round: round, teamId: team, createdAt: at(seconds), message: "m\(Int(seconds))",
            status: .queued, charged: true, selected: false, disqualified: false, submittedBy: participant)
    }

    /// Scores with one task, `t`, on both parts.
    static func score(public: Double, private: Double, resamples: Bool = false) -> StoredScore {
        StoredScore(
            publicScore: `public`, privateScore: `private`,
            json: "{\"private\":{\"t\":\(`private`)},\"public\":{\"t\":\(`public`)}}", solutionHash: "t=abc",
            scorerVersion: "1", publicResamples: resamples ? [`public`, `public` + 0.5] : nil,
            privateResamples: resamples ? [`private`] : nil)
    }

    /// A competition with teams `names` (ids in order), in one write.
    static func teams(_ names: [String], in store: any Store) throws -> [Int64] {
        try store.write { writer in
            try writer.save(competition())
            return try names.map { try writer.insert(team($0)).id ?? -1 }
        }
    }

    /// A submission of `team`, queued for scoring.
    @discardableResult
    static func queued(team: Int64, at seconds: Double, kind: JobKind = .files, in store: any Store) throws -> Int64 {
        try store.write { writer in
            let id = try writer.insert(submission(team: team, at: seconds)).id ?? -1
            try writer.enqueue(submissionId: id, kind: kind, at: at(seconds))
            return id
        }
    }
}
