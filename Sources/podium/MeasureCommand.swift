import ArgumentParser
import Foundation
import PodiumAPI
import Sandbox
import Scoring

extension Podium {
    /// `podium measure`.
    struct Measure: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a code submission in the sandbox on an inputs file and print what it measured.",
            discussion: """
                What a code round does to an upload, on this machine, without a server: the archive (or a folder \
                holding an executable run) is unpacked as an upload is, run on the inputs (JSON Lines) at each \
                batch size with start-up first, each repeated; the output of the largest batch size is written \
                to --output. Organisers try a round's limits with it; participants try their archive.
                """)

        @Argument(help: "A zip or tar.gz whose root holds an executable run, or a folder holding one.")
        var program: String
        @Option(help: "The records the program reads (JSON Lines).") var inputs: String
        @Option(help: "Batch sizes, comma-separated (default: 1).") var batchSizes = "1"
        @Option(help: "Runs of each measurement (default: 3).") var repeats = 3
        @Option(help: "Seconds each run may take (default: 600).") var timeLimit = 600.0
        @Option(help: "MB of memory for the program and its children (default: 4096).") var memoryMb = 4096
        @Option(help: "Where the scored run's standard output goes (default: none kept).") var output: String?
        @Flag(help: "Print the measurements as JSON.") var json = false

        func run() throws {
            if let reason = Sandbox.unavailableReason {
                throw ValidationError("the sandbox cannot run here: \(reason)")
            }
            let sizes = batchSizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty, sizes.allSatisfy({ $0 >= 1 }) else {
                throw ValidationError("--batch-sizes: give one or more sizes of at least 1, e.g. 1,32")
            }
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("podium-measure-\(UUID())").path
            try FileManager.default.createDirectory(
                atPath: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let runs = MeasuredRuns(
                code: try unpacked(into: "\(scratch)/code"), inputs: inputs, batchSizes: sizes, repeats: repeats,
                limits: SandboxLimits(wallSeconds: timeLimit, memoryMB: memoryMb),
                onStage: { if !json { Output.error("running: \($0)") } })
            let result: MeasuredRuns.Result
            do {
                result = try runs.run(in: scratch)
            } catch let failure as MeasuredRuns.Failure {
                Output.error("\(failure.run.outcome.code): \(failure.run.outcome.sentence) (\(failure.stage))")
                if !failure.run.stderr.isEmpty { Output.error(failure.run.stderrTail()) }
                throw ExitCode(1)
            }
            if let output { try FileManager.default.copyItem(atPath: result.output, toPath: output) }
            if json { return Output.json(result.measurements) }
            let measured = result.measurements
            var lines = [
                "records \(measured.records); start-up \(String(format: "%.4f", measured.startupSeconds)) s (median of \(measured.repeats))"
            ]
            for size in sizes {
                let speed = measured.recordsPerSecond[String(size)] ?? 0
                lines.append("batch size \(size): \(String(format: "%.1f", speed)) records/s")
            }
            lines.append(
                "peak memory: \(measured.peakMemoryMB.map { String(format: "%.1f MB", $0) } ?? "not measured")")
            lines.append("machine: \(measured.hardware.cpu), \(measured.hardware.cores) cores")
            Output.line(lines.joined(separator: "\n"))
        }

        /// The folder holding `run`: the program folder itself, or the archive unpacked as an upload is.
        private func unpacked(into folder: String) throws -> String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: program, isDirectory: &isFolder), isFolder.boolValue {
                return URL(fileURLWithPath: program).standardizedFileURL.path
            }
            do {
                return try CodeArchive.unpack(
                    path: program, file: URL(fileURLWithPath: program).lastPathComponent, into: folder,
                    limits: .init(maxEntryBytes: 400 << 20, maxTotalBytes: 1 << 30))
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }
}
