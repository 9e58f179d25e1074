import Competitions
import Foundation
import PodiumAPI
import Sandbox
import Scoring
import Storage
import Synchronization
import Tabular

/// Practice runs: a team runs its archive on each task's public sample (a few records whose answers anyone may
/// see) to read its output and errors before spending a submission. Nothing is stored or charged; a team has
/// `practiceRunsPerHour` of them, counted in this process.
extension Platform {
    /// Practice runs a team may make in an hour.
    public static let practiceRunsPerHour = 10

    /// A practice run's wall-clock limit at most (the round's own limit when lower).
    static let practiceSeconds = 60.0
}

extension SubmissionService {
    /// Runs `upload` (a code archive) on the round's public samples now, in the sandbox.
    public func practiceRun(
        competition slug: String, round id: String, team: TeamRecord, upload: Platform.Upload,
        by member: ParticipantRecord? = nil
    ) throws -> PracticeRunResource {
        let (record, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        guard let code = round.codeRun else {
            throw PlatformError(.notAllowed, "round \(id) takes prediction files; practice runs are for code rounds")
        }
        guard let samples = code.samples, !samples.isEmpty else {
            throw PlatformError(.notAllowed, "round \(id) has no public sample to practise on")
        }
        try checkMaySubmitNow(competition: slug, round: round, config: config, team: team, member: member)
        if let reason = Sandbox.unavailableReason {
            throw PlatformError(.internalError, "this server cannot run code: \(reason)")
        }
        let left = try platform.practiceRuns.take(team: team.id!, now: now)
        let scratch = try Platform.codeRunFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let program = try platform.unpackedProgram(upload, into: "\(scratch)/code")
        var runs: [PracticeRunResource.TaskRun] = []
        for task in config.tasks(of: round) {
            guard let sample = samples[task.id] else { continue }
            let folder = "\(scratch)/\(task.id)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            runs.append(
                try practise(task, sample: "\(record.folder)/\(sample)", program: program, code: code, in: folder))
        }
        return PracticeRunResource(round: id, tasks: runs, runsLeft: left)
    }

    /// The team may submit to `round` now: member approved and in the team, the team admitted, the round open.
    func checkMaySubmitNow(
        competition slug: String, round: RoundConfig, config: CompetitionConfig, team: TeamRecord,
        member: ParticipantRecord?
    ) throws {
        let reading = try store.read { try submitGate($0, competition: slug, round: round.id, member: member) }
        try check(reading, team: team, round: round, config: config)
    }

    /// One run on a task's sample: its records without their answers on standard input, at the largest batch size.
    private func practise(_ task: TaskConfig, sample: String, program: String, code: CodeRunConfig, in folder: String)
        throws -> PracticeRunResource.TaskRun
    {
        let spec = task.spec()
        let records = try PracticeSample(path: sample, idField: spec.idColumn, answerField: spec.target)
        try records.writeInputs(to: "\(folder)/inputs.jsonl")
        let run = try Sandbox.run(
            Sandbox.Request(
                code: program, arguments: ["./run", "--batch-size", String(code.sizes.last ?? 1)],
                input: "\(folder)/inputs.jsonl", output: "\(folder)/output", environment: ["PODIUM_TASK": task.id],
                limits: SandboxLimits(
                    wallSeconds: min(code.timeLimit, Platform.practiceSeconds), memoryMB: code.memory,
                    processes: code.processes, outputBytes: code.outputBytes, network: code.network ?? false)))
        let output = (FileManager.default.contents(atPath: "\(folder)/output") ?? Data())
        var outcome = run.outcome.code
        var message = run.outcome.sentence
        var problems: [String] = []
        var score: Double?
        if run.outcome == .finished, task.scorer == nil, task.taskFormat == .csv {
            switch Result(catching: { () throws(ScoringError) in
                try records.score(output: "\(folder)/output", spec: spec, in: folder)
            }) {
            case .success(let value): score = value
            case .failure(.invalidSubmission(let report)):
                outcome = "invalid_output"
                message = "its standard output is not a valid submission"
                problems = report.problems.map(\.description)
            case .failure(let error): throw error
            }
        }
        return PracticeRunResource.TaskRun(
            task: task.id, outcome: outcome, message: message,
            output: String(decoding: output.prefix(64 * 1024), as: UTF8.self), stderr: run.stderrTail(16 * 1024),
            problems: problems, answers: records.answers, score: score, seconds: run.wallSeconds)
    }
}

/// A task's public sample: JSON Lines records with their answers.
struct PracticeSample {
    let records: [JSONValue]
    let idField: String
    let answerField: String
    /// Each record's answer, by id.
    let answers: [String: String]

    init(path: String, idField: String, answerField: String) throws {
        do {
            records = try JSONLinesReader.values(path: path).map(\.value)
        } catch {
            throw PlatformError(.internalError, "the public sample \(path) is unusable: \(error)")
        }
        self.idField = idField
        self.answerField = answerField
        var answers: [String: String] = [:]
        for case .object(let fields) in records {
            if let id = fields[idField]?.labelText, let answer = fields[answerField]?.labelText { answers[id] = answer }
        }
        self.answers = answers
    }

    /// The records without their answers, as the program reads them.
    func writeInputs(to path: String) throws {
        var writer = JSONLinesWriter()
        for case .object(let fields) in records {
            writer.append(fields.filter { $0.key != answerField }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        try writer.write(to: path)
    }

    /// The output's score against the answers, all on the Public part (throws the output's problems).
    func score(output: String, spec: TaskSpec, in folder: String) throws(ScoringError) -> Double? {
        var solution = CSVWriter(header: [spec.idColumn, spec.target, "Usage"])
        for (id, answer) in answers.sorted(by: { $0.key < $1.key }) { solution.appendRow([id, answer, "Public"]) }
        let path = "\(folder)/answers.csv"
        guard (try? solution.write(to: path)) != nil else { return nil }
        let key = try AnswerKey.load(path: path, spec: spec)
        let predictions = try SubmissionValidator.validate(path: output, key: key)
        return try TaskScorer.score(predictions, key: key).score(.public)
    }
}

/// Each team's practice runs of the last hour, in this process.
final class PracticeRunLimiter: Sendable {
    private let runs = Mutex<[Int64: [Date]]>([:])

    /// Counts one run of `team` at `now` and returns how many it has left, or refuses when none are left.
    func take(team: Int64, now: Date) throws -> Int {
        try runs.withLock { runs in
            let recent = (runs[team] ?? []).filter { now.timeIntervalSince($0) < 3600 }
            guard recent.count < Platform.practiceRunsPerHour else {
                let frees = recent.min()!.addingTimeInterval(3600)
                throw PlatformError(
                    .quotaExceeded,
                    "\(Platform.practiceRunsPerHour) practice runs an hour are used; the next frees at \(CompetitionCheck.iso(frees))",
                    resetsAt: frees)
            }
            runs[team] = recent + [now]
            return Platform.practiceRunsPerHour - recent.count - 1
        }
    }
}
