import Foundation
import Logging
import Platform
import ServiceLifecycle
import Storage
import Synchronization

/// The scoring workers of `podium serve`, as one service of the application: each worker scores on a thread of
/// its own until graceful shutdown, when it finishes the job in hand and stops (a job not yet claimed stays
/// queued; a job cut short by a harder stop is left to its lease and scored again, never lost). A worker that
/// fails (the database away for a moment) logs why and starts again a second later instead of dying quietly.
/// Code workers claim only code jobs, in slots of their own.
public struct ScoringWorkersService: Service {
    let platform: Platform
    let count: Int
    let codeCount: Int
    let metrics: ServerMetrics?
    let logger: Logger

    /// `count` file workers and `codeCount` code workers on `platform`, recording each job in `metrics`.
    public init(platform: Platform, count: Int, codeCount: Int = 0, metrics: ServerMetrics?, logger: Logger) {
        self.platform = platform
        self.count = count
        self.codeCount = codeCount
        self.metrics = metrics
        self.logger = logger
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        // A service that returns ends the application: with no workers, this one waits for the shutdown.
        guard count + codeCount > 0 else { return try await gracefulShutdown() }
        let stop = Atomic<Bool>(false)
        let stopped: @Sendable () -> Bool = { stop.load(ordering: .relaxed) }
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withTaskGroup(of: Void.self) { group in
                    for index in 0..<(count + codeCount) {
                        let kinds: [JobKind] = index < count ? [.files] : [.code]
                        group.addTask { await runWorker(index, kinds: kinds, stopped: stopped) }
                    }
                }
            } onGracefulShutdown: {
                stop.store(true, ordering: .relaxed)
            }
        } onCancel: {
            stop.store(true, ordering: .relaxed)
        }
        logger.info("scoring workers stopped")
    }

    private func runWorker(_ index: Int, kinds: [JobKind], stopped: @escaping @Sendable () -> Bool) async {
        let host = ProcessInfo.processInfo.hostName
        let slot = kinds == [.code] ? "code" : "serve"
        let worker = "\(host):\(ProcessInfo.processInfo.processIdentifier):\(slot)\(index)"
        while !stopped() {
            do {
                try await DedicatedThread.run(name: "podium-worker-\(index)") { [platform, metrics] in
                    try platform.scoring.work(worker: worker, once: false, kinds: kinds, shouldStop: stopped) {
                        metrics?.job($0)
                    }
                }
            } catch {
                logger.error("worker \(index) failed, starting again in 1 s: \(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
