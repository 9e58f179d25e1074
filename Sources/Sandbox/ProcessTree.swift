import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The resident memory of a process and all its descendants, read from `/proc`: how a run's peak is measured
/// where no cgroup can keep it (not root), sampled by the parent at least every 20 ms.
enum ProcessTree {
    /// Bytes resident in `root` and every process descended from it now.
    static func residentBytes(of root: pid_t) -> Int64 {
        var children: [pid_t: [pid_t]] = [:]
        var resident: [pid_t: Int64] = [:]
        let pageSize = Int64(sysconf(Int32(_SC_PAGESIZE)))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let (parent, pages) = stat(of: pid) else { continue }
            children[parent, default: []].append(pid)
            resident[pid] = pages * pageSize
        }
        var total: Int64 = 0
        var pending = [root]
        var seen = Set<pid_t>()
        while let pid = pending.popLast() {
            guard seen.insert(pid).inserted else { continue }
            total += resident[pid] ?? 0
            pending += children[pid] ?? []
        }
        return total
    }

    /// A process's parent and resident pages, from `/proc/PID/stat` (fields after the command's closing parenthesis:
    /// state, ppid, …, rss is the 22nd of them).
    private static func stat(of pid: pid_t) -> (parent: pid_t, pages: Int64)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let close = data.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        let fields = data[(close + 1)...].split(separator: UInt8(ascii: " "))
        guard fields.count > 21, let parent = pid_t(String(decoding: fields[1], as: UTF8.self)),
            let pages = Int64(String(decoding: fields[21], as: UTF8.self))
        else { return nil }
        return (parent, pages)
    }
}

/// The highest resident memory of a run's process tree, sampled at most every `interval` seconds.
final class ResidentPeak {
    private let interval: Double
    private var last: Double = -.infinity
    private(set) var bytes: Int64 = 0

    init(interval: Double = 0.02) { self.interval = interval }

    /// Samples the tree under `root` unless the last sample is younger than the interval.
    func sample(_ root: pid_t, at seconds: Double) {
        guard seconds - last >= interval else { return }
        last = seconds
        bytes = max(bytes, ProcessTree.residentBytes(of: root))
    }
}
