import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// The scoring queue is fair across teams: one team's burst does not hold up everyone behind it.
@Suite(.ownThreads)
struct FairQueueTests {
    /// The submission ids in the order the workers scored them (from the `submission.scored` events).
    func scoredOrder(_ platform: Platform) throws -> [Int64] {
        try platform.organisers.events(limit: 1000).reversed().filter { $0.type == .submissionScored }.map { event in
            let payload = try JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any]
            return try #require((payload?["submission"] as? NSNumber)?.int64Value)
        }
    }

    /// A platform with the practice round open and the teams alpha and beta.
    static func practiceWithTwoTeams() throws -> (PlatformHarness, TeamRecord, TeamRecord) {
        let harness = try PlatformHarness()
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        return (harness, try harness.team("alpha").team, try harness.team("beta").team)
    }

    @Test func aLoneUploadIsScoredBeforeTheTailOfAnotherTeamsBurst() throws {
        let (harness, alpha, beta) = try Self.practiceWithTwoTeams()
        let platform = harness.platform
        var burst: [Int64] = []
        for _ in 0..<5 {
            burst.append(
                try platform.submissions.accept(
                    competition: "nti-digits", round: "practice", team: alpha,
                    uploads: [PlatformHarness.example("knn/practice.csv")]
                ).id)
        }
        let lone = try platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: beta,
            uploads: [PlatformHarness.example("knn/practice.csv")]
        ).id
        try platform.scoring.work(worker: "w", once: true)
        // First come, first served would score beta's upload last, after all five of alpha's.
        #expect(try scoredOrder(platform) == [burst[0], lone] + burst[1...])
    }

    @Test func aTeamWithAJobInFlightWaitsForTeamsWithNone() throws {
        let (harness, alpha, beta) = try Self.practiceWithTwoTeams()
        let platform = harness.platform
        let upload = PlatformHarness.example("knn/practice.csv")
        let a1 = try platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: alpha, uploads: [upload]
        ).id
        let a2 = try platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: alpha, uploads: [upload]
        ).id
        let b1 = try platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: beta, uploads: [upload]
        ).id
        // Two workers claim at once: the second goes to beta, whose team has nothing being scored.
        let first = try #require(try platform.queue.claim(worker: "w1", now: harness.now))
        let second = try #require(try platform.queue.claim(worker: "w2", now: harness.now))
        #expect(first.submissionId == a1)
        #expect(second.submissionId == b1)
        let third = try #require(try platform.queue.claim(worker: "w3", now: harness.now))
        #expect(third.submissionId == a2)
    }

    @Test func aRoundsCapKeepsATeamToItsShareOfTheWorkers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("capped-\(UUID())").path
        try FileManager.default.copyItem(
            atPath: PlatformHarness.repository.appendingPathComponent("competitions/nti-digits").path, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = try String(contentsOfFile: "\(folder)/competition.yaml", encoding: .utf8)
            .replacingOccurrences(
                of: "    title: Practice\n", with: "    title: Practice\n    max_concurrent_per_team: 1\n")
        try yaml.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        let harness = try PlatformHarness()
        let platform = harness.platform
        let slug = try harness.load(folder).slug
        #expect(try platform.competition(slug).config.round("practice")?.maxConcurrentPerTeam == 1)
        _ = try platform.organisers.act("open", competition: slug, round: "practice", actor: "test")
        let (alpha, _) = try platform.organisers.addTeam(competition: slug, name: "alpha")
        let upload = PlatformHarness.example("knn/practice.csv")
        let ids = try (0..<3).map { _ in
            try platform.submissions.accept(competition: slug, round: "practice", team: alpha, uploads: [upload]).id
        }
        let caps = try platform.scoring.concurrencyCaps()
        #expect(caps == ["\(slug)/practice": 1])
        let first = try #require(try platform.queue.claim(worker: "w1", now: harness.now, caps: caps))
        #expect(first.submissionId == ids[0])
        // A second worker is free, but alpha already has its one job being scored.
        #expect(try platform.queue.claim(worker: "w2", now: harness.now, caps: caps) == nil)
        // Without the cap the second worker would have taken alpha's next job.
        #expect(try platform.queue.claim(worker: "w2", now: harness.now)?.submissionId == ids[1])
    }
}
