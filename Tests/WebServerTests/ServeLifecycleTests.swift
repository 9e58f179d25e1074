import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notifications
import Platform
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing
import WebServer

/// The scoring workers and the notifier as services of the application, in-process: they start with the server,
/// score and deliver while it runs, and stop with it in order (server, workers, then the notifier's last pass).
@Suite(.serialized, .ownThreads)
struct ServeLifecycleTests {
    @Test func workersScoreAndTheNotifiersLastPassDeliversAtShutdown() async throws {
        let harness = try await WebHarness.make()
        let alpha = try harness.team("alpha")
        try harness.open()
        let receiver = Receiver()
        try await receiver.run { url in
            let target = try #require(NotifyTarget.fromFlag("webhook=\(url)/hook", index: 0))
            let dispatcher = Dispatcher(store: harness.platform.store, targets: [target]) { ($0, "en") }
            let metrics = ServerMetrics()
            // A notifier that would not pass again for a minute: only its pass at shutdown can deliver the score.
            let services: [any Service] = [
                NotifierService(
                    platform: harness.platform, dispatcher: dispatcher, interval: .seconds(60),
                    logger: WebHarness.logger),
                ScoringWorkersService(
                    platform: harness.platform, count: 2, metrics: metrics, logger: WebHarness.logger),
            ]
            let app = try await harness.application(metrics: metrics, services: services)
            let shutdown = Mutex<ContinuousClock.Instant?>(nil)
            let id = try await app.test(.live) { client -> Int64 in
                let (body, type) = WebHarness.multipart(files: [("k.csv", WebHarness.example("knn/qualifying.csv"))])
                let accepted = try await client.execute(
                    uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                    headers: WebHarness.headers(token: alpha, contentType: type), body: body)
                #expect(accepted.status == .accepted)
                let id = try #require(WebHarness.json(accepted.body)["id"] as? Int).int64
                var status = ""
                for _ in 0..<200 where status != "scored" {
                    try await Task.sleep(for: .milliseconds(25))
                    status = try harness.platform.submissions.submission(id)?.status.rawValue ?? ""
                }
                #expect(status == "scored", "the workers, run as services, scored the upload")
                // The worker counts the job just after its transaction commits: the status can show first.
                var exposition = ""
                for _ in 0..<200 where !exposition.contains("podium_scoring_jobs_total{result=\"scored\"} 1") {
                    exposition = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                    try await Task.sleep(for: .milliseconds(25))
                }
                #expect(exposition.contains("podium_scoring_jobs_total{result=\"scored\"} 1"))
                #expect(exposition.contains("podium_scoring_latency_seconds_count 1"))
                shutdown.withLock { $0 = .now }  // the client is done: the service group stops from here
                return id
            }
            // app.test returns once the service group has stopped: the server, the workers, then the notifier.
            let stopping = try #require(shutdown.withLock { $0 })
            #expect(ContinuousClock.now - stopping < .seconds(30), "shutdown did not wait for the notifier's interval")
            let scored = receiver.requests.filter { $0.json["type"] as? String == "submission.scored" }
            #expect(scored.count == 1, "the notifier's last pass delivered the score")
            #expect((scored.first?.json["data"] as? [String: Any])?["submission"] as? Int == Int(id))
        }
    }

    /// `podium serve --workers 0` (a web-only replica): a service that returned at once would end the server.
    @Test func noWorkersStillServesUntilShutdown() async throws {
        let harness = try await WebHarness.make()
        let services: [any Service] = [
            ScoringWorkersService(platform: harness.platform, count: 0, metrics: nil, logger: WebHarness.logger)
        ]
        let app = try await harness.application(services: services)
        try await app.test(.live) { client in
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}

extension Int {
    fileprivate var int64: Int64 { Int64(self) }
}
