import ArgumentParser
import Dispatch
import Foundation
import Platform
import Sandbox
import Storage
import Synchronization
import Tabular

extension Podium {
    /// `podium work`.
    struct Work: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run scoring workers on the data folder's queue (several processes may share one database).")

        @Flag(help: "Score everything queued, then exit.")
        var once = false

        @Option(help: "Worker threads in this process (default: 1).")
        var workers = 1

        @Option(help: "Seconds a claimed job stays leased without a heartbeat (default: 30).")
        var lease = 30.0

        @Flag(help: "Run code submissions in the sandbox (only code jobs; bubblewrap must run here).")
        var code = false

        @OptionGroup var options: PlatformOptions

        func run() throws {
            try options.run {
                if code, let reason = Sandbox.unavailableReason {
                    throw ValidationError("--code: this machine cannot run the sandbox: \(reason)")
                }
                let platform = try options.platform(lease: lease)
                let kinds: [JobKind] = code ? [.code] : [.files]
                let host = ProcessInfo.processInfo.hostName
                let pid = ProcessInfo.processInfo.processIdentifier
                let counts = Counter()
                let failures = Counter()
                DispatchQueue.concurrentPerform(iterations: max(1, workers)) { index in
                    do {
                        counts.add(
                            try platform.scoring.work(worker: "\(host):\(pid):\(index)", once: once, kinds: kinds))
                    } catch {
                        Output.error("worker \(index): \(error)")
                        failures.add(1)
                    }
                }
                if options.json {
                    Output.json(["scored": .int(counts.value), "worker_errors": .int(failures.value)])
                } else {
                    Output.line("scored \(counts.value) submission\(counts.value == 1 ? "" : "s")")
                }
                if failures.value > 0 { throw ExitCode(1) }
            }
        }
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let total = Mutex(0)

    func add(_ amount: Int) { total.withLock { $0 += amount } }

    var value: Int { total.withLock { $0 } }
}
