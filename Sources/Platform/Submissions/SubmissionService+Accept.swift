import Competitions
import Foundation
import MLMetrics
import Scoring
import Storage
import Tabular

extension Platform {
    /// An uploaded file: its name as the user gave it and where it is now.
    public struct Upload: Sendable {
        /// The file's name (for a multi-task round: `<task>.csv`).
        public let name: String
        /// Its path on disk.
        public let path: String

        /// Creates an upload.
        public init(name: String, path: String) {
            self.name = name
            self.path = path
        }
    }

    /// What accepting a submission answers.
    public struct Accepted: Sendable {
        /// The submission's id.
        public let id: Int64
        /// Its status (queued).
        public let status: SubmissionStatus
        /// Its place in the scoring queue.
        public let queuePosition: Int?
        /// The team's quota after this submission.
        public let quota: QuotaStatus
    }

    /// How many times an accept reads and decides again when its write found the team's state moved.
    static let acceptAttempts = 20

    /// Whether the member, as stored now (`current`), may submit for `team`.
    static func checkMaySubmit(current: ParticipantRecord, for team: TeamRecord) throws {
        guard current.teamId == team.id else {
            throw PlatformError(.notInTeam, "\(current.name) is not a member of \(team.name) any more")
        }
        guard current.status == .approved else {
            throw PlatformError(
                .notApproved, "\(current.name) waits for an organiser's approval before submitting")
        }
    }

    /// The answer key of `task` in `round` and its content hash (validation only, for a scorer task).
    func answerKey(folder: String, round: RoundConfig, task: TaskConfig) throws -> (AnswerKey, String) {
        let spec = try task.scorer.map { task.spec(scorer: try scorer($0)) } ?? task.spec()
        do {
            let loaded = try loadedKey(path: "\(folder)/\(round.solution(of: task))", spec: spec)
            return (loaded.key, loaded.sha256)
        } catch {
            throw PlatformError(.internalError, "the solution of \(task.id) cannot be read: \(error)")
        }
    }

    /// The scorer program `name` from the scorers folder.
    func scorer(_ name: String) throws -> ScorerSpec {
        guard let folder = options.scorersDirectory else {
            throw PlatformError(.internalError, "no scorers folder is configured for scorer \(name)")
        }
        let (spec, problems) = ScorerCatalogue.load(folder: "\(folder)/\(name)")
        guard let spec else {
            throw PlatformError(.internalError, "scorer \(name) is unusable: \(problems.joined(separator: "; "))")
        }
        return spec
    }

    /// Whether higher composite scores are better: the built-in metrics' direction, else the first
    /// scorer's first metric.
    func higherIsBetter(_ config: CompetitionConfig) -> Bool {
        if config.tasks.contains(where: { !$0.metricList.isEmpty }) { return config.higherIsBetter }
        guard let name = config.tasks.first?.scorer, let spec = try? scorer(name) else { return true }
        return spec.metrics.first?.higherIsBetter ?? true
    }
}

extension SubmissionService {
    /// Accepts a submission, in this order: the round exists (else `not_found`, before the card is read); the
    /// model card is well formed; the team may take part in the round; the round is open;
    /// the files are within the size limit; every file validates against the round's answer keys (a bad
    /// file is refused with every problem and costs nothing); the quota allows another (over quota: refused with
    /// the UTC time a slot frees); the files are kept by content hash. All of that is decided on one read of the
    /// store (`AcceptReading`). Then one write inserts the submission and its job only if nothing it was decided
    /// on moved meanwhile — the team's charges, the member, the round's opens and closes by hand (`AcceptBasis`):
    /// race-free across processes, as writes are serialised; when something moved, it reads and decides again.
    public func accept(
        competition slug: String, round id: String, team: TeamRecord, uploads: [Platform.Upload],
        message: String? = nil,
        by member: ParticipantRecord? = nil, card: @autoclosure () throws -> ModelCard? = nil
    ) throws -> Platform.Accepted {
        let (record, config, round, firstReading) = try roundOpen(
            forSubmitting: slug, round: id, team: team, member: member)
        let storedCard = try Platform.storedCard(card())
        let now = self.now
        let scratch = "\(platform.dataDirectory)/scratch/archive-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let byTask: [String: Platform.Upload]
        switch round.submissionKind {
        case .code: byTask = [CodeArchive.storedTask: try checkedCodeArchive(uploads, into: scratch)]
        case .probing:
            byTask = try checkedProbingFiles(
                uploads, round: round, config: config, folder: record.folder, scratch: scratch)
        case .files: byTask = try assign(try unpackArchives(uploads, into: scratch), to: config.tasks(of: round))
        }
        var sizes: [String: Int64] = [:]
        for (task, upload) in byTask {
            let size = FileStamp(path: upload.path)?.size ?? 0
            guard size <= options.maxUploadBytes else {
                throw PlatformError(
                    .tooLarge, "\(upload.name) is \(size) bytes; the limit is \(options.maxUploadBytes) bytes")
            }
            sizes[task] = size
        }
        var problems: [CSVProblem] = []
        var more = 0
        var validated: [String: (predictions: PredictedValues, keySHA256: String)] = [:]
        for task in config.tasks(of: round) {
            guard let upload = byTask[task.id] else { continue }
            let (key, keySHA256) = try platform.answerKey(folder: record.folder, round: round, task: task)
            do {
                validated[task.id] = (try SubmissionValidator.validate(path: upload.path, key: key), keySHA256)
            } catch .invalidSubmission(let report) {
                let prefix = byTask.count > 1 ? "\(upload.name): " : ""
                problems += report.problems.map {
                    CSVProblem(line: $0.line, column: $0.column, message: prefix + $0.message)
                }
                more += report.more
            } catch {
                throw PlatformError(.internalError, "the answer key of \(task.id) is unusable: \(error)")
            }
        }
        if !problems.isEmpty {
            let count = problems.count + more
            throw PlatformError(
                .invalidSubmission, "the submission has \(count) problem\(count == 1 ? "" : "s"); nothing was charged",
                details: problems)
        }

        try checkQuota(firstReading, round: round, team: team)
        // Hash and keep the files before taking the write lock: every other accept waits while it is held. (An accept
        // that then loses a race for the last slot leaves its copy unreferenced: kept by content, it harms nothing.)
        let stored = try keep(byTask, sizes: sizes, validated: validated)
        let submission = SubmissionRecord(
            competition: slug, round: id, teamId: team.id!, createdAt: now, message: message, status: .queued,
            charged: true, selected: false, disqualified: false, submittedBy: member?.id, card: storedCard)
        var reading = firstReading
        for _ in 0..<Platform.acceptAttempts {
            let basis = reading.basis
            let queued = try store.writeEndingInAnswer { store in
                for file in stored {
                    try platform.share(byTask[file.task]!.path, sha256: file.sha256, in: store, withoutAsking: true)
                }
                return try store.insertQueued(
                    submission, files: stored, kind: Platform.jobKind(of: round), at: now, if: basis)
            }
            if let queued {
                platform.workSignal.signal(Platform.jobKind(of: round))
                let quota = QuotaWindow.status(round.submissions, charges: reading.charges.times + [now], now: now)
                return Platform.Accepted(
                    id: queued.id, status: .queued, queuePosition: queued.queuePosition, quota: quota)
            }
            // Something moved since the read (another accept of the team, a member who left, a close by hand):
            // read again and decide again.
            reading = try store.read {
                try acceptReading($0, competition: slug, round: id, team: team, member: member)
            }
            try check(reading.gate, team: team, round: round, config: config)
            try checkQuota(reading, round: round, team: team)
        }
        throw PlatformError(.internalError, "team \(team.name)'s submissions kept changing; try again")
    }

    /// The files of an accepted upload kept in the files store (by content hash), their validated predictions kept
    /// for this process's workers.
    private func keep(
        _ byTask: [String: Platform.Upload], sizes: [String: Int64],
        validated: [String: (predictions: PredictedValues, keySHA256: String)]
    ) throws -> [SubmissionFileRecord] {
        try byTask.sorted { $0.key < $1.key }.map { task, upload in
            let sha256 = try files.store(upload.path)
            if let entry = validated[task] {
                platform.validatedUploads.keep(entry.predictions, file: sha256, key: entry.keySHA256)
            }
            return SubmissionFileRecord(
                submissionId: 0, task: task, sha256: sha256, name: upload.name, size: sizes[task]!)
        }
    }

    /// Refuses a team whose quota in `round` is used up by the charges `reading` found, saying when a slot frees.
    private func checkQuota(_ reading: AcceptReading, round: RoundConfig, team: TeamRecord) throws {
        let status = QuotaWindow.status(round.submissions, charges: reading.charges.times, now: now)
        guard status.allowsAnother else {
            let when =
                status.resetsAt.map { "; the next slot frees at \(CompetitionCheck.iso($0))" }
                ?? "; the round's total is used up"
            throw PlatformError(
                .quotaExceeded, "team \(team.name) has used its quota in round \(round.id)\(when)",
                resetsAt: status.resetsAt)
        }
    }

    /// Refuses, before an upload is read, a member who may not submit for `team` (not approved, not in it).
    public func checkMaySubmit(_ member: ParticipantRecord, for team: TeamRecord) throws {
        try store.read { try checkMaySubmit(member, for: team, in: $0) }
    }

    /// Whether `member` may submit for `team` now: still in it, and approved (`registration: approval`).
    func checkMaySubmit(_ member: ParticipantRecord, for team: TeamRecord, in store: any StoreReader) throws {
        try Platform.checkMaySubmit(current: try platform.participation.current(store, member), for: team)
    }

    /// `uploads` with every zip archive replaced by the files it holds (junk skipped), unpacked under
    /// `folder`; an archive that cannot be taken is refused with what is wrong with it.
    /// At most `maxTotalBytes` unpacked per archive (default: the upload limit).
    func unpackArchives(_ uploads: [Platform.Upload], into folder: String, maxTotalBytes: Int64? = nil) throws
        -> [Platform.Upload]
    {
        var unpacked: [Platform.Upload] = []
        for (index, upload) in uploads.enumerated() {
            guard upload.name.lowercased().hasSuffix(".zip") || SubmissionArchive.isArchive(path: upload.path) else {
                unpacked.append(upload)
                continue
            }
            let into = "\(folder)/\(index)"
            try FileManager.default.createDirectory(atPath: into, withIntermediateDirectories: true)
            do {
                let entries = try SubmissionArchive.extract(
                    path: upload.path, file: upload.name, into: into,
                    limits: .init(
                        maxEntryBytes: options.maxUploadBytes, maxTotalBytes: maxTotalBytes ?? options.maxUploadBytes))
                guard !entries.isEmpty else {
                    throw PlatformError(.invalidSubmission, "\(upload.name) holds no files (only folders or junk)")
                }
                unpacked += entries.map { Platform.Upload(name: $0.name, path: $0.path) }
            } catch let failure as SubmissionArchive.Failure {
                throw PlatformError(.invalidSubmission, "the archive \(failure)")
            }
        }
        return unpacked
    }

    /// Matches files to tasks: one file for a one-task round (any name), else each task's file name
    /// (`<task>.csv`, `<task>.jsonl` or the task's `file:`), case-insensitively, wherever it sat in an archive.
    func assign(_ uploads: [Platform.Upload], to tasks: [TaskConfig]) throws -> [String: Platform.Upload] {
        if tasks.count == 1 {
            guard uploads.count == 1 else {
                throw PlatformError(
                    .invalidSubmission,
                    "this round has one task (\(tasks[0].id)): submit one file, not \(uploads.count)",
                    details: uploads.map { CSVProblem(line: nil, column: nil, message: "\($0.name)") })
            }
            return [tasks[0].id: uploads[0]]
        }
        var byTask: [String: Platform.Upload] = [:]
        var problems: [CSVProblem] = []
        let expected = tasks.map(\.fileName).joined(separator: ", ")
        for upload in uploads {
            let base = (upload.name.split(separator: "/").last.map(String.init) ?? upload.name).lowercased()
            guard let task = tasks.first(where: { $0.fileName.lowercased() == base }) else {
                problems.append(
                    CSVProblem(line: nil, column: nil, message: "\(upload.name) matches no task of this round"))
                continue
            }
            if let first = byTask[task.id] {
                problems.append(
                    CSVProblem(
                        line: nil, column: nil,
                        message: "two files for task \(task.id): \(first.name) and \(upload.name)"))
            } else {
                byTask[task.id] = upload
            }
        }
        for task in tasks where byTask[task.id] == nil {
            problems.append(
                CSVProblem(line: nil, column: nil, message: "no file for task \(task.id); expected \(task.fileName)"))
        }
        guard problems.isEmpty else {
            throw PlatformError(
                .invalidSubmission,
                "a submission to this round is one file per task (or a zip archive of them), named \(expected)",
                details: problems)
        }
        return byTask
    }

    /// A team's submissions in a round, newest first.
    public func list(competition slug: String, round id: String, team: TeamRecord) throws -> [SubmissionRecord] {
        try store.read { try $0.submissions(competition: slug, round: id, teamId: team.id!) }
    }

    /// One submission, if it belongs to `team` (nil for anyone else's).
    public func submission(_ id: Int64, team: TeamRecord? = nil) throws -> SubmissionRecord? {
        try store.read { store in
            guard let submission = try store.submission(id: id) else { return nil }
            if let team, submission.teamId != team.id { return nil }
            return submission
        }
    }

    /// Sets a team's final selections in a round (at most the round's `final_selections`).
    public func select(competition slug: String, round id: String, team: TeamRecord, submissions ids: [Int64]) throws {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        let limit = round.finalSelections ?? 1
        guard ids.count <= limit else {
            throw PlatformError(
                .notAllowed, "round \(id) allows \(limit) final selection\(limit == 1 ? "" : "s"), not \(ids.count)")
        }
        try store.write { store in
            for id in ids {
                guard let submission = try store.submission(id: id), submission.teamId == team.id,
                    submission.round == round.id, submission.competition == slug
                else {
                    throw PlatformError(.notFound, "team \(team.name) has no submission \(id) in round \(round.id)")
                }
            }
            try store.select(competition: slug, round: id, teamId: team.id!, submissions: ids)
            try platform.integrity.selectionChanged(
                store, competition: slug, round: id, teamId: team.id!, config: config, at: now)
            try store.emit(
                .selectionChanged(.init(team: team.name, round: id, submissions: ids.sorted())), competition: slug,
                at: now)
        }
    }

    /// A team's quota status in a round now.
    public func quota(competition slug: String, round id: String, team: TeamRecord) throws -> QuotaStatus {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        return try store.read { try quota($0, slug: slug, round: round, team: team) }
    }

    /// `quota` inside a caller's read.
    func quota(_ store: any StoreReader, slug: String, round: RoundConfig, team: TeamRecord) throws -> QuotaStatus {
        let charges = try store.charges(competition: slug, round: round.id, teamId: team.id!)
        return QuotaWindow.status(round.submissions, charges: charges.times, now: now)
    }
}
