import Competitions
import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// A task scored by a scorer program, through the whole platform path.
@Suite(.ownThreads)
struct ScorerPlatformTests {
    static let kappaFixture = PlatformHarness.repository.appendingPathComponent(
        "Tests/CompetitionsTests/Fixtures/kappa/case0")

    /// A competition folder whose one task uses `scorer`, with the kappa fixture's solution.
    func competition(scorer: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("severity-\(UUID())").path
        try FileManager.default.createDirectory(atPath: "\(folder)/hidden", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.kappaFixture.appendingPathComponent("solution.csv").path, toPath: "\(folder)/hidden/test.csv")
        try """
        title: Severity grading
        tasks:
          - { id: severity, scorer: \(scorer), solution: hidden/test.csv }
        rounds:
          - { id: main, submissions: { per_day: 10 } }
        """.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    func platform(scorers: String) throws -> (Platform, String) {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID())").path
        var options = Platform.Options()
        options.scorersDirectory = scorers
        return (try Platform(dataDirectory: data, options: options), data)
    }

    @Test func aScorerTaskIsScoredThroughThePlatform() throws {
        let folder = try competition(scorer: "quadratic-kappa")
        let (platform, data) = try platform(scorers: PlatformHarness.repository.appendingPathComponent("scorers").path)
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: data)
        }
        let slug = try platform.loadCompetition(folder: folder).slug
        _ = try platform.organisers.act("open", competition: slug, round: "main", actor: "test")
        let (team, _) = try platform.organisers.addTeam(competition: slug, name: "graders")
        let upload = Platform.Upload(
            name: "submission.csv", path: Self.kappaFixture.appendingPathComponent("submission.csv").path)
        let accepted = try platform.submissions.accept(competition: slug, round: "main", team: team, uploads: [upload])
        #expect(try platform.scoring.work(worker: "w", once: true) == 1)
        let submission = try #require(try platform.submissions.submission(accepted.id))
        let expected =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: Self.kappaFixture.deletingLastPathComponent().appendingPathComponent("expected.json")))
            as! [String: [String: Any]]
        #expect(abs(submission.publicScore! - (expected["case0"]!["public"] as! Double)) < 1e-12)
        #expect(abs(submission.privateScore! - (expected["case0"]!["private"] as! Double)) < 1e-12)
        #expect(submission.scorerVersion?.contains("quadratic-kappa@1") == true)
        #expect(
            try platform.boards.standings(competition: slug, round: "main", board: .public).first?.team == "graders")
        // A bad file is refused before the scorer runs, with the validator's messages.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).csv").path
        try "id,label\nr0,9\n".write(toFile: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let refusal = try #require(throws: PlatformError.self) {
            try platform.submissions.accept(
                competition: slug, round: "main", team: team, uploads: [Platform.Upload(name: "b.csv", path: broken)])
        }
        #expect(refusal.code == .invalidSubmission)
    }

    @Test func aFailingScorerShowsTheTeamAShortMessageAndTheOrganiserItsStderr() throws {
        let scorers = FileManager.default.temporaryDirectory.appendingPathComponent("scorers-\(UUID())").path
        try FileManager.default.createDirectory(atPath: "\(scorers)/crashy", withIntermediateDirectories: true)
        try "command: [python3, crash.py]\nmetrics: [{name: m}]\ntimeout_seconds: 10\n".write(
            toFile: "\(scorers)/crashy/scorer.yaml", atomically: true, encoding: .utf8)
        try "import sys\nprint('KeyError: r17 not in /secret/answers', file=sys.stderr)\nsys.exit(1)\n".write(
            toFile: "\(scorers)/crashy/crash.py", atomically: true, encoding: .utf8)
        let folder = try competition(scorer: "crashy")
        let (platform, data) = try platform(scorers: scorers)
        defer {
            for path in [scorers, folder, data] { try? FileManager.default.removeItem(atPath: path) }
        }
        let slug = try platform.loadCompetition(folder: folder).slug
        _ = try platform.organisers.act("open", competition: slug, round: "main", actor: "test")
        let (team, _) = try platform.organisers.addTeam(competition: slug, name: "t")
        let upload = Platform.Upload(
            name: "s.csv", path: Self.kappaFixture.appendingPathComponent("submission.csv").path)
        let accepted = try platform.submissions.accept(competition: slug, round: "main", team: team, uploads: [upload])
        #expect(try platform.scoring.work(worker: "w", once: true) == 0)
        let submission = try #require(try platform.submissions.submission(accepted.id))
        #expect(submission.status == .failed)
        #expect(submission.error == "scoring failed; this attempt was not counted against your quota")
        #expect(submission.errorDetail?.contains("scorer crashy exited with status 1") == true)
        #expect(submission.errorDetail?.contains("KeyError: r17 not in /secret/answers") == true)
        #expect(try platform.submissions.quota(competition: slug, round: "main", team: team).used == 0)
    }
}
