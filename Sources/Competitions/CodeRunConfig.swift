import Foundation

/// What a round's submissions are: prediction files (the default) or programs Podium runs.
public enum SubmissionKind: String, Codable, Sendable, CaseIterable {
    /// Prediction files made elsewhere.
    case files
    /// An archive whose `run` Podium runs in the sandbox on the hidden inputs.
    case code
    /// A zip of each task's answers layer by layer: predictions or embeddings (see `ProbingConfig`).
    case probing
}

/// A code round's `code:` block: what the program reads, how it runs and what is measured.
public struct CodeRunConfig: Codable, Sendable, Equatable {
    /// Per task, the records the program reads (JSON Lines under `hidden/`, no answers).
    public var inputs: [String: String]
    /// `host`: the machine's own /usr (its python3 and packages), read-only.
    public var runtime: String?
    /// Wall-clock seconds for each run (default 600).
    public var timeLimitSeconds: Double?
    /// Memory for the program and all its children, in MB (default 4096).
    public var memoryMB: Int?
    /// Batch sizes measured; the largest one's output is scored (default [1]).
    public var batchSizes: [Int]?
    /// Runs of each measurement, the median kept (default 1).
    public var repeats: Int?
    /// Whether the program may reach the network (default false).
    public var network: Bool?
    /// Whether a run failed by the program's own fault counts against the quota (default true).
    public var chargeFailedRuns: Bool?
    /// Bytes of standard output a run may write, in MB (default 256).
    public var maxOutputMB: Int?
    /// Processes and threads at once (default 64).
    public var maxProcesses: Int?
    /// Per task, a public sample (JSON Lines under `public/`, answers shown) for practice runs.
    public var samples: [String: String]?

    enum CodingKeys: String, CodingKey {
        case inputs, runtime, repeats, network, samples
        case timeLimitSeconds = "time_limit_seconds"
        case memoryMB = "memory_mb"
        case batchSizes = "batch_sizes"
        case chargeFailedRuns = "charge_failed_runs"
        case maxOutputMB = "max_output_mb"
        case maxProcesses = "max_processes"
    }

    /// Creates a block (tests; competitions come from YAML).
    public init(
        inputs: [String: String], timeLimitSeconds: Double? = nil, memoryMB: Int? = nil,
        batchSizes: [Int]? = nil, repeats: Int? = nil, chargeFailedRuns: Bool? = nil
    ) {
        self.inputs = inputs
        self.timeLimitSeconds = timeLimitSeconds
        self.memoryMB = memoryMB
        self.batchSizes = batchSizes
        self.repeats = repeats
        self.chargeFailedRuns = chargeFailedRuns
    }

    /// The wall-clock limit of one run.
    public var timeLimit: Double { timeLimitSeconds ?? 600 }
    /// The memory limit in MB.
    public var memory: Int { memoryMB ?? 4096 }
    /// The batch sizes, smallest first.
    public var sizes: [Int] { (batchSizes ?? [1]).sorted() }
    /// Runs of each measurement.
    public var runsEach: Int { repeats ?? 1 }
    /// Whether a failed run is charged.
    public var chargesFailedRuns: Bool { chargeFailedRuns ?? true }
    /// The output limit in bytes.
    public var outputBytes: Int64 { Int64(maxOutputMB ?? 256) << 20 }
    /// The process limit.
    public var processes: Int { maxProcesses ?? 64 }

    /// The problems of this block in `round` over `tasks`, for `podium check`; `folder` is the competition's.
    func problems(at: String, tasks: [TaskConfig], folder: String) -> [String] {
        var problems: [String] = []
        if let runtime, runtime != "host" { problems.append("\(at).runtime: \"\(runtime)\" is not host") }
        if !(1...86_400).contains(timeLimit) {
            problems.append("\(at).time_limit_seconds: \(timeLimit) is not from 1 to 86400")
        }
        if !(16...1_048_576).contains(memory) {
            problems.append("\(at).memory_mb: \(memory) is not from 16 to 1048576")
        }
        if sizes.isEmpty || sizes.contains(where: { $0 < 1 }) {
            problems.append("\(at).batch_sizes: give one or more batch sizes of at least 1")
        }
        if !(1...20).contains(runsEach) { problems.append("\(at).repeats: \(runsEach) is not from 1 to 20") }
        if let mb = maxOutputMB, mb < 1 { problems.append("\(at).max_output_mb: must be at least 1") }
        if !(1...4_096).contains(processes) {
            problems.append("\(at).max_processes: \(processes) is not from 1 to 4096")
        }
        for task in tasks where inputs[task.id] == nil {
            problems.append("\(at).inputs: no inputs for task \(task.id)")
        }
        for (id, path) in inputs.sorted(by: { $0.key < $1.key }) {
            guard let task = tasks.first(where: { $0.id == id }) else {
                problems.append("\(at).inputs: \(id) is not a task of this round")
                continue
            }
            if !path.hasPrefix("hidden/") {
                problems.append("\(at).inputs.\(id): \(path) must lie under hidden/, where nothing is served")
            }
            problems += Self.inputProblems("\(folder)/\(path)", named: path, at: "\(at).inputs.\(id)", task: task)
        }
        for (id, path) in (samples ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !tasks.contains(where: { $0.id == id }) {
                problems.append("\(at).samples: \(id) is not a task of this round")
            }
            if !path.hasPrefix("public/") {
                problems.append("\(at).samples.\(id): \(path) must lie under public/: its answers are shown to teams")
            }
            if !FileManager.default.fileExists(atPath: "\(folder)/\(path)") {
                problems.append("\(at).samples.\(id): file \(path) does not exist")
            }
        }
        return problems
    }

    /// An inputs file must be JSON Lines of objects without the task's answers.
    static func inputProblems(_ path: String, named name: String, at: String, task: TaskConfig) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ["\(at): file \(name) does not exist"]
        }
        let answer = task.target ?? "label"
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = try? JSONDecoder().decode([String: AnyValue].self, from: Data(line)) else {
                return ["\(at): \(name) line \(index + 1) is not a JSON object"]
            }
            if object[answer] != nil {
                return ["\(at): \(name) line \(index + 1) holds the answer field \"\(answer)\"; inputs must not"]
            }
        }
        return data.isEmpty ? ["\(at): \(name) is empty"] : []
    }
}

/// Any JSON value, unread: what an inputs record's fields hold does not matter to the check, only its keys.
private struct AnyValue: Decodable {
    init(from decoder: any Decoder) throws {}
}
