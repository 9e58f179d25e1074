import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import TestSupport
import Testing

/// The JSON API: in-process through the router (`.router`) and on a real server on a free loopback
/// port (`.live`).
@Suite(.serialized, .ownThreads)
struct APITests {
    let path = "/api/v1/competitions/nti-digits/rounds/qualifying"

    @Test func uploadIsAcceptedScoredAndOnlyItsTeamCanReadIt() async throws {
        let harness = try await WebHarness.make()
        let alpha = try harness.team("alpha")
        let beta = try harness.team("beta")
        try harness.open()
        let app = try await harness.application()
        try await app.test(.live) { client in
            let (body, type) = WebHarness.multipart(
                files: [("logreg.csv", WebHarness.example("logreg/qualifying.csv"))], fields: ["message": "first"])
            let accepted = try await client.execute(
                uri: "\(path)/submissions", method: .post, headers: WebHarness.headers(token: alpha, contentType: type),
                body: body)
            #expect(accepted.status == .accepted)
            let object = WebHarness.json(accepted.body)
            let id = object["id"] as! Int
            #expect(object["status"] as? String == "queued")
            #expect((object["quota"] as? [String: Any])?["used"] as? Int == 1)
            try harness.platform.scoring.work(worker: "test", once: true)
            let own = try await client.execute(
                uri: "/api/v1/submissions/\(id)", method: .get, headers: WebHarness.headers(token: alpha))
            #expect(own.status == .ok)
            #expect(WebHarness.json(own.body)["status"] as? String == "scored")
            #expect(WebHarness.json(own.body)["private_score"] == nil)  // never the private score to a team
            let other = try await client.execute(
                uri: "/api/v1/submissions/\(id)", method: .get, headers: WebHarness.headers(token: beta))
            #expect(other.status == .notFound)
            let list = try await client.execute(
                uri: "\(path)/submissions", method: .get, headers: WebHarness.headers(token: beta))
            #expect((WebHarness.json(list.body)["submissions"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func refusalsCarryTheirStatuses() async throws {
        let harness = try await WebHarness.make()
        harness.configuration.maxUploadBytes = 20_000
        let alpha = try harness.team("alpha")
        let app = try await harness.application()
        try await app.test(.live) { client in
            let (good, type) = WebHarness.multipart(files: [("p.csv", WebHarness.example("knn/qualifying.csv"))])
            // 401 without a token; 403 while the round is not open.
            #expect(
                try await client.execute(
                    uri: "\(path)/submissions", method: .post, headers: WebHarness.headers(contentType: type),
                    body: good
                ).status == .unauthorized)
            #expect(
                try await client.execute(
                    uri: "\(path)/submissions", method: .post,
                    headers: WebHarness.headers(token: "wrong", contentType: type), body: good
                ).status == .unauthorized)
            let closed = try await client.execute(
                uri: "\(path)/submissions", method: .post, headers: WebHarness.headers(token: alpha, contentType: type),
                body: good)
            #expect(closed.status == .forbidden)
            #expect((WebHarness.json(closed.body)["error"] as? [String: Any])?["code"] as? String == "round_closed")
            try harness.open()
            // 422 with every problem, nothing charged.
            let (broken, brokenType) = WebHarness.multipart(files: [("b.csv", WebHarness.example("broken.csv"))])
            let invalid = try await client.execute(
                uri: "\(path)/submissions", method: .post,
                headers: WebHarness.headers(token: alpha, contentType: brokenType), body: broken)
            #expect(invalid.status == .unprocessableContent)
            let details = (WebHarness.json(invalid.body)["error"] as? [String: Any])?["details"] as? [[String: Any]]
            #expect(details?.count == 4)
            #expect(
                details?.contains {
                    $0["line"] as? Int == 4 && ($0["message"] as? String)?.contains("\"seven\"") == true
                } == true)
            // 413 over the size limit.
            let big = Data(repeating: UInt8(ascii: "a"), count: 200_000)
            let (large, largeType) = WebHarness.multipart(files: [("big.csv", big)])
            #expect(
                try await client.execute(
                    uri: "\(path)/submissions", method: .post,
                    headers: WebHarness.headers(token: alpha, contentType: largeType), body: large
                ).status == .contentTooLarge)
            // 202 five times, then 429 with Retry-After and resets_at.
            for _ in 0..<5 {
                #expect(
                    try await client.execute(
                        uri: "\(path)/submissions", method: .post,
                        headers: WebHarness.headers(token: alpha, contentType: type), body: good
                    ).status == .accepted)
            }
            let over = try await client.execute(
                uri: "\(path)/submissions", method: .post, headers: WebHarness.headers(token: alpha, contentType: type),
                body: good)
            #expect(over.status == .tooManyRequests)
            #expect(Int(over.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect((WebHarness.json(over.body)["error"] as? [String: Any])?["resets_at"] is String)
        }
    }

    @Test func privateBoardIsHiddenUntilRevealExceptForOrganisers() async throws {
        let harness = try await WebHarness.make()
        let alpha = try harness.team("alpha")
        let app = try await harness.application()
        try await app.test(.live) { client in
            let board = "\(path)/leaderboard?board=private"
            #expect(
                try await client.execute(uri: board, method: .get, headers: WebHarness.headers(token: alpha)).status
                    == .forbidden)
            #expect(try await client.execute(uri: board, method: .get).status == .forbidden)
            #expect(
                try await client.execute(
                    uri: board, method: .get, headers: WebHarness.headers(token: WebHarness.organiserToken)
                ).status == .ok)
            _ = try harness.platform.organisers.act("close", competition: "nti-digits", round: "qualifying", actor: "t")
            _ = try harness.platform.organisers.act(
                "reveal", competition: "nti-digits", round: "qualifying", actor: "t")
            #expect(try await client.execute(uri: board, method: .get).status == .ok)
            let csv = try await client.execute(uri: "\(path)/leaderboard.csv", method: .get)
            #expect(String(buffer: csv.body).hasPrefix("rank,team,score,digits,entries,submitted_at"))
        }
    }

    @Test func organiserEndpointsRefuseParticipants() async throws {
        let harness = try await WebHarness.make()
        let alpha = try harness.team("alpha")
        let app = try await harness.application()
        try await app.test(.router) { client in
            for uri in [
                "\(path)/open", "\(path)/close", "/api/v1/submissions/1/rescore", "/api/v1/submissions/1/disqualify",
            ] {
                #expect(
                    try await client.execute(uri: uri, method: .post, headers: WebHarness.headers(token: alpha)).status
                        == .forbidden, "\(uri)")
                #expect(try await client.execute(uri: uri, method: .post).status == .unauthorized, "\(uri)")
            }
            #expect(
                try await client.execute(
                    uri: "/api/v1/admin/deliveries", method: .get, headers: WebHarness.headers(token: alpha)
                ).status == .forbidden)
            let team = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/teams", method: .post,
                headers: WebHarness.headers(token: alpha, contentType: "application/json"),
                body: ByteBuffer(string: "{\"name\":\"x\"}"))
            #expect(team.status == .forbidden)
            let opened = try await client.execute(
                uri: "\(path)/open", method: .post, headers: WebHarness.headers(token: WebHarness.organiserToken))
            #expect(opened.status == .ok)
            #expect(WebHarness.json(opened.body)["state"] as? String == "open")
            let created = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/teams", method: .post,
                headers: WebHarness.headers(token: WebHarness.organiserToken, contentType: "application/json"),
                body: ByteBuffer(string: "{\"name\":\"delta\"}"))
            #expect(created.status == .created)
            #expect((WebHarness.json(created.body)["token"] as? String)?.hasPrefix("pdm_") == true)
            let events = try await client.execute(
                uri: "/api/v1/admin/deliveries", method: .get,
                headers: WebHarness.headers(token: WebHarness.organiserToken))
            #expect(
                (WebHarness.json(events.body)["events"] as? [[String: Any]])?.contains {
                    $0["type"] as? String == "round.opened"
                } == true)
        }
    }

    @Test func nothingUnderHiddenIsReachable() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.router) { client in
            let files = "/api/v1/competitions/nti-digits/files"
            #expect(try await client.execute(uri: "\(files)/train.csv", method: .get).status == .ok)
            for name in [
                "qualifying.csv", "..%2Fhidden%2Fqualifying.csv", "%2e%2e%2fhidden%2fqualifying.csv", "%2Fetc%2Fpasswd",
                "hidden%2Fqualifying.csv", "competition.yaml", "..", "%2e%2e",
            ] {
                let response = try await client.execute(uri: "\(files)/\(name)", method: .get)
                #expect(response.status == .notFound, "\(name)")
                #expect(!String(buffer: response.body).contains("Usage"), "\(name)")
            }
            // Dot segments are refused before routing (400) or match nothing (404): either way nothing is served.
            for uri in [
                "\(files)/../../hidden/qualifying.csv", "/static/../competitions/nti-digits/hidden/qualifying.csv",
                "/static/%2e%2e/competitions/nti-digits/hidden/qualifying.csv",
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect([.badRequest, .notFound].contains(response.status), "\(uri): \(response.status)")
                #expect(!String(buffer: response.body).contains("Usage"), "\(uri)")
            }
        }
    }

    @Test func aSymlinkToTheHiddenSolutionIsNotServed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linked-\(UUID())").path
        try FileManager.default.copyItem(
            atPath: WebHarness.repository.appendingPathComponent("competitions/nti-digits").path, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // An organiser's mistake: a "public" file that is a link to the answers.
        try FileManager.default.createSymbolicLink(
            atPath: "\(folder)/public/extra.csv", withDestinationPath: "\(folder)/hidden/qualifying.csv")
        let yaml = try String(contentsOfFile: "\(folder)/competition.yaml", encoding: .utf8)
            .replacingOccurrences(of: "files: [public/train.csv,", with: "files: [public/extra.csv, public/train.csv,")
        try yaml.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        let harness = try await WebHarness.make()
        let slug = try harness.load(folder).slug
        let app = try await harness.application()
        try await app.test(.live) { client in
            let response = try await client.execute(uri: "/api/v1/competitions/\(slug)/files/extra.csv", method: .get)
            #expect(response.status == .notFound)
            #expect(!String(buffer: response.body).contains("Usage"))
            #expect(
                try await client.execute(uri: "/api/v1/competitions/\(slug)/files/train.csv", method: .get).status
                    == .ok)
        }
    }

    @Test func healthMetricsAndRateLimit() async throws {
        let harness = try await WebHarness.make()
        harness.configuration.rateLimitBurst = 5
        harness.configuration.rateLimitPerSecond = 0.1
        let app = try await harness.application()
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for _ in 0..<8 {
                let response = try await client.execute(uri: "/api/v1/competitions", method: .get)
                statuses.append(response.status)
                if response.status == .tooManyRequests { retryAfter = response.headers[.retryAfter] }
            }
            #expect(statuses.filter { $0 == .ok }.count == 5)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 3)
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
            #expect(try await client.execute(uri: "/api/v1/submissions/nope", method: .get).status != .ok)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            let ok = "method=\"GET\",route=\"/api/v1/competitions\",status=\"200\""
            let limited = "method=\"GET\",route=\"/api/v1/competitions\",status=\"429\""
            #expect(metrics.contains("podium_http_requests_total{\(ok)} 5"))
            #expect(metrics.contains("podium_http_requests_total{\(limited)} 3"))
            #expect(metrics.contains("podium_http_request_errors_total{\(limited)} 3"))
            #expect(!metrics.contains("podium_http_request_errors_total{\(ok)}"), "a 200 is not an error")
            // A duration histogram per route and status: five observations, every one under the last bucket.
            #expect(metrics.contains("podium_http_request_duration_seconds_count{\(ok)} 5"))
            #expect(metrics.contains("podium_http_request_duration_seconds_bucket{\(ok),le=\"+Inf\"} 5"))
            #expect(metrics.contains("# TYPE podium_http_request_duration_seconds histogram"))
            // A route is its pattern, never the raw path with its id.
            #expect(metrics.contains("route=\"/api/v1/submissions/{id}\""))
            #expect(!metrics.contains("nope"))
            #expect(metrics.contains("podium_queue_depth 0"))
        }
    }
}

/// Final selections through the API and the shake-up on the revealed private page.
@Suite(.serialized, .ownThreads)
struct SelectionAndShakeUpTests {
    @Test func selectionsDecideThePrivateBoardAndThePageShowsTheMoves() async throws {
        let harness = try await WebHarness.make()
        let tokens = try ["alpha", "beta", "gamma"].map { try harness.team($0) }
        try harness.open()
        let app = try await harness.application()
        try await app.test(.live) { client in
            var ids: [Int] = []
            for (token, model) in zip(
                [tokens[0], tokens[1], tokens[2], tokens[2]], ["logreg", "forest", "naive_bayes", "knn"])
            {
                let (body, type) = WebHarness.multipart(files: [
                    ("\(model).csv", WebHarness.example("\(model)/qualifying.csv"))
                ])
                let response = try await client.execute(
                    uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                    headers: WebHarness.headers(token: token, contentType: type), body: body)
                ids.append(WebHarness.json(response.body)["id"] as! Int)
            }
            try harness.platform.scoring.work(worker: "w", once: true)
            let selection = "/api/v1/competitions/nti-digits/rounds/qualifying/selection"
            let json = WebHarness.headers(token: tokens[2], contentType: "application/json")
            let tooMany = try await client.execute(
                uri: selection, method: .put, headers: json,
                body: ByteBuffer(string: "{\"submissions\": [\(ids[2]), \(ids[3]), \(ids[0])]}"))
            #expect(tooMany.status == .forbidden)
            let notOwn = try await client.execute(
                uri: selection, method: .put, headers: json, body: ByteBuffer(string: "{\"submissions\": [\(ids[0])]}"))
            #expect(notOwn.status == .notFound)
            let chosen = try await client.execute(
                uri: selection, method: .put, headers: json, body: ByteBuffer(string: "{\"submissions\": [\(ids[2])]}"))
            #expect(chosen.status == .ok)
            _ = try harness.platform.organisers.act("close", competition: "nti-digits", round: "qualifying", actor: "t")
            _ = try harness.platform.organisers.act(
                "reveal", competition: "nti-digits", round: "qualifying", actor: "t")
            let board = WebHarness.json(
                try await client.execute(
                    uri: "/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard?board=private", method: .get
                ).body)
            let gamma = (board["rows"] as? [[String: Any]])?.first { $0["team"] as? String == "gamma" }
            #expect(gamma?["submission"] as? Int == ids[2])  // its pick, not its best public submission
            let page = String(
                buffer: try await client.execute(
                    uri: "/c/nti-digits/qualifying/leaderboard?board=private", method: .get
                ).body)
            #expect(page.contains("<th>Δ</th>"))
            #expect(page.contains("▲") || page.contains("▼"))
        }
    }
}
