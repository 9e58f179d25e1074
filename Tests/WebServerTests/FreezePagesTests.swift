import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import PodiumAPI
import TestSupport
import Testing

/// A frozen board over HTTP: the public and the teams get the board of the freeze moment (with `frozen_at` and a
/// notice on the page), organisers the live one.
@Suite(.serialized, .ownThreads)
struct FreezePagesTests {
    @Test func everyoneButOrganisersSeesTheFrozenBoard() async throws {
        let harness = try await WebHarness.make()
        // The practice round, opened by hand, closing in 30 minutes and frozen for the last 60: frozen now.
        let closes = ISO8601DateFormatter().string(from: Date().addingTimeInterval(1800))
        let folder = "\(harness.data)/competitions/freeze-cup"
        try FileManager.default.createDirectory(
            atPath: "\(harness.data)/competitions", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: WebHarness.repository.appendingPathComponent("competitions/nti-digits").path, toPath: folder)
        // The other rounds lose their dates, so that no date of theirs overlaps the practice round's, whenever this runs.
        let yaml = try String(contentsOfFile: "\(folder)/competition.yaml", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("    opens:") && !$0.hasPrefix("    closes:") }.joined(separator: "\n")
            .replacingOccurrences(
                of: "    leaderboard: latest\n",
                with: "    leaderboard: latest\n    closes: \(closes)\n    freeze_minutes: 60\n")
        try yaml.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        _ = try harness.load(folder)
        _ = try harness.platform.organisers.act("open", competition: "freeze-cup", round: "practice", actor: "test")
        let (team, _) = try harness.platform.organisers.addTeam(competition: "freeze-cup", name: "late")
        _ = try harness.platform.submissions.accept(
            competition: "freeze-cup", round: "practice", team: team,
            uploads: [Platform.Upload(name: "p.csv", path: "\(WebHarness.examples)/knn/practice.csv")])
        try harness.platform.scoring.work(worker: "w", once: true)
        let app = try await harness.application()
        try await app.test(.router) { client in
            let uri = "/api/v1/competitions/freeze-cup/rounds/practice/leaderboard"
            let everyone = try APICoding.decoder().decode(
                LeaderboardResource.self, from: Data(buffer: try await client.execute(uri: uri, method: .get).body))
            #expect(everyone.rows.isEmpty, "scored after the freeze began: not on the frozen board")
            #expect(everyone.frozenAt != nil)
            let organiser = try APICoding.decoder().decode(
                LeaderboardResource.self,
                from: Data(
                    buffer: try await client.execute(
                        uri: uri, method: .get, headers: WebHarness.headers(token: WebHarness.organiserToken)
                    ).body))
            #expect(organiser.rows.map(\.team) == ["late"] && organiser.frozenAt == nil, "organisers see it live")
            let page = String(
                buffer: try await client.execute(uri: "/c/freeze-cup/practice/leaderboard?lang=en", method: .get).body)
            #expect(page.contains("The board is frozen"))
            #expect(!page.contains("<svg"), "no chart while frozen: it would show the hidden scores")
        }
    }
}
