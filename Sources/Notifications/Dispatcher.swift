import Foundation
import Storage

/// Delivers the outbox: for each target, its oldest pending delivery first (so a chat hears events in
/// order), retrying network errors, 5xx and 429 with exponential backoff and jitter (honouring
/// Retry-After and Telegram's retry_after), and dead-lettering other 4xx answers and deliveries out of
/// attempts, with the last response kept for the organisers.
public final class Dispatcher: Sendable {
    /// Settings.
    public struct Options: Sendable {
        /// Attempts before a delivery goes to dead-letter.
        public var maxAttempts = 8
        /// First retry delay.
        public var baseDelay: TimeInterval = 2
        /// Longest retry delay.
        public var maxDelay: TimeInterval = 600
        /// Connect timeout.
        public var connectTimeout: TimeInterval = 5
        /// Whole-request timeout.
        public var totalTimeout: TimeInterval = 15
        /// The clock.
        public var now: @Sendable () -> Date = { Date() }
        /// Where secrets come from.
        public var environment: @Sendable () -> [String: String] = { ProcessInfo.processInfo.environment }

        /// The defaults.
        public init() {}
    }

    /// Whether a target takes an event, read in the outbox's transaction.
    typealias Accepts = (EventRecord, any StoreReader) throws -> Bool

    let outbox: Outbox
    let targets: [NotifyTarget]
    let competitions: @Sendable (String) -> (title: String, language: String)
    let options: Options

    /// A dispatcher for `targets`; `competitions` names a competition's title and language.
    public init(
        store: any Store, targets: [NotifyTarget], options: Options = Options(),
        competitions: @escaping @Sendable (String) -> (title: String, language: String)
    ) {
        outbox = Outbox(store: store)
        self.targets = targets
        self.options = options
        self.competitions = competitions
    }

    /// Fans out new events and makes one pass over every target's queue; returns deliveries attempted (0
    /// while another process holds the event's notifier lock: one dispatcher delivers for every replica).
    @discardableResult
    public func runOnce() throws -> Int {
        // One dispatcher for the whole event, however many replicas run one: the others wait their turn.
        guard try outbox.store.holdsLock("notifier") else { return 0 }
        var attempted = 0
        let alerts = PersonalAlerts(store: outbox.store)
        let everyTarget: [(target: NotifyTarget, accepts: Accepts)] =
            targets.map { target in
                (target, { event, _ in target.accepts(type: event.type, competition: event.competition) })
            }
            + (try alerts.targets(bots: targets))
        for (target, accepts) in everyTarget {
            try outbox.fanOut(target: target.name, accepts: accepts, now: options.now())
            while let (delivery, event) = try outbox.due(target: target.name, now: options.now()) {
                attempted += 1
                let note = target.name.hasPrefix("alert/") ? alerts.note(for: event) : nil
                // The head waits: later events wait behind it.
                if try !attempt(delivery, event, target, note: note) { break }
            }
        }
        return attempted
    }

    /// Runs until `shouldStop`, polling every `interval` seconds.
    public func run(interval: TimeInterval = 1, shouldStop: @Sendable () -> Bool) {
        while !shouldStop() {
            _ = try? runOnce()
            Thread.sleep(forTimeInterval: interval)
        }
    }

    /// One attempt; true when the delivery left the queue (delivered or dead).
    func attempt(_ delivery: DeliveryRecord, _ event: EventRecord, _ target: NotifyTarget, note: String? = nil)
        throws -> Bool
    {
        let (title, language) = competitions(event.competition)
        let environment = options.environment()
        guard
            let request = Payloads.request(
                event, to: target, title: title, language: language, environment: environment, note: note)
        else {
            let reason = target.endpoint(environment).1 ?? "not configured"
            try outbox.failed(delivery.id!, status: 0, response: reason, next: nil)
            return true
        }
        let result = HTTPPoster.post(
            url: request.url, headers: request.headers, body: request.body, connectTimeout: options.connectTimeout,
            totalTimeout: options.totalTimeout)
        let now = options.now()
        if (200..<300).contains(result.status) {
            try outbox.delivered(delivery.id!, status: result.status, response: result.body, now: now)
            return true
        }
        let retryable = result.status == 0 || result.status == 429 || result.status >= 500
        if !retryable || delivery.attempts + 1 >= options.maxAttempts {
            try outbox.failed(delivery.id!, status: result.status, response: result.body, next: nil)
            return true
        }
        var delay = min(options.maxDelay, options.baseDelay * pow(2, Double(delivery.attempts)))
        delay *= Double.random(in: 0.8...1.2)  // jitter: many waiting targets do not retry in step
        if let asked = result.retryAfter ?? Self.telegramRetryAfter(result.body) { delay = max(delay, asked) }
        try outbox.failed(
            delivery.id!, status: result.status, response: result.body, next: now.addingTimeInterval(delay))
        return false
    }

    /// Telegram's `{"parameters": {"retry_after": N}}`.
    static func telegramRetryAfter(_ body: String) -> Double? {
        (try? JSONDecoder().decode(TelegramRefusal.self, from: Data(body.utf8)))?.parameters?.retryAfter
    }

    /// What Telegram answers when it wants a client to slow down.
    private struct TelegramRefusal: Decodable {
        let parameters: Parameters?

        struct Parameters: Decodable {
            let retryAfter: Double?

            enum CodingKeys: String, CodingKey { case retryAfter = "retry_after" }
        }
    }
}
