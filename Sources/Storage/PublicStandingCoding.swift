import Competitions
import Foundation

/// How a kept board row's task and metric scores are stored as JSON (JSONEncoder/JSONDecoder, typed: Foundation's
/// untyped JSON reader reads 0 and 1 as booleans on Linux), and a scored entry made from a
/// submission's columns (its `scores` column is a `ScoreSheet`).
enum PublicStandingCoding {
    /// A board row's scores: `{"metrics": {task: {metric: value}}, "tasks": {task: value}}`.
    private struct Row: Codable {
        var tasks: [String: Double]
        var metrics: [String: [String: Double]]?
    }

    /// The stored form of a row's scores.
    static func json(_ tasks: [String: Double], metrics: [String: [String: Double]] = [:]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(Row(tasks: tasks, metrics: metrics.isEmpty ? nil : metrics)))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{\"tasks\":{}}"
    }

    /// The task and metric scores of a stored row (also rows kept before metrics were: `{task: score}`).
    static func parts(_ json: String) -> (tasks: [String: Double], metrics: [String: [String: Double]]) {
        let data = Data(json.utf8)
        if let row = try? JSONDecoder().decode(Row.self, from: data) { return (row.tasks, row.metrics ?? [:]) }
        return ((try? JSONDecoder().decode([String: Double].self, from: data)) ?? [:], [:])
    }

    /// A scored entry from a submission's stored columns.
    static func entry(
        submission: Int64, team: String, submittedAt: Date, publicScore: Double?, privateScore: Double?,
        scores: String?, selected: Bool
    ) -> ScoredEntry {
        let sheet = ScoreSheet(stored: scores) ?? ScoreSheet()
        return ScoredEntry(
            submission: submission, team: team, submittedAt: submittedAt, publicScore: publicScore,
            privateScore: privateScore, publicTasks: sheet.public, privateTasks: sheet.private, selected: selected,
            publicMetrics: sheet.metrics(of: "public"), privateMetrics: sheet.metrics(of: "private"))
    }
}

extension SubmissionRecord {
    /// Each task's Public score, from the stored `scores` JSON (the decoder the boards use).
    public var publicTaskScores: [String: Double] {
        ScoreSheet(stored: scores)?.public ?? [:]
    }
}
