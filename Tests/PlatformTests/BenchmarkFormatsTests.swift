import Ensembling
import Foundation
import Platform
import TestSupport
import Testing

/// Russian SuperGLUE's own formats end to end: JSON Lines answer keys with their Usage, MuSeRC's nested
/// passages, and one zip archive holding a `submission/` folder with a Mac's junk beside it — accepted as
/// participants send it and scored as scikit-learn scores the same labels.
@Suite(.serialized, .ownThreads) struct BenchmarkFormatsTests {
    /// A three-task competition in the official shapes (RCB and PARus flat, MuSeRC nested).
    static func competition() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID())/rsg-mini").path
        try FileManager.default.createDirectory(atPath: "\(folder)/hidden", withIntermediateDirectories: true)
        try """
        title: RSG mini
        tasks:
          - { id: rcb, format: jsonl, file: RCB.jsonl, metric: [f1_macro, accuracy], solution: hidden/RCB.jsonl }
          - { id: parus, format: jsonl, file: PARus.jsonl, metric: accuracy, solution: hidden/PARus.jsonl }
          - { id: muserc, format: rsg-muserc, file: MuSeRC.jsonl, metric: [f1, muserc_em], solution: hidden/MuSeRC.jsonl }
        score: mean
        rounds:
          - { id: leaderboard, submissions: { per_day: 10 } }
        """.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        let rcb = [
            "entailment", "contradiction", "neutral", "entailment", "neutral", "contradiction", "entailment", "neutral",
        ]
        try lines(
            rcb.enumerated().map {
                "{\"idx\": \($0), \"label\": \"\($1)\", \"Usage\": \"\($0 < 4 ? "Public" : "Private")\"}"
            }
        )
        .write(toFile: "\(folder)/hidden/RCB.jsonl", atomically: true, encoding: .utf8)
        try lines(
            [0, 1, 1, 0, 1, 0].enumerated().map {
                "{\"idx\": \($0), \"label\": \($1), \"Usage\": \"\($0 < 3 ? "Public" : "Private")\"}"
            }
        )
        .write(toFile: "\(folder)/hidden/PARus.jsonl", atomically: true, encoding: .utf8)
        try museRC(labels: [1, 0, 1, 1, 0, 1, 0], usage: true)
            .write(toFile: "\(folder)/hidden/MuSeRC.jsonl", atomically: true, encoding: .utf8)
        return folder
    }

    static func lines(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    /// Two passages: questions 0 and 1 (answers 0–3) Public, questions 2 and 3 (answers 4–6) Private.
    static func museRC(labels: [Int], usage: Bool, offset: Int = 0) -> String {
        func answers(_ ids: [Int]) -> String {
            ids.map { "{\"idx\": \($0 + offset), \"label\": \(labels[$0])}" }.joined(separator: ", ")
        }
        let (p, q) = (offset, offset)
        return lines([
            "{\"idx\": \(p), \(usage ? "\"Usage\": \"Public\", " : "")\"passage\": {\"text\": \"…\", \"questions\": [{\"idx\": \(q), \"answers\": [\(answers([0, 1]))]}, {\"idx\": \(q + 1), \"answers\": [\(answers([2, 3]))]}]}}",
            "{\"idx\": \(p + 1), \(usage ? "\"Usage\": \"Private\", " : "")\"passage\": {\"questions\": [{\"idx\": \(q + 2), \"answers\": [\(answers([4, 5]))]}, {\"idx\": \(q + 3), \"answers\": [\(answers([6]))]}]}}",
        ])
    }

    /// The submission archive: a `submission/` folder, macOS junk, one task's name in another case.
    static func archive(at path: String) throws {
        let rcb = [
            "entailment", "neutral", "neutral", "entailment", "neutral", "entailment", "entailment", "contradiction",
        ]
        let entries: [(String, String)] = [
            ("submission/", ""),
            ("submission/RCB.jsonl", lines(rcb.enumerated().map { "{\"idx\": \($0), \"label\": \"\($1)\"}" })),
            (
                "submission/parus.JSONL",
                lines([0, 1, 0, 0, 1, 1].enumerated().map { "{\"idx\": \($0), \"label\": \($1)}" })
            ),
            ("submission/MuSeRC.jsonl", museRC(labels: [1, 0, 1, 0, 0, 1, 1], usage: false)),
            ("__MACOSX/submission/._RCB.jsonl", "\u{0}\u{5}\u{16}\u{7}junk"),
            ("submission/.DS_Store", "junk"),
        ]
        try ZipArchive.write(entries.map { ($0.0, Data($0.1.utf8)) }, to: path)
    }

    @Test func aZipOfJSONLinesFilesIsAcceptedAsSentAndScoredAsScikitLearnDoes() throws {
        let mini = try RSGMini()
        let (platform, folder, team) = (mini.harness.platform, mini.folder, mini.team)
        let zip = "\(folder)/submission.zip"
        try Self.archive(at: zip)
        let accepted = try platform.submissions.accept(
            competition: "rsg-mini", round: "leaderboard", team: team,
            uploads: [Platform.Upload(name: "submission.zip", path: zip)])
        try platform.scoring.work(worker: "w", once: true)
        let submission = try #require(try platform.store.read { try $0.submission(id: accepted.id) })
        #expect(submission.status == .scored, "\(submission.error ?? "") \(submission.errorDetail ?? "")")
        // bench/.venv/bin/python: rcb = (f1_score(t, p, average='macro', zero_division=0) + accuracy_score(t, p)) / 2,
        // parus = accuracy_score(t, p), muserc = (f1_score(t, p, pos_label=1) + mean of per-question all-correct) / 2,
        // on rows 0–3 / 0–2 / answers 0–3 (Public) and the rest (Private); composite = the mean of the three.
        let expectedPublic = ["rcb": 0.6527777777777777, "parus": 0.6666666666666666, "muserc": 0.65]
        let expectedPrivate = ["rcb": 0.4722222222222222, "parus": 0.6666666666666666, "muserc": 0.5833333333333333]
        let publicRow = try #require(
            try platform.boards.standings(competition: "rsg-mini", round: "leaderboard", board: .public).first)
        let privateRow = try #require(
            try platform.boards.standings(competition: "rsg-mini", round: "leaderboard", board: .private).first)
        for (task, value) in expectedPublic {
            #expect(abs((publicRow.tasks[task] ?? -1) - value) < 1e-12, "\(task): \(publicRow.tasks)")
            #expect(
                abs((privateRow.tasks[task] ?? -1) - expectedPrivate[task]!) < 1e-12, "\(task): \(privateRow.tasks)")
        }
        #expect(abs(publicRow.score - 0.6564814814814813) < 1e-12)
        #expect(abs(privateRow.score - 0.5740740740740741) < 1e-12)
    }

    @Test func aMissingOrUnknownTaskFileIsRefusedWithItsNameAndCostsNothing() throws {
        let mini = try RSGMini()
        let (platform, folder, team) = (mini.harness.platform, mini.folder, mini.team)
        let zip = "\(folder)/partial.zip"
        try ZipArchive.write(
            [("RCB.jsonl", Data("{\"idx\": 0, \"label\": \"entailment\"}\n".utf8)), ("TERRa.jsonl", Data())], to: zip)
        #expect {
            try platform.submissions.accept(
                competition: "rsg-mini", round: "leaderboard", team: team,
                uploads: [Platform.Upload(name: "partial.zip", path: zip)])
        } throws: { error in
            let details = (error as? PlatformError)?.details.map(\.message) ?? []
            return details.contains("TERRa.jsonl matches no task of this round")
                && details.contains("no file for task parus; expected PARus.jsonl")
                && details.contains("no file for task muserc; expected MuSeRC.jsonl")
        }
        #expect(try platform.submissions.quota(competition: "rsg-mini", round: "leaderboard", team: team).used == 0)
        // A bad line inside the archive is named by the entry, the line and the field.
        try ZipArchive.write(
            [
                (
                    "s/RCB.jsonl",
                    Data(
                        Self.lines((0..<8).map { "{\"idx\": \($0), \"label\": \($0 == 5 ? "null" : "\"neutral\"")}" })
                            .utf8)
                ),
                ("s/PARus.jsonl", Data(Self.lines((0..<6).map { "{\"idx\": \($0), \"label\": 1}" }).utf8)),
                ("s/MuSeRC.jsonl", Data(Self.museRC(labels: [1, 1, 1, 1, 1, 1, 1], usage: false).utf8)),
            ], to: zip)
        #expect {
            try platform.submissions.accept(
                competition: "rsg-mini", round: "leaderboard", team: team,
                uploads: [Platform.Upload(name: "partial.zip", path: zip)])
        } throws: { error in
            let text = "\(error)"
            return text.contains("RCB.jsonl") && text.contains("line 6") && text.contains("\"label\"")
                && text.contains("found null")
        }
    }

    /// The scores scikit-learn gives the Russian SuperGLUE sample archive (competitions/russian-superglue/
    /// expected_scores.py): "public"/"private" → task → score, and "composite".
    static func expectedSampleScores() throws -> [String: [String: Double]] {
        let url = PlatformHarness.repository.appendingPathComponent(
            "Tests/PlatformTests/Fixtures/russian_superglue_sample.json")
        return try JSONDecoder().decode([String: [String: Double]].self, from: Data(contentsOf: url))
    }

    @Test func theRussianSuperGLUESampleArchiveIsAcceptedByTheCLIAndScoredAsScikitLearnDoes() async throws {
        let harness = try PlatformHarness()
        let platform = harness.platform
        _ = try platform.loadCompetition(
            folder: PlatformHarness.repository.appendingPathComponent("competitions/russian-superglue").path)
        _ = try platform.organisers.act("open", competition: "russian-superglue", round: "leaderboard", actor: "test")
        _ = try platform.organisers.addTeam(competition: "russian-superglue", name: "golden")
        let (status, out) = try await harness.podium([
            "submissions", "add", "russian-superglue", "leaderboard", "--team", "golden",
            "competitions/russian-superglue/public/sample_submission.zip",
        ])
        #expect(status == 0, "\(out)")
        try platform.scoring.work(worker: "w", once: true)
        let expected = try Self.expectedSampleScores()
        let publicRow = try #require(
            try platform.boards.standings(competition: "russian-superglue", round: "leaderboard", board: .public).first)
        let privateRow = try #require(
            try platform.boards.standings(competition: "russian-superglue", round: "leaderboard", board: .private).first
        )
        #expect(publicRow.tasks.count == 9)
        for (task, value) in try #require(expected["public"]) {
            #expect(abs((publicRow.tasks[task] ?? -1) - value) < 1e-9, "public \(task)")
            #expect(abs((privateRow.tasks[task] ?? -1) - (expected["private"]?[task] ?? -2)) < 1e-9, "private \(task)")
        }
        #expect(abs(publicRow.score - (expected["composite"]?["public"] ?? -1)) < 1e-9)
        #expect(abs(privateRow.score - (expected["composite"]?["private"] ?? -1)) < 1e-9)
        // Both metrics of a two-metric task are kept for the board, their mean is the task's score.
        let rcb = try #require(publicRow.metrics["rcb"])
        #expect(Set(rcb.keys) == ["f1_macro", "accuracy"])
        #expect(abs((rcb["f1_macro"]! + rcb["accuracy"]!) / 2 - publicRow.tasks["rcb"]!) < 1e-12)
    }
}

/// A platform with rsg-mini (`BenchmarkFormatsTests.competition()`) loaded, its round open and the team
/// "golden" in it; the competition's folder goes when this does.
final class RSGMini {
    let harness: PlatformHarness
    let folder: String
    let team: Platform.TeamRecordAlias

    init() throws {
        harness = try PlatformHarness()
        folder = try BenchmarkFormatsTests.competition()
        _ = try harness.load(folder)
        _ = try harness.platform.organisers.act("open", competition: "rsg-mini", round: "leaderboard", actor: "test")
        team = try harness.platform.organisers.addTeam(competition: "rsg-mini", name: "golden").0
    }

    deinit { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
}
