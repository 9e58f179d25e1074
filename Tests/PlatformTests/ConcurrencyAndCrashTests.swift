import Foundation
import Platform
import Storage
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Real `podium` processes on one database: races on the quota, workers killed mid-job, workers sharing
/// a queue.
@Suite(.serialized, .ownThreads)
struct ConcurrencyAndCrashTests {
    @Test func fiftyConcurrentUploadsWithFiveSlotsLeftAcceptExactlyFive() async throws {
        let harness = try PlatformHarness()
        _ = try harness.team("alpha")
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "qualifying", actor: "test")
        let file = "\(PlatformHarness.examples)/knn/qualifying.csv"
        let processes = try (0..<50).map { _ in
            try harness.launch(["submissions", "add", "nti-digits", "qualifying", "--team", "alpha", file, "--json"])
        }
        var outputs: [String] = []
        for process in processes { outputs.append(try await ChildProcess.finish(process).text) }
        let accepted = outputs.filter { $0.contains("\"status\":\"queued\"") }.count
        let refused = outputs.filter { $0.contains("\"code\":\"quota_exceeded\"") }.count
        #expect(accepted == 5)
        #expect(refused == 45)
        #expect(processes.filter { $0.terminationStatus == 0 }.count == 5)
        let rows = try harness.platform.store.read { try $0.recentSubmissions(competition: "nti-digits", limit: 1000) }
            .count
        #expect(rows == 5)
    }

    @Test func aWorkerKilledMidJobLeavesALeaseThatAnotherWorkerFinishesOnce() async throws {
        let harness = try PlatformHarness()
        let slowScorer = try harness.slowScoring(seconds: 20)
        let quickScorer = try harness.slowScoring(seconds: 0, into: "\(harness.data)/quick")
        let team = try harness.team("alpha").team
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        let accepted = try harness.platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: team,
            uploads: [PlatformHarness.example("logreg/practice.csv")])
        let slow = try harness.launch(["work", "--lease", "1"] + slowScorer)
        let deadline = Date().addingTimeInterval(20)
        while try harness.platform.submissions.submission(accepted.id)?.status != .scoring && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try harness.platform.submissions.submission(accepted.id)?.status == .scoring)
        kill(slow.processIdentifier, SIGKILL)
        try await ChildProcess.exit(of: slow)
        #expect(slow.terminationReason == .uncaughtSignal)
        try await Task.sleep(for: .milliseconds(1200))  // the killed worker's lease (1 s) runs out
        let result = try await harness.podium(["work", "--once", "--lease", "1", "--json"] + quickScorer)
        #expect(result.status == 0)
        #expect(result.out.contains("\"scored\":1"))
        let (submission, job, events) = try harness.platform.store.read { store in
            (
                try #require(try store.submission(id: accepted.id)),
                try #require(try store.job(submissionId: accepted.id)),
                try store.events(limit: 1000).filter { $0.type == .submissionScored }.count
            )
        }
        #expect(submission.status == .scored)
        #expect(submission.publicScore != nil)
        #expect(job.state == .done && job.attempts == 2)
        #expect(events == 1)
    }

    /// The process that accepted an upload scores the predictions it validated (the file is parsed once): its
    /// worker scores even when the stored copy is damaged meanwhile, and scores what was uploaded.
    @Test func theAcceptingProcessScoresWhatItValidated() throws {
        let harness = try PlatformHarness()
        let team = try harness.team("alpha").team
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        let upload = PlatformHarness.example("logreg/practice.csv")
        let first = try harness.platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: team, uploads: [upload])
        try harness.platform.scoring.work(worker: "w", once: true)
        let expected = try #require(try harness.platform.submissions.submission(first.id)?.publicScore)
        let second = try harness.platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: team, uploads: [upload])
        let sha = try #require(try harness.platform.store.read { try $0.files(submissionId: second.id) }.first).sha256
        try Data("not,a\ncsv,file\n".utf8).write(to: URL(fileURLWithPath: harness.platform.files.path(of: sha)))
        #expect(try harness.platform.scoring.work(worker: "w", once: true) == 1)
        #expect(try harness.platform.submissions.submission(second.id)?.publicScore == expected)
    }

    @Test func aJobFailingThreeTimesIsFailedAndItsSlotRefunded() throws {
        let harness = try PlatformHarness()
        let team = try harness.team("alpha").team
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        let accepted = try harness.platform.submissions.accept(
            competition: "nti-digits", round: "practice", team: team,
            uploads: [PlatformHarness.example("logreg/practice.csv")])
        #expect(
            try harness.platform.submissions.quota(competition: "nti-digits", round: "practice", team: team).used == 1)
        // The stored file is damaged (a broken disk): every attempt fails on the platform's side. (Damaged,
        // not deleted: on PostgreSQL a missing local copy is fetched again from the database.)
        let sha = try #require(try harness.platform.store.read { try $0.files(submissionId: accepted.id) }.first).sha256
        try Data("not,a\ncsv,file\n".utf8).write(to: URL(fileURLWithPath: harness.platform.files.path(of: sha)))
        // A worker of another process reads the stored file (the accepting process would reuse what it validated).
        let worker = try harness.reopen()
        #expect(try worker.scoring.work(worker: "w", once: true) == 0)
        let submission = try #require(try harness.platform.submissions.submission(accepted.id))
        #expect(submission.status == .failed)
        #expect(submission.charged == false)
        #expect(submission.error?.contains("not counted against your quota") == true)
        #expect(submission.errorDetail?.isEmpty == false)
        let job = try #require(try harness.platform.store.read { try $0.job(submissionId: accepted.id) })
        #expect(job.attempts == 3 && job.state == .failed)
        #expect(
            try harness.platform.submissions.quota(competition: "nti-digits", round: "practice", team: team).used == 0)
    }

    @Test func twoWorkerProcessesAndAnInProcessWorkerNeverScoreAJobTwice() async throws {
        let harness = try PlatformHarness()
        let scorers = try harness.slowScoring(seconds: 0.04)
        _ = try harness.platform.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        var ids: [Int64] = []
        for index in 0..<20 {
            let team = try harness.team("team\(index)").team
            ids.append(
                try harness.platform.submissions.accept(
                    competition: "nti-digits", round: "practice", team: team,
                    uploads: [
                        PlatformHarness.example(["logreg", "knn", "forest", "boosting"][index % 4] + "/practice.csv")
                    ]
                ).id)
        }
        // The processes take 40 ms a job and start first, so all three workers really do share the queue.
        let workers = try (0..<2).map { _ in
            try harness.launch(["work", "--once"] + scorers)
        }
        try await Task.sleep(for: .milliseconds(300))
        let inProcess = try harness.platform.scoring.work(worker: "in-process", once: true)
        var scored = inProcess
        for worker in workers {
            let text = try await ChildProcess.finish(worker).text
            scored += Int(text.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        #expect(scored == 20)
        #expect(inProcess < 20, "the worker processes scored none of the jobs")
        let (statuses, events) = try harness.platform.store.read { store in
            (
                try store.recentSubmissions(competition: "nti-digits", limit: 1000).map(\.status),
                try store.events(limit: 1000).filter { $0.type == .submissionScored }.count
            )
        }
        #expect(statuses.allSatisfy { $0 == .scored } && statuses.count == 20)
        #expect(events == 20)
    }
}
