import Foundation
import Logging
import Notifications
import Platform
import ServiceLifecycle

/// The notifier of `podium serve`, as a service of the application: once a second it emits the scheduled events
/// (closing soon, the digest) and delivers the outbox. It is stopped last, after the HTTP server and the workers,
/// and makes one more pass then, so the events of the last jobs scored go out before the process ends.
public struct NotifierService: Service {
    let platform: Platform
    let dispatcher: Dispatcher
    let schedule: Platform.ScheduleOptions
    let interval: Duration
    let logger: Logger

    /// Delivers through `dispatcher` every `interval`.
    public init(
        platform: Platform, dispatcher: Dispatcher, schedule: Platform.ScheduleOptions = .init(),
        interval: Duration = .seconds(1), logger: Logger
    ) {
        self.platform = platform
        self.dispatcher = dispatcher
        self.schedule = schedule
        self.interval = interval
        self.logger = logger
    }

    /// Runs until graceful shutdown (then one last pass) or cancellation.
    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await pass()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        if !Task.isCancelled { await pass() }
        logger.info("notifier stopped")
    }

    private func pass() async {
        do {
            _ = try await blocking { [platform, dispatcher, schedule] () throws -> Int in
                try platform.organisers.emitScheduledEvents(schedule)
                return try dispatcher.runOnce()
            }
        } catch {
            logger.error("notifier: \(error)")
        }
    }
}
