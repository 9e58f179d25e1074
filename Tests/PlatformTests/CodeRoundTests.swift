import Foundation
import Platform
import PodiumAPI
import Sandbox
import Storage
import TestSupport
import Testing

/// Code rounds end to end, with real programs in the real sandbox: nti-digits' efficiency round, and a copy of it
/// with a files round on the same answers beside it.
/// One at a time: each runs real programs, and the rest of the suite shares the machine's two cores.
@Suite(
    .serialized,
    .enabled(if: Sandbox.unavailableReason == nil, "the sandbox cannot run here: \(Sandbox.unavailableReason ?? "")"),
    .ownThreads)
struct CodeRoundTests {
    static let program = PlatformHarness.example("code/nearest-centroid.zip")
    static let inputs = PlatformHarness.repository.appendingPathComponent(
        "competitions/nti-digits/hidden/final_inputs.jsonl"
    ).path

    /// The harness with `codes`, a copy of nti-digits whose efficiency round has `code` settings replaced by
    /// `codeSettings` and is followed by `efficiency-files`, a files round on the same answers; both opened.
    func harness(codeSettings: String? = nil) throws -> PlatformHarness {
        let harness = try PlatformHarness()
        let folder = try harness.copyCompetition("nti-digits", as: "codes") { yaml in
            var edited = yaml
            if let codeSettings {
                edited = edited.replacingOccurrences(
                    of: "      time_limit_seconds: 60\n      memory_mb: 512\n", with: codeSettings)
            }
            return edited + """
                  - id: efficiency-files
                    solutions: { digits: hidden/final.csv }

                """
        }
        _ = try harness.load(folder)
        for round in ["efficiency", "efficiency-files"] {
            _ = try harness.platform.organisers.act("open", competition: "codes", round: round, actor: "test")
        }
        return harness
    }

    /// An archive (zip) of `run` and other files, made with Python's zipfile as a participant's tools make it.
    func archive(run: String, in harness: PlatformHarness) throws -> Platform.Upload {
        let folder = "\(harness.data)/archive-\(UUID())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try run.write(toFile: "\(folder)/run", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c",
            "import zipfile, stat\nz = zipfile.ZipFile('\(folder)/code.zip', 'w')\ni = zipfile.ZipInfo('run')\n"
                + "i.create_system = 3\ni.external_attr = (stat.S_IFREG | 0o755) << 16\n"
                + "z.writestr(i, open('\(folder)/run').read())\nz.close()",
        ]
        try process.run()
        process.waitUntilExit()
        return Platform.Upload(name: "code.zip", path: "\(folder)/code.zip")
    }

    @Test func aProgramsScoreEqualsTheScoreOfItsPredictionsUploadedAsAFile() throws {
        let harness = try harness()
        let platform = harness.platform
        let (team, _) = try platform.organisers.addTeam(competition: "codes", name: "runners")
        let code = try platform.submissions.accept(
            competition: "codes", round: "efficiency", team: team, uploads: [Self.program])
        #expect(try platform.scoring.work(worker: "files only", once: true) == 0, "a files worker leaves code jobs")
        #expect(try platform.submissions.submission(code.id)?.status == .queued)
        #expect(try platform.scoring.work(worker: "runner", once: true, kinds: [.code]) == 1)
        let afterRun = try #require(try platform.submissions.submission(code.id))
        #expect(afterRun.status == .scored, "\(afterRun.error ?? "") \(afterRun.errorDetail ?? "")")

        // The same program run by hand on the host, its output uploaded to the files round.
        let predictions = "\(harness.data)/predictions.csv"
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "\(PlatformHarness.examples)/code/nearest-centroid/run")
        run.arguments = ["--batch-size", "32"]
        run.currentDirectoryURL = URL(fileURLWithPath: "\(PlatformHarness.examples)/code/nearest-centroid")
        run.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: Self.inputs))
        FileManager.default.createFile(atPath: predictions, contents: nil)
        run.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: predictions))
        try run.run()
        run.waitUntilExit()
        let file = try platform.submissions.accept(
            competition: "codes", round: "efficiency-files", team: team,
            uploads: [Platform.Upload(name: "predictions.csv", path: predictions)])
        #expect(try platform.scoring.work(worker: "files", once: true) == 1)

        let ran = try #require(try platform.submissions.submission(code.id))
        let uploaded = try #require(try platform.submissions.submission(file.id))
        #expect(ran.status == .scored && uploaded.status == .scored)
        #expect(ran.publicScore != nil && ran.publicScore == uploaded.publicScore)
        #expect(ran.privateScore == uploaded.privateScore)
        #expect(ran.publicScore! > 0.8, "nearest centroid reads most digits right")

        let resource = try platform.submissions.submissionResource(ran, organiser: false)
        let measured = try #require(resource.measurements?["digits"])
        #expect(measured.records == 400)
        #expect(measured.repeats == 3)
        #expect(measured.scoredBatchSize == 32)
        #expect(Set(measured.recordsPerSecond.keys) == ["1", "32"])
        #expect(measured.recordsPerSecond.values.allSatisfy { $0 > 0 })
        #expect(measured.startupSeconds > 0 && measured.startupSeconds < 5)
        #expect(measured.hardware.cores == ProcessInfo.processInfo.activeProcessorCount)
        if Sandbox.usesControlGroups { #expect((measured.peakMemoryMB ?? 0) > 1) }

        let rows = try platform.boards.standings(competition: "codes", round: "efficiency", board: .public)
        let card = try #require(
            try platform.boards.cards(for: rows, competition: "codes", round: "efficiency")["runners"])
        #expect(card.isMeasured("inference_speed") && card.isMeasured("hardware"))
        #expect(card.inferenceSpeed == measured.scoredRecordsPerSecond)
    }

    @Test func aProgramPastItsTimeLimitFailsAtOnceChargedWithTheEndOfItsStandardError() throws {
        // 3 s: time enough to start and print on a machine busy with the whole suite, far from the 30 s it sleeps.
        let harness = try harness(codeSettings: "      time_limit_seconds: 3\n      memory_mb: 512\n")
        let platform = harness.platform
        let (team, _) = try platform.organisers.addTeam(competition: "codes", name: "sleepers")
        let slow = try archive(
            run: "#!/bin/sh\nhead -n 1 >&2\necho thinking hard >&2\nsleep 30\n", in: harness)
        let accepted = try platform.submissions.accept(
            competition: "codes", round: "efficiency", team: team, uploads: [slow])
        #expect(try platform.scoring.work(worker: "runner", once: true, kinds: [.code]) == 0)
        let failed = try #require(try platform.submissions.submission(accepted.id))
        #expect(failed.status == .failed)
        #expect(failed.charged, "the program's own fault counts against the quota")
        let error = try #require(failed.error)
        #expect(error.hasPrefix("time_limit_exceeded: the program ran past its time limit of 3 s"))
        #expect(error.contains("start-up, repeat 1 of 3"))
        // Its last lines (the shell may add "Killed" after them when it outlives its child by a moment).
        #expect(
            error.contains(
                "--- the end of its standard error ---\n[a line quoting the hidden inputs was removed]\nthinking hard\n"
            ))
        #expect(!error.contains("img0442"), "the hidden record it echoed is not shown to the team")
        #expect(failed.errorDetail?.contains("img0442") == true, "organisers see all of standard error")
        #expect(try platform.submissions.quota(competition: "codes", round: "efficiency", team: team).used == 1)
    }

    @Test func aRoundThatDoesNotChargeFailedRunsRefundsThem() throws {
        let harness = try harness(
            codeSettings: "      time_limit_seconds: 10\n      memory_mb: 512\n      charge_failed_runs: false\n")
        let platform = harness.platform
        let (team, _) = try platform.organisers.addTeam(competition: "codes", name: "crashers")
        let crash = try archive(run: "#!/bin/sh\necho 'Traceback: boom' >&2\nexit 3\n", in: harness)
        let accepted = try platform.submissions.accept(
            competition: "codes", round: "efficiency", team: team, uploads: [crash])
        _ = try platform.scoring.work(worker: "runner", once: true, kinds: [.code])
        let failed = try #require(try platform.submissions.submission(accepted.id))
        #expect(failed.status == .failed && !failed.charged)
        #expect(failed.error?.hasPrefix("crashed: the program exited with status 3") == true)
    }

    @Test func invalidOutputFailsWithWhatIsWrongWithIt() throws {
        let harness = try harness()
        let platform = harness.platform
        let (team, _) = try platform.organisers.addTeam(competition: "codes", name: "typos")
        let wrong = try archive(run: "#!/bin/sh\necho id,label\necho nobody,3\n", in: harness)
        let accepted = try platform.submissions.accept(
            competition: "codes", round: "efficiency", team: team, uploads: [wrong])
        _ = try platform.scoring.work(worker: "runner", once: true, kinds: [.code])
        let failed = try #require(try platform.submissions.submission(accepted.id))
        #expect(failed.status == .failed)
        #expect(
            failed.error?.hasPrefix("invalid_output: its standard output for task digits is not a valid submission")
                == true, "\(failed.error ?? "")")
    }

    @Test func aBadArchiveIsRefusedAtUploadAndCostsNothing() throws {
        let harness = try harness()
        let platform = harness.platform
        let (team, _) = try platform.organisers.addTeam(competition: "codes", name: "packers")
        let csv = PlatformHarness.example("knn/final.csv")
        #expect(throws: PlatformError.self) {
            try platform.submissions.accept(competition: "codes", round: "efficiency", team: team, uploads: [csv])
        }
        let folder = "\(harness.data)/noexec"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c", "import zipfile\nz = zipfile.ZipFile('\(folder)/a.zip', 'w')\nz.writestr('../run', 'x')\nz.close()",
        ]
        try process.run()
        process.waitUntilExit()
        do {
            _ = try platform.submissions.accept(
                competition: "codes", round: "efficiency", team: team,
                uploads: [Platform.Upload(name: "a.zip", path: "\(folder)/a.zip")])
            Issue.record("an archive with .. was accepted")
        } catch let error as PlatformError {
            #expect(error.code == .invalidSubmission)
            #expect(error.message.contains("not a plain relative path"))
        }
        #expect(try platform.submissions.quota(competition: "codes", round: "efficiency", team: team).used == 0)
    }

    @Test func aPracticeRunShowsTheOutputBesideTheSamplesAnswersAndCostsNothing() throws {
        let harness = try harness()
        let platform = harness.platform
        let (team, _) = try platform.organisers.addTeam(competition: "codes", name: "practisers")
        let practice = try platform.submissions.practiceRun(
            competition: "codes", round: "efficiency", team: team, upload: Self.program)
        let run = try #require(practice.tasks.first)
        #expect(run.task == "digits" && run.outcome == "ok" && run.problems.isEmpty)
        #expect(run.answers.count == 10)
        let lines = run.output.split(separator: "\n").dropFirst()
        #expect(lines.count == 10)
        let right = lines.filter { line in
            let parts = line.split(separator: ",")
            return run.answers[String(parts[0])] == String(parts[1])
        }.count
        #expect(run.score == Double(right) / 10, "the sample's score is the share it got right")
        #expect(practice.runsLeft == Platform.practiceRunsPerHour - 1)
        #expect(try platform.submissions.quota(competition: "codes", round: "efficiency", team: team).used == 0)
        #expect(try platform.submissions.list(competition: "codes", round: "efficiency", team: team).isEmpty)

        let crash = try archive(run: "#!/bin/sh\necho 'ValueError: bad pixel' >&2\nexit 1\n", in: harness)
        let crashed = try platform.submissions.practiceRun(
            competition: "codes", round: "efficiency", team: team, upload: crash)
        #expect(crashed.tasks.first?.outcome == "crashed")
        #expect(
            crashed.tasks.first?.stderr == "ValueError: bad pixel\n", "the sample is public: its stderr is shown whole")
        for _ in 2..<Platform.practiceRunsPerHour {
            _ = try platform.submissions.practiceRun(
                competition: "codes", round: "efficiency", team: team, upload: crash)
        }
        do {
            _ = try platform.submissions.practiceRun(
                competition: "codes", round: "efficiency", team: team, upload: crash)
            Issue.record("an eleventh practice run in the hour was run")
        } catch let error as PlatformError {
            #expect(error.code == .quotaExceeded && error.resetsAt != nil)
        }
        #expect(throws: PlatformError.self) {
            try platform.submissions.practiceRun(
                competition: "codes", round: "efficiency-files", team: team, upload: crash)
        }
    }

    @Test func aProgramReadsNothingOfTheAnswersTheDataFolderOrAnotherTeamsFiles() throws {
        let harness = try harness()
        let platform = harness.platform
        let (other, _) = try platform.organisers.addTeam(competition: "codes", name: "other")
        let (prober, _) = try platform.organisers.addTeam(competition: "codes", name: "prober")
        // Another team's upload, stored by content hash in the data folder.
        _ = try platform.submissions.accept(
            competition: "codes", round: "efficiency", team: other, uploads: [Self.program])
        let folder = "\(harness.data)/competitions/codes"
        let targets = [
            "\(folder)/hidden/final.csv", "\(folder)/hidden/final_inputs.jsonl", folder, harness.data,
            "\(harness.data)/files", "\(harness.data)/podium.sqlite",
            PlatformHarness.repository.appendingPathComponent("competitions/nti-digits/hidden/final.csv").path,
        ]
        let probe = try archive(
            run: "#!/bin/sh\nfor p in " + targets.map { "'\($0)'" }.joined(separator: " ")
                + "; do if ls \"$p\" >/dev/null 2>&1; then echo \"seen $p\" >&2; else echo \"absent $p\" >&2; fi; done\nexit 9\n",
            in: harness)
        let accepted = try platform.submissions.accept(
            competition: "codes", round: "efficiency", team: prober, uploads: [probe])
        #expect(
            try platform.scoring.work(worker: "runner", once: true, kinds: [.code]) == 1, "the other team's is scored")
        let failed = try #require(try platform.submissions.submission(accepted.id))
        let detail = try #require(failed.errorDetail)
        #expect(failed.error?.hasPrefix("crashed: the program exited with status 9") == true)
        for target in targets { #expect(detail.contains("absent \(target)"), "\(target)") }
        #expect(!detail.contains("seen "))
    }
}
