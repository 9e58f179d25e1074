import Foundation
import Timekeeping

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a scorer program as a separate, limited process.
///
/// Podium copies the solution (with its Usage column) and the validated submission into a fresh
/// temporary folder, runs the command in the scorer's folder with their paths and an output path, and
/// reads one JSON object `{"public": {metric: number, …}, "private": {metric: number, …}}` from the
/// output path. Limits: a wall-clock timeout that kills the whole process group; address space and CPU
/// time through rlimits (`prlimit`); no network through a new network namespace (`unshare -rn`) where
/// the kernel allows it; an environment of PATH only; stdout and stderr captured and truncated.
public enum ScorerRunner {
    /// Bytes of stdout and stderr kept (the last ones).
    public static let outputLimit = 64 * 1024

    /// Whether a private network namespace can be made here (checked once).
    public static let networkIsolation: Bool = {
        guard let unshare = executable("unshare") else { return false }
        return (try? spawnAndWait([unshare, "-rn", "true"], in: "/", timeout: 10).status) == 0
    }()

    /// Runs `spec` on the given files.
    public static func run(_ spec: ScorerSpec, solution: String, submission: String) throws(ScoringError)
        -> ScorerOutcome
    {
        let manager = FileManager.default
        let work = manager.temporaryDirectory.appendingPathComponent("podium-scorer-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: work) }
        let solutionCopy = work.appendingPathComponent("solution.csv").path
        let submissionCopy = work.appendingPathComponent("submission.csv").path
        let output = work.appendingPathComponent("result.json").path
        do {
            try manager.createDirectory(at: work, withIntermediateDirectories: true)
            try manager.copyItem(atPath: solution, toPath: solutionCopy)
            try manager.copyItem(atPath: submission, toPath: submissionCopy)
        } catch {
            throw failure(spec, "could not prepare its files: \(error)", stderr: "")
        }
        var argv = spec.command.map {
            $0.replacingOccurrences(of: "{solution}", with: solutionCopy)
                .replacingOccurrences(of: "{submission}", with: submissionCopy)
                .replacingOccurrences(of: "{output}", with: output)
        }
        if argv == spec.command { argv += [solutionCopy, submissionCopy, output] }
        var wrapped = [
            executable("env") ?? "/usr/bin/env", "-C", spec.folder, executable("prlimit") ?? "/usr/bin/prlimit",
            "--as=\(spec.memoryMB * 1024 * 1024)", "--cpu=\(Int(spec.timeout.rounded(.up)) + 1)", "--",
        ]
        if networkIsolation, let unshare = executable("unshare") { wrapped = [unshare, "-rn", "--"] + wrapped }
        let result: (status: Int32, stdout: String, stderr: String, timedOut: Bool)
        do {
            result = try spawnAndWait(wrapped + argv, in: spec.folder, timeout: spec.timeout, captureIn: work.path)
        } catch {
            throw failure(spec, "could not start: \(error)", stderr: "")
        }
        if result.timedOut {
            throw failure(spec, "timed out after \(spec.timeout) s and was killed", stderr: result.stderr)
        }
        guard result.status == 0 else {
            let memory = result.stderr.contains("MemoryError") || result.stderr.contains("Cannot allocate memory")
            let what = memory ? "exceeded its memory limit of \(spec.memoryMB) MiB" : describe(status: result.status)
            throw failure(spec, what, stderr: result.stderr)
        }
        // JSONDecoder, not JSONSerialization: on Linux an NSNumber 0 or 1 also reads as a Bool, while
        // decoding Double refuses true/false, strings and anything else that is not a JSON number.
        guard let data = manager.contents(atPath: output),
            let object = try? JSONDecoder().decode([String: [String: Double]?].self, from: data)
        else {
            throw failure(
                spec, "wrote no JSON object {\"public\": {metric: number, …}, \"private\": {…}} to its output path",
                stderr: result.stderr)
        }
        func values(_ key: String) throws(ScoringError) -> [String: Double]? {
            guard let entry = object[key], let dictionary = entry else { return nil }
            for metric in spec.metrics where dictionary[metric.name]?.isFinite != true {
                throw failure(spec, "wrote no finite number for \(key).\(metric.name)", stderr: result.stderr)
            }
            return dictionary
        }
        guard let publicValues = try values("public") else {
            throw failure(spec, "wrote no \"public\" scores", stderr: result.stderr)
        }
        return ScorerOutcome(
            publicValues: publicValues, privateValues: try values("private"), stderrTail: tail(result.stderr))
    }

    private static func failure(_ spec: ScorerSpec, _ what: String, stderr: String) -> ScoringError {
        .scorerFailed(scorer: spec.name, message: "scorer \(spec.name) \(what)", stderrTail: tail(stderr))
    }

    private static func describe(status: Int32) -> String {
        let signal = status & 0x7F
        if signal == 0 { return "exited with status \((status >> 8) & 0xFF)" }
        if signal == SIGXCPU { return "used up its CPU time limit" }
        return "was killed by signal \(signal)"
    }

    /// The last 20 lines of `text`.
    static func tail(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).joined(separator: "\n")
    }

    /// The absolute path of `name` on PATH.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Spawns `argv` in its own process group with PATH as the only environment, stdout and stderr to
    /// files in `captureIn`; waits up to `timeout` seconds, then kills the whole group.
    static func spawnAndWait(_ argv: [String], in folder: String, timeout: Double, captureIn: String? = nil) throws
        -> (status: Int32, stdout: String, stderr: String, timedOut: Bool)
    {
        let capture = captureIn ?? FileManager.default.temporaryDirectory.path
        let stdoutPath = "\(capture)/stdout-\(UUID().uuidString).txt"
        let stderrPath = "\(capture)/stderr-\(UUID().uuidString).txt"
        defer {
            unlink(stdoutPath)
            unlink(stderrPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let environment = ["PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"]
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments + cEnvironment { free(pointer) }
        }
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        let deadline = Deadline.after(seconds: timeout)
        var status: Int32 = 0
        var timedOut = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if deadline.hasPassed {
                kill(-pid, SIGKILL)  // the whole group: the scorer and anything it started
                waitpid(pid, &status, 0)
                timedOut = true
                break
            }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)  // leftovers of a scorer that exited but left children behind
        func read(_ path: String) -> String {
            guard let data = FileManager.default.contents(atPath: path) else { return "" }
            return String(decoding: data.suffix(outputLimit), as: UTF8.self)
        }
        return (status, read(stdoutPath), read(stderrPath), timedOut)
    }
}
