import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Every file of the bad-submission corpus (Tests/WebServerTests/BadInput, made by make_corpus.py), plus
/// a 50 MB single line and a file over the size limit, uploaded to a live server: each gets its status
/// and its specific error, the server stays up, no quota is charged and nothing is stored.
@Suite(.ownThreads)
struct BadInputCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInput")

    @Test func everyBadFileIsRefusedPreciselyAndCostsNothing() async throws {
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.corpus.appendingPathComponent("manifest.json"))) as! [String: [Any]]
        #expect(manifest.count >= 40)
        let harness = try await WebHarness.make()
        harness.configuration.maxUploadBytes = 60 * 1024 * 1024
        harness.configuration.rateLimitBurst = 1000
        let token = try harness.team("mallory")
        try harness.open()
        var cases = manifest.map { name, expected in
            (
                name, try! Data(contentsOf: Self.corpus.appendingPathComponent(name)), expected[0] as! Int,
                expected[1] as! String
            )
        }
        cases.append(
            ("single_line_50mb.csv", Data(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024), 422, "no id column"))
        let allCases = cases.sorted(by: { $0.0 < $1.0 })
        let app = try await harness.application()
        try await app.test(.live) { client in
            for (name, data, status, fragment) in allCases {
                let (body, type) = WebHarness.multipart(files: [(name, data)])
                let response = try await client.execute(
                    uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                    headers: WebHarness.headers(token: token, contentType: type), body: body)
                #expect(response.status.code == status, "\(name): \(response.status)")
                let text = String(buffer: response.body)
                #expect(
                    text.contains(fragment.replacingOccurrences(of: "\"", with: "\\\"")), "\(name): \(text.prefix(300))"
                )
                #expect(response.body.readableBytes < 64 * 1024, "\(name): a \(response.body.readableBytes)-byte error")
            }
            // After the whole corpus, the server still answers.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        // Over the limit: 413 before anything is validated.
        let small = try await WebHarness.withLimit(harness, bytes: 1024)
        try await small.test(.live) { client in
            let (body, type) = WebHarness.multipart(files: [
                (
                    "big.csv",
                    try Data(
                        contentsOf: WebHarness.repository.appendingPathComponent(
                            "competitions/nti-digits/examples/knn/qualifying.csv"))
                )
            ])
            let response = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                headers: WebHarness.headers(token: token, contentType: type), body: body)
            #expect(response.status == .contentTooLarge)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        #expect(try harness.platform.boards.recentSubmissions(competition: "nti-digits").isEmpty)
        // Stored files are only the competition's own (shared with other machines off one box).
        let competitionFiles = Set(
            try harness.platform.store.read { try $0.competitionFiles(competition: "nti-digits") }.values)
        let stored =
            (FileManager.default.enumerator(atPath: harness.platform.files.root.path)?.allObjects as? [String] ?? [])
            .filter { $0.count > 40 && !competitionFiles.contains(URL(fileURLWithPath: $0).lastPathComponent) }
        #expect(stored.isEmpty)
        let team = try harness.platform.participation.team(competition: "nti-digits", name: "mallory")
        #expect(
            try harness.platform.submissions.quota(competition: "nti-digits", round: "qualifying", team: team).used == 0
        )
    }
}

extension WebHarness {
    /// The application over the same platform with a different upload limit.
    static func withLimit(_ harness: WebHarness, bytes: Int64) async throws -> some ApplicationProtocol {
        harness.configuration.maxUploadBytes = bytes
        return try await harness.application()
    }
}
