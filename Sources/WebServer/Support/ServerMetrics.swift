import CoreMetrics
import Foundation
import Platform
import Prometheus
import Synchronization

/// What `/metrics` exposes, recorded through swift-metrics into a Prometheus registry of this server's own (no
/// global bootstrap, so two servers in one process, as in the tests, keep apart): HTTP requests and their
/// durations by route, method and status, every error, the queue depth, and each scoring job's time and latency.
public final class ServerMetrics: Sendable {
    /// The registry the exposition is written from.
    public let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    private let requests = Mutex<[RequestKey: RequestMetrics]>([:])
    private let jobs = Mutex<[JobOutcome.Result: JobMetrics]>([:])
    private let queueDepth: CoreMetrics.Gauge
    private let scoringLatency: CoreMetrics.Timer

    struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct RequestMetrics {
        let count: CoreMetrics.Counter
        let duration: CoreMetrics.Timer
        let errors: CoreMetrics.Counter?
    }

    struct JobMetrics {
        let count: CoreMetrics.Counter
        let duration: CoreMetrics.Timer
    }

    /// A registry with Podium's metric names and histogram buckets.
    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let fast: [Duration] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map {
            .nanoseconds(Int64($0 * 1e9))
        }
        let slow: [Duration] = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900].map {
            .nanoseconds(Int64($0 * 1e9))
        }
        factory.defaultDurationHistogramBuckets = fast
        factory.durationHistogramBuckets = [
            "podium_scoring_duration_seconds": slow, "podium_scoring_latency_seconds": slow,
        ]
        self.factory = factory
        queueDepth = CoreMetrics.Gauge(label: "podium_queue_depth", factory: factory)
        scoringLatency = CoreMetrics.Timer(
            label: "podium_scoring_latency_seconds", preferredDisplayUnit: .seconds, factory: factory)
    }

    /// Counts one answered request, and one error when it failed (4xx, 5xx or thrown).
    func request(method: String, route: String, status: Int, seconds: Double) {
        let key = RequestKey(method: method, route: route, status: status)
        let metrics = requests.withLock { cache in
            if let metrics = cache[key] { return metrics }
            let dimensions = [("method", method), ("route", route), ("status", String(status))]
            let metrics = RequestMetrics(
                count: CoreMetrics.Counter(
                    label: "podium_http_requests_total", dimensions: dimensions, factory: factory),
                duration: CoreMetrics.Timer(
                    label: "podium_http_request_duration_seconds", dimensions: dimensions,
                    preferredDisplayUnit: .seconds, factory: factory),
                errors: status >= 400
                    ? CoreMetrics.Counter(
                        label: "podium_http_request_errors_total", dimensions: dimensions, factory: factory) : nil)
            cache[key] = metrics
            return metrics
        }
        metrics.count.increment()
        metrics.duration.recordNanoseconds(Int64(seconds * 1e9))
        metrics.errors?.increment()
    }

    /// Records one scoring job of this process's workers.
    public func job(_ outcome: JobOutcome) {
        let metrics = jobs.withLock { cache in
            if let metrics = cache[outcome.result] { return metrics }
            let dimensions = [("result", outcome.result.rawValue)]
            let metrics = JobMetrics(
                count: CoreMetrics.Counter(
                    label: "podium_scoring_jobs_total", dimensions: dimensions, factory: factory),
                duration: CoreMetrics.Timer(
                    label: "podium_scoring_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds,
                    factory: factory))
            cache[outcome.result] = metrics
            return metrics
        }
        metrics.count.increment()
        metrics.duration.recordNanoseconds(Int64(outcome.seconds * 1e9))
        if let latency = outcome.latency { scoringLatency.recordNanoseconds(Int64(latency * 1e9)) }
    }

    /// The exposition text, with the queue depth read now (`depth`: jobs waiting in the whole event).
    func exposition(queueDepth depth: Int) -> [UInt8] {
        queueDepth.record(depth)
        return registry.emitToBuffer()
    }
}
