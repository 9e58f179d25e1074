import Foundation

/// Waiting for child processes without holding one of Swift's cooperative threads (see `offTheCooperativePool`).
public enum ChildProcess {
    /// What a finished child printed and how it ended.
    public struct Finished: Sendable {
        /// Its exit status.
        public let status: Int32
        /// Its standard output.
        public let output: Data

        /// Its standard output as text.
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// Runs `process` (configured, not yet started) to its end, capturing its standard output (in the pipe it
    /// has, or a new one).
    public static func run(_ process: Process) async throws -> Finished {
        if !(process.standardOutput is Pipe) { process.standardOutput = Pipe() }
        try process.run()
        return try await finish(process)
    }

    /// Waits for a started `process` to end, reading its standard output when that is a pipe.
    public static func finish(_ process: Process) async throws -> Finished {
        try await offTheCooperativePool {
            let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
            process.waitUntilExit()
            return Finished(status: process.terminationStatus, output: output)
        }
    }

    /// Waits for a started `process` to end.
    public static func exit(of process: Process) async throws {
        try await offTheCooperativePool { process.waitUntilExit() }
    }

    /// Reads `pipe` to its end.
    public static func readToEnd(_ pipe: Pipe) async throws -> Data {
        try await offTheCooperativePool { pipe.fileHandleForReading.readDataToEndOfFile() }
    }
}
