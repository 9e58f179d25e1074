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
                let signalTimes = Mutex<[Double]>([])
                DispatchQueue.concurrentPerform(iterations: max(1, workers)) { index in
                    do {
                        counts.add(
                            try platform.scoring.work(
                                worker: "\(host):\(pid):\(index)", once: once, kinds: kinds,
                                observe: {
                                    outcome in
                                    if let seconds = outcome.signalSeconds {
                                        signalTimes.withLock { $0.append(seconds) }
                                    }
                                }))
                    } catch {
                        Output.error("worker \(index): \(error)")
                        failures.add(1)
                    }
                }
                let signals = SignalTimes(signalTimes.withLock { $0 })
                if options.json {
                    Output.json(
                        [
                            "scored": .int(counts.value), "worker_errors": .int(failures.value),
                            "signal_ms_mean": .double(signals.meanMilliseconds),
                            "signal_ms_p99": .double(signals.p99Milliseconds),
                        ])
                } else {
                    Output.line(
                        "scored \(counts.value) submission\(counts.value == 1 ? "" : "s")"
                            + (signals.count > 0
                                ? String(
                                    format: "; fair-play signals %.2f ms a job (p99 %.2f ms)", signals.meanMilliseconds,
                                    signals.p99Milliseconds) : ""))
                }
                if failures.value > 0 { throw ExitCode(1) }
            }
        }
    }
}

/// The time each scored job spent on its round's fair-play signals.
struct SignalTimes {
    let count: Int
    let meanMilliseconds: Double
    let p99Milliseconds: Double

    init(_ seconds: [Double]) {
        let sorted = seconds.sorted()
        count = sorted.count
        meanMilliseconds = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count) * 1000
        p99Milliseconds = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)] * 1000
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let total = Mutex(0)

    func add(_ amount: Int) { total.withLock { $0 += amount } }

    var value: Int { total.withLock { $0 } }
}
