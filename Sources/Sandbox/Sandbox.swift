import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a participant's program without a daemon: bubblewrap gives it its own user, PID, network, IPC and
/// UTS namespaces, no capabilities, `no_new_privs`, the host's `/usr` read-only, its code read-only at
/// `/code`, a private size-bounded `/tmp`, and nothing else of the machine (no data folder, no competition
/// folder, no home). Outside, a private cgroup caps the memory and processes of the whole tree and keeps
/// the exact peak; the parent stops it at the wall-clock limit or when its output passes the limit; and
/// when the run ends every process of it is killed, whatever it did.
///
/// Run as root (as a scoring worker on its own machine is), the program runs as `nobody` (uid 65534)
/// outside its namespace too. Not root: the same namespaces, with `RLIMIT_AS` and `RLIMIT_NPROC` in place of
/// the cgroup, and no peak memory.
public enum Sandbox {
    /// One run's request.
    public struct Request: Sendable {
        /// The program's folder on the host, mounted read-only at `/code` (its working directory).
        public var code: String
        /// The command, run in `/code` (`./run --batch-size 32`).
        public var arguments: [String]
        /// A file streamed to its standard input (nil: empty input).
        public var input: String?
        /// Where its standard output is written.
        public var output: String
        /// Extra environment variables (besides PATH, HOME, LANG).
        public var environment: [String: String]
        /// Its limits.
        public var limits: SandboxLimits

        /// Creates a request.
        public init(
            code: String, arguments: [String], input: String?, output: String, environment: [String: String] = [:],
            limits: SandboxLimits
        ) {
            self.code = code
            self.arguments = arguments
            self.input = input
            self.output = output
            self.environment = environment
            self.limits = limits
        }
    }

    /// What one run did.
    public struct Run: Sendable {
        /// How it ended.
        public let outcome: SandboxOutcome
        /// Seconds from start to its end, on the monotonic clock.
        public let wallSeconds: Double
        /// The peak memory of its whole process tree, in bytes: the cgroup's own peak, or where none could be made
        /// the highest resident memory of the tree sampled every 20 ms.
        public let peakMemoryBytes: Int64?
        /// Bytes it wrote to standard output.
        public let outputBytes: Int64
        /// Its standard error (the last MiB).
        public let stderr: String
        /// Bytes of standard error dropped from the start.
        public let stderrDropped: Int64

        /// The last `bytes` of standard error, what a team is shown.
        public func stderrTail(_ bytes: Int = 4096) -> String { Self.tail(of: stderr, bytes: bytes) }

        /// The last `bytes` of `text` (UTF-8).
        public static func tail(of text: String, bytes: Int) -> String {
            String(decoding: Data(text.utf8).suffix(bytes), as: UTF8.self)
        }
    }

    /// Why the sandbox cannot run here, or nil when it can (checked once, with a real run of `true`).
    public static let unavailableReason: String? = {
        guard let bwrap = executable("bwrap") else {
            return "bubblewrap (bwrap) is not installed; on Debian: apt-get install bubblewrap"
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-probe-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
        else { return "no temporary folder" }
        chmod(folder, 0o755)
        let probe = Request(
            code: folder, arguments: ["/usr/bin/env", "true"], input: nil, output: "\(folder)/out",
            limits: SandboxLimits(wallSeconds: 10, memoryMB: 64))
        guard let run = try? Sandbox.run(probe), run.outcome == .finished else {
            return "\(bwrap) cannot make its namespaces here (user namespaces may be disabled)"
        }
        return nil
    }()

    /// Whether a private cgroup limits and measures each run (root, cgroup v1 `memory` and `pids`).
    public static var usesControlGroups: Bool { ControlGroup.available && geteuid() == 0 }

    /// Runs `request` and reports how it ended; in a cgroup of its own when `controlGroup` (where one can be made),
    /// else with rlimits and the resident memory of its tree sampled.
    public static func run(_ request: Request, controlGroup: Bool = usesControlGroups) throws -> Run {
        let group = controlGroup && usesControlGroups ? ControlGroup(name: "run-\(UUID().uuidString)") : nil
        if let group { try group.create(limits: request.limits) }
        let child = ChildProcess(
            argv: command(request, joining: group), environment: ["PATH=/usr/bin:/bin"], input: request.input,
            output: request.output, limits: request.limits)
        var stopped = false
        let sampled = group == nil ? ResidentPeak() : nil
        let result = try child.run(
            stop: { pid in
                kill(-pid, SIGKILL)
                if let group, !stopped {
                    group.killAll()
                    stopped = true
                }
            }, sample: sampled.map { peak in { pid, seconds in peak.sample(pid, at: seconds) } })
        let peak = group?.peakBytes ?? sampled.map(\.bytes)
        let oom = group?.hadOOMKill ?? false
        group?.killAllAndRemove()
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        return Run(
            outcome: outcome(of: result, oomKilled: oom, limited: group != nil, stderr: stderr, limits: request.limits),
            wallSeconds: result.wallSeconds, peakMemoryBytes: peak, outputBytes: result.outputBytes, stderr: stderr,
            stderrDropped: result.stderrDropped)
    }

    private static func outcome(
        of result: ChildProcess.Result, oomKilled: Bool, limited byGroup: Bool, stderr: String, limits: SandboxLimits
    ) -> SandboxOutcome {
        if result.timedOut { return .timeLimitExceeded(seconds: limits.wallSeconds) }
        if result.outputTooLarge { return .outputTooLarge(bytes: limits.outputBytes) }
        let megabytes = Int(limits.memoryBytes >> 20)
        if oomKilled { return .memoryLimitExceeded(megabytes: megabytes) }
        let status = result.status ?? 0
        let signal = status & 0x7F
        if signal != 0 { return .killed(signal: signal) }
        let code = (status >> 8) & 0xFF
        if code == 0 { return .finished }
        // Under RLIMIT_AS an allocation fails instead of the kernel killing: the program says so as it dies.
        if !byGroup && (stderr.contains("MemoryError") || stderr.contains("Cannot allocate memory")) {
            return .memoryLimitExceeded(megabytes: megabytes)
        }
        // bubblewrap exits with 128 + N when the program was killed by signal N.
        return code > 128 ? .killed(signal: code - 128) : .exited(status: code)
    }

    /// `sh` joins the run's cgroup and execs the rest: rlimits (prlimit), the unprivileged user (setpriv,
    /// as root), then bubblewrap and the program.
    static func command(_ request: Request, joining group: ControlGroup?) -> [String] {
        let limits = request.limits
        var argv = [
            "/bin/sh", "-c", #"for f in "$1" "$2"; do [ -z "$f" ] || echo $$ > "$f"; done; shift 2; exec "$@""#,
        ]
        argv += ["sh", group?.procsFiles[0] ?? "", group?.procsFiles[1] ?? ""]
        argv += [executable("prlimit") ?? "/usr/bin/prlimit", "--nofile=\(limits.openFiles)", "--core=0"]
        argv += ["--fsize=\(max(limits.outputBytes, limits.tmpBytes))"]
        if group == nil { argv += ["--as=\(limits.memoryBytes)", "--nproc=\(limits.processes)"] }
        argv.append("--")
        if geteuid() == 0 {
            argv += [
                executable("setpriv") ?? "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "--",
            ]
        }
        argv += [executable("bwrap") ?? "/usr/bin/bwrap"] + bubblewrapOptions(request) + ["--"] + request.arguments
        return argv
    }

    /// The namespaces and the file system the program sees.
    static func bubblewrapOptions(_ request: Request) -> [String] {
        var options = ["--unshare-all"]
        if request.limits.network { options.append("--share-net") }
        options += ["--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL"]
        let environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "TMPDIR": "/tmp"]
        for (name, value) in environment.merging(request.environment, uniquingKeysWith: { $1 }).sorted(by: {
            $0.key < $1.key
        }) {
            options += ["--setenv", name, value]
        }
        options += ["--ro-bind", "/usr", "/usr"]
        for top in ["bin", "sbin", "lib", "lib32", "lib64", "libx32"] {
            let path = "/\(top)"
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                options += ["--symlink", target, path]
            } else if FileManager.default.fileExists(atPath: path) {
                options += ["--ro-bind", path, path]
            }
        }
        for file in ["/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/ssl", "/etc/ca-certificates"] {
            options += ["--ro-bind-try", file, file]
        }
        if request.limits.network {
            for file in ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf"] {
                options += ["--ro-bind-try", file, file]
            }
        }
        options += ["--proc", "/proc", "--dev", "/dev"]
        options += ["--size", "\(request.limits.tmpBytes)", "--tmpfs", "/tmp"]
        options += ["--ro-bind", request.code, "/code", "--chdir", "/code"]
        options += ["--remount-ro", "/"]
        return options
    }

    /// The absolute path of `name` on PATH, or in /usr/bin and /usr/sbin.
    static func executable(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/usr/sbin:/bin:/sbin"
        for folder in path.split(separator: ":") where access("\(folder)/\(name)", X_OK) == 0 {
            return "\(folder)/\(name)"
        }
        return nil
    }
}
