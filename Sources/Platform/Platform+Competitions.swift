import Competitions
import Foundation
import Storage
import Tabular

extension Platform {
    /// What loading a competition did.
    public struct LoadResult: Sendable {
        /// The competition's slug (its folder name).
        public let slug: String
        /// Its title.
        public let title: String
        /// Whether it was new.
        public let created: Bool
        /// Solutions whose content changed since the last load while scored submissions exist:
        /// "round/task" — run `podium rescore`.
        public let rescoreNeeded: [String]
    }

    /// Checks and loads `competitions/<slug>`; loading again is harmless, and a changed solution file
    /// is detected by its hash.
    public func loadCompetition(folder: String) throws -> LoadResult {
        let folderURL = URL(fileURLWithPath: folder).standardizedFileURL
        let slug = folderURL.lastPathComponent
        let report = CompetitionCheck.check(folder: folderURL.path, scorers: options.scorersDirectory)
        guard report.ok, let config = report.config else {
            throw PlatformError(
                .invalidCompetition, "\(folder) has \(report.problems.count) problems; run podium check",
                details: report.problems.map { CSVProblem(line: nil, column: nil, message: $0) })
        }
        let now = self.now
        return try store.write { store in
            let created = try store.competition(slug) == nil
            try store.save(CompetitionRecord(slug: slug, title: config.title, folder: folderURL.path, loadedAt: now))
            var rescore: [String] = []
            for round in config.rounds {
                for task in config.tasks(of: round) {
                    let path = round.solution(of: task)
                    let sha256 = try FileStore.hash(of: "\(folderURL.path)/\(path)")
                    if let old = try store.solution(competition: slug, round: round.id, task: task.id),
                        old.sha256 != sha256, try store.scoredCount(competition: slug, round: round.id) > 0
                    {
                        rescore.append("\(round.id)/\(task.id)")
                    }
                    try store.save(
                        SolutionRecord(competition: slug, round: round.id, task: task.id, path: path, sha256: sha256))
                }
            }
            return LoadResult(slug: slug, title: config.title, created: created, rescoreNeeded: rescore)
        }
    }

    /// A loaded competition's record and current config.
    public func competition(_ slug: String) throws -> (record: CompetitionRecord, config: CompetitionConfig) {
        guard let record = try store.read({ try $0.competition(slug) }) else {
            throw PlatformError(
                .notFound, "no competition \"\(slug)\"; load it with podium competition load competitions/\(slug)")
        }
        return (record, try configs.config(folder: record.folder))
    }

    /// Every loaded competition.
    public func competitions() throws -> [CompetitionRecord] {
        try store.read { try $0.competitions() }
    }

    /// The round `id` of `config`, or not_found.
    func round(_ id: String, in config: CompetitionConfig, slug: String) throws -> RoundConfig {
        guard let round = config.round(id) else {
            throw PlatformError(
                .notFound, "no round \"\(id)\" in \(slug); rounds: \(config.rounds.map(\.id).joined(separator: ", "))")
        }
        return round
    }
}
