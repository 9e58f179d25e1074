import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private cgroup (v1 `memory` and `pids` hierarchies) for one run: it caps the memory of the whole
/// process tree (the kernel kills inside it at the limit), caps its processes (a fork bomb stops there),
/// keeps the exact peak (`memory.max_usage_in_bytes`) and counts OOM kills; and it lists every process
/// of the run, so none survives its end.
struct ControlGroup {
    /// Where the hierarchies are mounted.
    static let root = "/sys/fs/cgroup"
    /// The parent group of all runs.
    static let parent = "podium-sandbox"

    let memory: String
    let pids: String

    /// Whether this process may make cgroups here (root, with v1 `memory` and `pids` mounted writable). Checked
    /// once per process, which also removes the empty groups of runs whose worker was killed (a group with a live
    /// process, another worker's run, refuses to be removed).
    static let available: Bool = {
        for hierarchy in ["memory", "pids"] {
            let folder = "\(root)/\(hierarchy)/\(parent)"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where name.hasPrefix("run-") {
                rmdir("\(folder)/\(name)")
            }
        }
        let probe = ControlGroup(name: "probe-\(getpid())-\(UUID().uuidString.prefix(8))")
        guard (try? probe.create(limits: SandboxLimits(wallSeconds: 1, memoryMB: 16))) != nil else { return false }
        probe.remove()
        return true
    }()

    init(name: String) {
        memory = "\(Self.root)/memory/\(Self.parent)/\(name)"
        pids = "\(Self.root)/pids/\(Self.parent)/\(name)"
    }

    /// Makes both groups and sets their limits (memory and swap alike, so nothing spills to swap).
    func create(limits: SandboxLimits) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: memory, withIntermediateDirectories: true)
        try manager.createDirectory(atPath: pids, withIntermediateDirectories: true)
        try write("\(limits.memoryBytes)", to: "\(memory)/memory.limit_in_bytes")
        if manager.fileExists(atPath: "\(memory)/memory.memsw.limit_in_bytes") {
            try write("\(limits.memoryBytes)", to: "\(memory)/memory.memsw.limit_in_bytes")
        }
        try write("\(limits.processes)", to: "\(pids)/pids.max")
    }

    /// The files a process writes its pid to, to join both groups.
    var procsFiles: [String] { ["\(memory)/cgroup.procs", "\(pids)/cgroup.procs"] }

    /// The highest memory use of the run, in bytes.
    var peakBytes: Int64? { Int64(read("\(memory)/memory.max_usage_in_bytes")) }

    /// Whether the kernel killed a process of the run for memory.
    var hadOOMKill: Bool {
        let control = read("\(memory)/memory.oom_control")
        for line in control.split(separator: "\n") where line.hasPrefix("oom_kill ") {
            return (Int(line.dropFirst("oom_kill ".count)) ?? 0) > 0
        }
        return (Int(read("\(memory)/memory.failcnt")) ?? 0) > 0 && control.contains("under_oom 1")
    }

    /// Kills every process left in the run, until none is, then removes both groups.
    func killAllAndRemove() {
        killAll()
        remove()
    }

    /// Kills every process left in the run, until none is.
    func killAll() {
        for _ in 0..<1_000 {
            let members = Set(
                (read("\(memory)/cgroup.procs") + "\n" + read("\(pids)/cgroup.procs")).split(separator: "\n")
                    .compactMap { pid_t($0) })
            if members.isEmpty { break }
            for pid in members { kill(pid, SIGKILL) }
            usleep(2_000)
        }
    }

    private func remove() {
        rmdir(memory)
        rmdir(pids)
    }

    private func read(_ path: String) -> String {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func write(_ value: String, to path: String) throws {
        try value.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
