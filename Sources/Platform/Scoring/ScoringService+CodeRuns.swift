import Competitions
import Foundation
import MLMetrics
import PodiumAPI
import Sandbox
import Scoring
import Storage

extension Platform {
    /// The limits an uploaded code archive is unpacked within.
    var codeArchiveLimits: SubmissionArchive.Limits {
        SubmissionArchive.Limits(maxEntryBytes: options.maxUploadBytes, maxTotalBytes: options.maxUploadBytes * 4)
    }

    /// The kind of job a round's submissions make.
    static func jobKind(of round: RoundConfig) -> JobKind { round.submissionKind == .code ? .code : .files }

    /// `upload` unpacked into `folder` as a code archive (every refusal of `CodeArchive`, as `invalid_submission`);
    /// the folder holding its `run`.
    func unpackedProgram(_ upload: Upload, into folder: String) throws -> String {
        guard CodeArchive.isCodeArchive(path: upload.path) else {
            throw PlatformError(
                .invalidSubmission,
                "\(upload.name) is not a zip or tar.gz archive; this round runs your program: upload an archive whose root holds an executable run"
            )
        }
        do {
            return try CodeArchive.unpack(path: upload.path, file: upload.name, into: folder, limits: codeArchiveLimits)
        } catch {
            throw PlatformError(.invalidSubmission, "the archive \(error)")
        }
    }

    /// What running a code submission gave: per task, the file of predictions to score and the measurements.
    struct CodeRunOutput {
        var predictions: [String: String] = [:]
        var measurements: [String: CodeMeasurements] = [:]
    }

    /// A private folder for one code run, readable by the sandbox's unprivileged user.
    static func codeRunFolder() throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("podium-runs").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        chmod(base, 0o711)  // others may pass through to a run's folder, not list the runs
        let folder = "\(base)/\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        return folder
    }
}

extension ScoringService {
    /// Runs a code submission's program on each task's hidden inputs in the sandbox (MOROCCO's protocol),
    /// in `scratch`; reports each stage to the queue. A failure of the program's own is a `ProgramFault`.
    func runCode(
        _ submission: SubmissionRecord, round: RoundConfig, config: CompetitionConfig, folder: String,
        code: CodeRunConfig, worker: String, scratch: String
    ) throws -> Platform.CodeRunOutput {
        if let reason = Sandbox.unavailableReason {
            throw PlatformError(.internalError, "this worker cannot run code: \(reason)")
        }
        let stored = try store.read { try $0.files(submissionId: submission.id!) }
        guard let archive = stored.first(where: { $0.task == CodeArchive.storedTask }) else {
            throw PlatformError(.internalError, "submission \(submission.id!) has no stored archive")
        }
        let stage: @Sendable (String) -> Void = { [queue = platform.queue] text in
            _ = try? queue.setStage(submission.id!, worker: worker, stage: text)
        }
        stage("unpacking")
        let program: String
        do {
            program = try CodeArchive.unpack(
                path: try platform.localPath(of: archive.sha256), file: archive.name, into: "\(scratch)/code",
                limits: platform.codeArchiveLimits)
        } catch {
            throw ProgramFault(
                code: "invalid_archive", sentence: "the archive \(error)", stderr: "", stage: "unpacking")
        }
        var output = Platform.CodeRunOutput()
        for task in config.tasks(of: round) {
            guard let inputs = code.inputs[task.id] else {
                throw PlatformError(.internalError, "round \(round.id) names no inputs for task \(task.id)")
            }
            let taskScratch = "\(scratch)/\(task.id)"
            try FileManager.default.createDirectory(atPath: taskScratch, withIntermediateDirectories: true)
            let runs = MeasuredRuns(
                code: program, inputs: "\(folder)/\(inputs)", batchSizes: code.sizes, repeats: code.runsEach,
                limits: SandboxLimits(
                    wallSeconds: code.timeLimit, memoryMB: code.memory, processes: code.processes,
                    outputBytes: code.outputBytes, network: code.network ?? false),
                environment: ["PODIUM_TASK": task.id],
                onStage: { text in stage(tasksPrefix(config.tasks(of: round), task) + text) })
            do {
                let result = try runs.run(in: taskScratch)
                output.predictions[task.id] = result.output
                output.measurements[task.id] = result.measurements
            } catch let failure as MeasuredRuns.Failure {
                throw ProgramFault(
                    code: failure.run.outcome.code, sentence: failure.run.outcome.sentence,
                    stderr: failure.run.stderr, stage: tasksPrefix(config.tasks(of: round), task) + failure.stage)
            }
        }
        return output
    }

    /// The predictions a program wrote for `task`, validated as an upload is; invalid output is its fault.
    func validatedOutput(_ path: String, key: AnswerKey, task: TaskConfig) throws -> PredictedValues {
        do throws(ScoringError) {
            return try SubmissionValidator.validate(path: path, key: key)
        } catch {
            guard case .invalidSubmission(let report) = error else { throw error }
            let problems = report.problems.prefix(5).map(\.description).joined(separator: "; ")
            let more = report.problems.count + report.more - min(5, report.problems.count)
            throw ProgramFault(
                code: "invalid_output",
                sentence:
                    "its standard output for task \(task.id) is not a valid submission: \(problems)\(more > 0 ? " (and \(more) more)" : "")",
                stderr: "", stage: "validating \(task.id)")
        }
    }

    /// The values a team must not see quoted back from a run on the hidden inputs: every record's string
    /// values of 6 characters or more (ids, texts), from each task's inputs file.
    func hiddenValues(of code: CodeRunConfig, folder: String) -> Set<String> {
        var values = Set<String>()
        for path in code.inputs.values {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(path)") else { continue }
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let record = try? JSONDecoder().decode([String: InputValue].self, from: Data(line)) else {
                    continue
                }
                for case .text(let text) in record.values where text.count >= 6 { values.insert(text) }
            }
        }
        return values
    }
}

/// A field of an inputs record: its text when it is a string.
private enum InputValue: Decodable {
    case text(String)
    case other

    init(from decoder: any Decoder) throws {
        self = (try? decoder.singleValueContainer().decode(String.self)).map(InputValue.text) ?? .other
    }
}

/// `task digits: ` before a stage, when the round has several tasks.
private func tasksPrefix(_ tasks: [TaskConfig], _ task: TaskConfig) -> String {
    tasks.count > 1 ? "task \(task.id): " : ""
}

/// A code run that failed through the program's own fault: a limit, a crash, invalid output or archive.
/// It fails at once (the same program would fail again) and is charged unless the round says otherwise.
struct ProgramFault: Error, CustomStringConvertible {
    /// The stable code (`time_limit_exceeded`, `memory_limit_exceeded`, `output_too_large`, `crashed`,
    /// `invalid_output`, `invalid_archive`).
    let code: String
    /// What happened, in one sentence.
    let sentence: String
    /// Its whole standard error (organisers see it).
    let stderr: String
    /// The stage it failed in.
    let stage: String

    /// `code: sentence (stage)`.
    var description: String { "\(code): \(sentence) (\(stage))" }

    /// What the team sees: the code, the sentence, and the end of standard error with any line that quotes
    /// the hidden inputs removed.
    func teamMessage(hiddenValues: Set<String>) -> String {
        let tail = Sandbox.Run.tail(of: stderr, bytes: 4096)
        guard !tail.isEmpty else { return description }
        let kept = tail.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            hiddenValues.contains { line.contains($0) }
                ? "[a line quoting the hidden inputs was removed]" : String(line)
        }
        return "\(description)\n--- the end of its standard error ---\n" + kept.joined(separator: "\n")
    }

    /// What organisers see: the stage and all of standard error.
    var organiserDetail: String { "\(description)\n--- standard error ---\n\(stderr)" }
}
