import Foundation
import PodiumAPI

/// MOROCCO's protocol, run in the sandbox: start-up is a run on the first record; then a run on every record
/// at each batch size (`./run --batch-size N`); each `repeats` times, the median kept and the spread too.
/// The output of the last run at the largest batch size is the one scored. A run that breaks a limit or
/// fails stops the whole measurement with that run's outcome.
public struct MeasuredRuns: Sendable {
    /// The program's unpacked folder.
    public var code: String
    /// The task's hidden inputs (JSON Lines, one record per line).
    public var inputs: String
    /// The batch sizes, each measured.
    public var batchSizes: [Int]
    /// Runs of each measurement.
    public var repeats: Int
    /// Each run's limits.
    public var limits: SandboxLimits
    /// Extra environment (the task's id).
    public var environment: [String: String]
    /// Hears each stage as it starts (`start-up, repeat 1 of 3`).
    public var onStage: @Sendable (String) -> Void

    /// Creates a plan.
    public init(
        code: String, inputs: String, batchSizes: [Int], repeats: Int, limits: SandboxLimits,
        environment: [String: String] = [:], onStage: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.code = code
        self.inputs = inputs
        self.batchSizes = batchSizes.isEmpty ? [1] : batchSizes.sorted()
        self.repeats = max(1, repeats)
        self.limits = limits
        self.environment = environment
        self.onStage = onStage
    }

    /// What the runs gave: the predictions to score and the measurements.
    public struct Result: Sendable {
        /// The scored run's standard output.
        public let output: String
        /// What was measured.
        public let measurements: CodeMeasurements
        /// The scored run's standard error (organisers see it).
        public let stderr: String
    }

    /// A run that did not finish: which stage, and the run.
    public struct Failure: Error, Sendable {
        /// The stage it failed in.
        public let stage: String
        /// The failed run.
        public let run: Sandbox.Run
    }

    /// Runs every measurement in `scratch` (a private folder for inputs and outputs).
    public func run(in scratch: String) throws -> Result {
        let records = try Self.lineCount(inputs)
        let first = "\(scratch)/first-record.jsonl"
        try Self.writeFirstLine(of: inputs, to: first)
        var startups: [Double] = []
        var peaks: [Int64] = []
        var gpu: [Double] = []
        for index in 1...repeats {
            let stage = "start-up, repeat \(index) of \(repeats)"
            let run = try one(stage: stage, input: first, batchSize: batchSizes[0], output: "\(scratch)/startup.out")
            startups.append(run.wallSeconds)
            peaks += run.peakMemoryBytes.map { [$0] } ?? []
        }
        let startup = Self.median(startups)
        var throughput: [String: [Double]] = [:]
        var scored: (output: String, stderr: String)?
        for size in batchSizes {
            for index in 1...repeats {
                let stage = "batch size \(size), repeat \(index) of \(repeats)"
                let output = "\(scratch)/batch-\(size).out"
                let sampler = GPUSampler.startIfPresent()
                let run = try one(stage: stage, input: inputs, batchSize: size, output: output)
                gpu += sampler?.stop().map { [$0] } ?? []
                peaks += run.peakMemoryBytes.map { [$0] } ?? []
                throughput[String(size), default: []].append(
                    Self.recordsPerSecond(records: records, wall: run.wallSeconds, startup: startup))
                scored = (output, run.stderr)
            }
        }
        var spread = ["startup_seconds": [startups.min()!, startups.max()!]]
        for (size, values) in throughput { spread["records_per_second_\(size)"] = [values.min()!, values.max()!] }
        let measurements = CodeMeasurements(
            records: records, startupSeconds: startup, recordsPerSecond: throughput.mapValues(Self.median),
            scoredBatchSize: batchSizes.last!, peakMemoryMB: peaks.max().map { Double($0) / 1_048_576 },
            gpuMemoryMB: gpu.max(), repeats: repeats, spread: spread, hardware: MachineDescription.current)
        return Result(output: scored!.output, measurements: measurements, stderr: scored!.stderr)
    }

    private func one(stage: String, input: String, batchSize: Int, output: String) throws -> Sandbox.Run {
        onStage(stage)
        let run = try Sandbox.run(
            Sandbox.Request(
                code: code, arguments: ["./run", "--batch-size", String(batchSize)], input: input, output: output,
                environment: environment, limits: limits))
        guard run.outcome == .finished else { throw Failure(stage: stage, run: run) }
        return run
    }

    /// Throughput from a run on every record and the start-up run. MOROCCO divides all `records` by `wall −
    /// start-up`; but the start-up run already processed one record, so that difference holds `records − 1` of
    /// them: with start-up `s` and `t` seconds per record, `wall = s + records·t` and `start-up = s + t`, and
    /// `(records − 1) / (wall − start-up)` is exactly `1/t` (MOROCCO's is `records / (records − 1)` too high,
    /// 2.5 % for 40 records). A single record has no such difference: its speed is `1 / wall`.
    static func recordsPerSecond(records: Int, wall: Double, startup: Double) -> Double {
        guard records > 1 else { return Double(records) / max(wall, 1e-6) }
        return Double(records - 1) / max(wall - startup, 1e-6)
    }

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Non-empty lines of a JSON Lines file.
    static func lineCount(_ path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        return data.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 13 || $0 == 32 } }.count
    }

    private static func writeFirstLine(of path: String, to target: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let line = data.split(separator: UInt8(ascii: "\n")).first ?? Data()
        try (Data(line) + Data("\n".utf8)).write(to: URL(fileURLWithPath: target))
    }
}

/// Samples GPU memory in use every 200 ms while a run goes on (only on a machine with a GPU).
final class GPUSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var highest: Double?
    private var running = true

    static func startIfPresent() -> GPUSampler? {
        guard MachineDescription.gpuName != nil else { return nil }
        let sampler = GPUSampler()
        Thread.detachNewThread {
            while sampler.lock.withLock({ sampler.running }) {
                if let used = MachineDescription.gpuMemoryInUseMB() {
                    sampler.lock.withLock { sampler.highest = max(sampler.highest ?? 0, used) }
                }
                usleep(200_000)
            }
        }
        return sampler
    }

    func stop() -> Double? {
        lock.withLock {
            running = false
            return highest
        }
    }
}
