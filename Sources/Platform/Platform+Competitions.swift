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
        /// How its calendar is moved, and its config with the dates moved.
        public let calendarShift: CalendarShift
        /// The config as the platform now serves it (its calendar moved by `calendarShift`).
        public let config: CompetitionConfig
    }

    /// Where a load puts a competition's calendar.
    public enum CalendarPlacement: Sendable, Equatable {
        /// Every date moved by this many days (0: as the folder writes them).
        case shifted(CalendarShift)
        /// Moved by whole days so that the first dated opening comes this many days from now (or up to a day
        /// more; negative: it came that long ago). A competition without dates is not moved.
        case firstOpening(inDays: Int)
    }

    /// Checks and loads `competitions/<slug>`; loading again is harmless, and a changed solution file
    /// is detected by its hash.
    /// `calendar` moves its dates (a rehearsal, the demo on any day); nil keeps the move of an earlier load.
    public func loadCompetition(
        folder: String, calendar: CalendarPlacement? = nil, actor: String = Platform.localActor
    ) throws -> LoadResult {
        let folderURL = URL(fileURLWithPath: folder).standardizedFileURL
        let slug = folderURL.lastPathComponent
        let report = CompetitionCheck.check(folder: folderURL.path, scorers: options.scorersDirectory)
        guard report.ok, let written = report.config else {
            throw PlatformError(
                .invalidCompetition, "\(folder) has \(report.problems.count) problems; run podium check",
                details: report.problems.map { CSVProblem(line: nil, column: nil, message: $0) })
        }
        let now = self.now
        let placed = calendar.map { Self.shift(placing: written, $0, now: now) }
        // Every file the platform reads, by hash, for the processes on other machines (hashed and copied
        // before the write transaction: no other write waits on it).
        var manifest: [String: String] = [:]
        if fileSharing != .local {
            for relative in Self.sharedFiles(of: written, in: folderURL.path) {
                manifest[relative] = try files.store("\(folderURL.path)/\(relative)")
            }
        }
        return try store.write { store in
            let existing = try store.competition(slug)
            let created = existing == nil
            let shift = placed ?? existing?.calendarShift ?? .none
            let config = written.shifted(by: shift)
            try store.save(
                CompetitionRecord(
                    slug: slug, title: config.title, folder: folderURL.path, loadedAt: now,
                    calendarShiftDays: shift.days))
            if fileSharing != .local {
                for sha256 in Set(manifest.values) { try share(files.path(of: sha256), sha256: sha256, in: store) }
                try store.replaceCompetitionFiles(competition: slug, files: manifest)
            }
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
            // A load may change a round's rules (best or latest): its board state is rebuilt, once.
            for round in config.rounds {
                try boards.rebuildPublicStandings(store, slug: slug, config: config, round: round)
            }
            folders.forget(slug)
            try audit(
                store, actor: actor, action: created ? "competition.load" : "competition.reload", competition: slug,
                subject: config.title,
                details: AuditDetails.load(folder: folderURL.path, rescore: rescore, calendarShiftDays: shift.days),
                at: now)
            return LoadResult(
                slug: slug, title: config.title, created: created, rescoreNeeded: rescore, calendarShift: shift,
                config: config)
        }
    }

    /// A loaded competition's record and current config.
    public func competition(_ slug: String) throws -> (record: CompetitionRecord, config: CompetitionConfig) {
        try loaded(try store.read { try $0.competition(slug) }, slug: slug)
    }

    /// `record` (the competition `slug` as read) in its local folder, with its config; not_found when nil.
    func loaded(_ record: CompetitionRecord?, slug: String) throws -> (
        record: CompetitionRecord, config: CompetitionConfig
    ) {
        guard var record else {
            throw PlatformError(
                .notFound, "no competition \"\(slug)\"; load it with podium competition load competitions/\(slug)")
        }
        record.folder = try localFolder(of: record)
        return (record, try config(folder: record.folder, shift: record.calendarShift))
    }

    /// The move `placement` asks for, for a competition configured as `config`, at `now`.
    static func shift(placing config: CompetitionConfig, _ placement: CalendarPlacement, now: Date) -> CalendarShift {
        switch placement {
        case .shifted(let shift): return shift
        case .firstOpening(let days):
            return CalendarShift.placing(firstOpeningOf: config, inDays: days, after: now) ?? .none
        }
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
