import Foundation
import Storage
import TestSupport
import Testing

/// The scoring queue's operations, as every backend runs them.
@Suite(.ownThreads)
struct QueueContractTests {
    @Test func jobsAreClaimedLeasedRenewedAndFinishedAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let teams = try Fixtures.teams(["a", "b"], in: store)
            let a1 = try Fixtures.queued(team: teams[0], at: 1, in: store)
            let a2 = try Fixtures.queued(team: teams[0], at: 2, in: store)
            let b1 = try Fixtures.queued(team: teams[1], at: 3, in: store)
            let now = Fixtures.at(10)
            try store.read { reader in
                log.note("waiting", try reader.waitingJobs(now: now))
                log.note("ahead of b1", try reader.queuedJobs(before: try #require(try reader.job(submissionId: b1))))
                log.note(
                    "oldest",
                    try reader.oldestQueuedJob().map {
                        "\($0.competition) \($0.depth) \($0.enqueuedAt.timeIntervalSince1970)"
                    })
            }
            try store.write { writer in
                log.note(
                    "first order",
                    try writer.claimCandidates(now: now, limit: 10, kinds: [.files]).map(\.job.submissionId) == [
                        a1, a2, b1,
                    ])
                try writer.lease(submissionId: a1, worker: "w1", until: Fixtures.at(40), now: now)
            }
            try store.write { writer in
                // Team a has a job in flight: team b's job comes first now.
                let candidates = try writer.claimCandidates(now: Fixtures.at(11), limit: 10, kinds: [.files])
                log.note("fair order", candidates.map(\.job.submissionId) == [b1, a2])
                log.note("in flight", candidates.map(\.teamJobsInFlight), candidates.map(\.round))
                log.note(
                    "renew by owner", try writer.renewLease(submissionId: a1, worker: "w1", until: Fixtures.at(50)))
                log.note(
                    "renew by another", try writer.renewLease(submissionId: a1, worker: "w2", until: Fixtures.at(60)))
            }
            try store.read { reader in
                let job = try reader.job(submissionId: a1)
                log.note("leased", job?.state, job?.attempts, job?.leaseOwner, job?.leaseExpiresAt)
                log.note("status", try reader.submission(id: a1)?.status)
                log.note("waiting while leased", try reader.waitingJobs(now: Fixtures.at(12)))
                log.note("waiting after expiry", try reader.waitingJobs(now: Fixtures.at(51)))
            }
            try store.write { writer in
                try writer.finishJob(submissionId: a1)
                try writer.lease(submissionId: a2, worker: "w1", until: Fixtures.at(40), now: now)
                try writer.returnJob(submissionId: a2, reason: "worker stopped")
            }
            try store.read { reader in
                log.note("done", try reader.job(submissionId: a1)?.state)
                let returned = try reader.job(submissionId: a2)
                log.note("returned", returned?.state, returned?.attempts, returned?.lastError, returned?.leaseOwner)
                log.note(
                    "failing",
                    try reader.failingJobs(minAttempts: 1).map {
                        "\($0.submissionId == a2) \($0.attempts) \($0.lastError ?? "-")"
                    })
            }
            return log
        }
        #expect(transcript.line("waiting") == "waiting: 3")
        #expect(transcript.line("ahead of b1") == "ahead of b1: 2")
        #expect(transcript.line("first order") == "first order: true")
        #expect(transcript.line("fair order") == "fair order: true")
        #expect(transcript.line("renew by another") == "renew by another: false")
        #expect(transcript.line("waiting after expiry") == "waiting after expiry: 3")
        #expect(transcript.line("returned") == "returned: queued | 1 | worker stopped | nil")
    }

    @Test func aJobGivenUpRefundsItsSlotAndTheStoreEmitsNothing() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let team = try Fixtures.teams(["a"], in: store)[0]
            let id = try Fixtures.queued(team: team, at: 1, in: store)
            let events = try store.read { try $0.newestEventId() }
            try store.write { try $0.giveUpJob(submissionId: id, reason: "timed out", at: Fixtures.at(5)) }
            try store.read { reader in
                let submission = try reader.submission(id: id)
                log.note("submission", submission?.status, submission?.charged, submission?.errorDetail)
                log.note("job", try reader.job(submissionId: id)?.state)
                log.note("charges", try reader.charges(competition: "c", round: "r", teamId: team).times.count)
                log.note("no event", try reader.newestEventId() == events)
            }
            try store.write { try $0.requeue(submissionId: id, kind: .files, at: Fixtures.at(9)) }
            let job = try store.read { try $0.job(submissionId: id) }
            log.note("requeued", job?.state, job?.attempts, job?.enqueuedAt)
            return log
        }
        #expect(transcript.line("submission") == "submission: failed | false | timed out")
        #expect(transcript.line("charges") == "charges: 0")
        #expect(transcript.line("no event") == "no event: true", "events are the caller's to decide")
        #expect(transcript.line("requeued")?.hasPrefix("requeued: queued | 0 | ") == true)
    }

    @Test func scoringTotalsCountSecondsFromUploadToScore() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let team = try Fixtures.teams(["a"], in: store)[0]
            for (upload, scored) in [(0.0, 2.5), (10.0, 14.0)] {
                let id = try Fixtures.queued(team: team, at: upload, in: store)
                try store.write {
                    try $0.recordScore(Fixtures.score(public: 1, private: 1), submissionId: id, at: Fixtures.at(scored))
                }
            }
            let totals = try store.read { try $0.scoringTotals() }
            log.note("totals", totals.count, String(format: "%.2f", totals.latencySeconds))
            return log
        }
        #expect(transcript.line("totals") == "totals: 2 | 6.50")
    }

    @Test func codeJobsGoOnlyToWorkersThatRunCodeAndFailThroughTheProgramsFault() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let teams = try Fixtures.teams(["a", "b"], in: store)
            let file = try Fixtures.queued(team: teams[0], at: 1, in: store)
            let code = try Fixtures.queued(team: teams[1], at: 2, kind: .code, in: store)
            let now = Fixtures.at(10)
            try store.write { writer in
                let files = try writer.claimCandidates(now: now, limit: 10, kinds: [.files]).map(\.job.submissionId)
                let codes = try writer.claimCandidates(now: now, limit: 10, kinds: [.code]).map(\.job.submissionId)
                log.note("files worker", files == [file], "code worker", codes == [code])
                try writer.lease(submissionId: code, worker: "runner", until: Fixtures.at(40), now: now)
                try writer.setStage(submissionId: code, worker: "runner", stage: "batch size 32, repeat 2 of 3")
                try writer.setStage(submissionId: code, worker: "another", stage: "not its job")
            }
            try store.read { reader in
                let job = try reader.job(submissionId: code)
                log.note("leased code job", job?.kind, job?.stage, job?.claimedAt == now)
            }
            try store.write { writer in
                try writer.rejectJob(
                    submissionId: code, error: "time_limit_exceeded: too slow", detail: "all of stderr", charged: true,
                    at: Fixtures.at(20))
            }
            try store.read { reader in
                let submission = try reader.submission(id: code)
                log.note(
                    "rejected", submission?.status, submission?.charged, submission?.error, submission?.errorDetail)
                log.note("job", try reader.job(submissionId: code)?.state)
                log.note("charges", try reader.charges(competition: "c", round: "r", teamId: teams[1]).times.count)
            }
            try store.write { try $0.requeue(submissionId: code, kind: .code, at: Fixtures.at(30)) }
            let job = try store.read { try $0.job(submissionId: code) }
            log.note("requeued", job?.state, job?.kind, job?.stage)
            return log
        }
        #expect(transcript.line("files worker") == "files worker: true | code worker | true")
        #expect(transcript.line("leased code job") == "leased code job: code | batch size 32, repeat 2 of 3 | true")
        #expect(
            transcript.line("rejected") == "rejected: failed | true | time_limit_exceeded: too slow | all of stderr")
        #expect(transcript.line("job") == "job: failed")
        #expect(transcript.line("charges") == "charges: 1")
        #expect(transcript.line("requeued") == "requeued: queued | code | nil")
    }
}
