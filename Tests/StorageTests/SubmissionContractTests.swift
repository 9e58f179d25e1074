import Competitions
import Foundation
import Storage
import TestSupport
import Testing

/// Teams, submissions, their files and scores, as every backend keeps them.
@Suite(.ownThreads)
struct SubmissionContractTests {
    @Test func submissionsAreStoredScoredAndListedAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let teams = try Fixtures.teams(["b", "a"], in: store)
            let (b, a) = (teams[0], teams[1])
            let first = try store.write { try $0.insert(Fixtures.submission(team: b, at: 10)).id ?? -1 }
            let second = try store.write { writer in
                let id = try writer.insert(Fixtures.submission(team: b, at: 20)).id ?? -1
                try writer.insert(
                    SubmissionFileRecord(submissionId: id, task: "t", sha256: "f", name: "t.csv", size: 7))
                return id
            }
            let third = try store.write { try $0.insert(Fixtures.submission(team: a, at: 30)).id ?? -1 }
            try store.read { reader in
                log.note("teams", try reader.teams(competition: "c").map(\.name))
                log.note("by token", try reader.team(competition: "c", tokenHash: "hash-c-a")?.name)
                log.note("by name", try reader.team(competition: "c", name: "b")?.id == b)
                log.note("ids ascend", first < second && second < third)
                log.note("team b", try reader.submissions(competition: "c", round: "r", teamId: b).map(\.message))
                log.note("charges", try reader.charges(competition: "c", round: "r", teamId: b).times.sorted())
                log.note("files", try reader.files(submissionId: second).map { "\($0.task) \($0.name) \($0.size)" })
                log.note("recent", try reader.recentSubmissions(competition: "c", limit: 2).map(\.message))
                log.note("count", try reader.submissionCount(teamId: b, submittedBy: nil))
                log.note("count by nobody", try reader.submissionCount(teamId: b, submittedBy: 99))
            }
            try store.write { writer in
                try writer.recordScore(
                    Fixtures.score(public: 0.5, private: 0.4, resamples: true), submissionId: first, at: Fixtures.at(11)
                )
                try writer.recordScore(
                    Fixtures.score(public: 0.7, private: 0.2), submissionId: second, at: Fixtures.at(21))
                try writer.markFailed(submissionId: third, error: "bad", detail: "worse", at: Fixtures.at(31))
                try writer.select(competition: "c", round: "r", teamId: b, submissions: [first])
            }
            try store.read { reader in
                let scored = try reader.submission(id: first)
                log.note("scored", scored?.status, scored?.publicScore, scored?.privateScore, scored?.scoredAt)
                log.note("failed", try reader.submission(id: third).map { "\($0.status) \($0.error ?? "")" })
                log.note("scored count", try reader.scoredCount(competition: "c", round: "r"))
                log.note(
                    "by status",
                    try reader.submissions(competition: "c", round: "r", statuses: [.failed, .queued]).map(\.id))
                log.note("selected", try reader.submissions(competition: "c", round: "r", teamId: b).map(\.selected))
                log.note("public resamples", try reader.resamples(submissionIds: [first, second], part: "public"))
                log.note("private resamples", try reader.resamples(submissionIds: [first], part: "private"))
                let entries = try reader.scoredEntries(competition: "c", round: "r").entries
                log.note("entries", entries.map { "\($0.submission) \($0.publicTasks) \($0.selected)" })
                log.note(
                    "frozen",
                    try reader.scoredEntries(competition: "c", round: "r", scoredBy: Fixtures.at(15)).entries.count)
                log.note("team entries", try reader.teamEntries(competition: "c", round: "r", teamId: b).count)
            }
            try store.write { try $0.disqualify(submissionId: second) }
            log.note(
                "after disqualify", try store.read { try $0.scoredEntries(competition: "c", round: "r").entries.count })
            return log
        }
        #expect(transcript.line("teams") == "teams: [a, b]")
        #expect(transcript.line("team b") == "team b: [m20, m10]", "newest first")
        #expect(transcript.line("count by nobody") == "count by nobody: 0")
        #expect(transcript.line("failed") == "failed: failed bad")
        #expect(transcript.line("selected") == "selected: [false, true]")
        #expect(transcript.line("private resamples") == "private resamples: [1: [0.4]]")
        #expect(transcript.line("frozen") == "frozen: 1", "only what was scored by then")
        #expect(transcript.line("after disqualify") == "after disqualify: 1")
    }

    @Test func thePublicBoardStateAndItsLeaderAreKeptAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let teams = try Fixtures.teams(["x", "y", "base"], in: store)
            func row(_ team: String, _ submission: Int64, _ score: Double, at seconds: Double) -> Leaderboard.TeamRow {
                let entry = ScoredEntry(
                    submission: submission, team: team, submittedAt: Fixtures.at(seconds), publicScore: score,
                    privateScore: nil, publicTasks: ["t": score])
                return Leaderboard.TeamRow(
                    entry: entry, score: score, tasks: ["t": score], metrics: ["t": ["f1": score]], count: 2)
            }
            log.note("unbuilt", try store.read { try $0.publicStandings(competition: "c", round: "r") == nil })
            let before = try store.read { try $0.versions(competition: "c").boards }
            try store.write { writer in
                try writer.replacePublicStandings(
                    competition: "c", round: "r",
                    rows: [teams[0]: row("x", 1, 0.5, at: 1), teams[1]: row("y", 2, 0.5, at: 2)])
            }
            try store.write {
                try $0.savePublicStanding(
                    competition: "c", round: "r", teamId: teams[2], row: row("base", 3, 0.9, at: 3))
            }
            let after = try store.read { try $0.versions(competition: "c").boards }
            log.note("version moved", after > before)
            try store.read { reader in
                let standing = try reader.publicStandings(competition: "c", round: "r")
                log.note(
                    "rows",
                    (standing?.rows ?? []).sorted { $0.entry.team < $1.entry.team }.map {
                        "\($0.entry.team) \($0.score) \($0.metrics) \($0.count) \($0.entry.submittedAt.timeIntervalSince1970)"
                    })
                log.note("built", try reader.hasPublicStandings(competition: "c", round: "r"))
                log.note(
                    "leader high",
                    try reader.publicLeader(competition: "c", round: "r", higherIsBetter: true).map {
                        "\($0.team) \($0.score)"
                    })
                log.note(
                    "leader low",
                    try reader.publicLeader(competition: "c", round: "r", higherIsBetter: false).map {
                        "\($0.team) \($0.score)"
                    })
            }
            try store.write { try $0.savePublicStanding(competition: "c", round: "r", teamId: teams[2], row: nil) }
            log.note("removed", try store.read { try $0.publicStandings(competition: "c", round: "r")?.rows.count })
            return log
        }
        #expect(transcript.line("unbuilt") == "unbuilt: true")
        #expect(transcript.line("version moved") == "version moved: true")
        #expect(transcript.line("leader high") == "leader high: base 0.9")
        #expect(transcript.line("leader low") == "leader low: x 0.5", "ties go to the earlier submission")
        #expect(transcript.line("removed") == "removed: 2")
    }

    @Test func theScoreHistoryKeepsOnlyRankedTeamsInSubmissionOrder() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let teams = try Fixtures.teams(["p", "q"], in: store)
            try store.write { writer in
                let baseline = try writer.insert(Fixtures.team("human", baseline: true)).id ?? -1
                for (index, team) in [teams[1], teams[0], baseline, teams[1]].enumerated() {
                    let id = try writer.insert(Fixtures.submission(team: team, at: Double(10 * index))).id ?? -1
                    try writer.recordScore(
                        Fixtures.score(public: Double(index), private: 0), submissionId: id, at: Fixtures.at(100))
                }
            }
            try store.read { reader in
                log.note(
                    "all",
                    try reader.scoreHistory(competition: "c", round: "r", teams: nil).map { "\($0.team) \($0.score)" })
                log.note(
                    "only p",
                    try reader.scoreHistory(competition: "c", round: "r", teams: ["p"]).map { "\($0.team) \($0.score)" }
                )
                log.note("none", try reader.scoreHistory(competition: "c", round: "r", teams: []).count)
                log.note("baselines", try reader.scoredEntries(competition: "c", round: "r").baselines.sorted())
            }
            return log
        }
        #expect(transcript.line("all") == "all: [q 0.0, p 1.0, q 3.0]")
        #expect(transcript.line("only p") == "only p: [p 1.0]")
        #expect(transcript.line("none") == "none: 0")
        #expect(transcript.line("baselines") == "baselines: [human]")
    }

    @Test func aStatementThatFailsUndoesTheWholeWriteOnEveryBackend() throws {
        let backends = try Backends()
        for (name, store) in backends.stores {
            let team = try Fixtures.teams(["a"], in: store)[0]
            // The second file repeats the first's key: the write fails at that statement (PostgreSQL sends it without
            // waiting and learns of it at the commit), and the submission inserted before it goes too.
            #expect(throws: (any Error).self, "\(name)") {
                try store.write { writer in
                    let id = try writer.insert(Fixtures.submission(team: team, at: 1)).id ?? -1
                    let file = SubmissionFileRecord(submissionId: id, task: "t", sha256: "f", name: "t.csv", size: 1)
                    try writer.insert(file)
                    try writer.insert(file)
                }
            }
            #expect(try store.read { try $0.recentSubmissions(competition: "c", limit: 5).isEmpty }, "\(name)")
            try store.write { writer in _ = try writer.insert(Fixtures.submission(team: team, at: 2)) }
            #expect(try store.read { try $0.recentSubmissions(competition: "c", limit: 5).count } == 1, "\(name)")
        }
    }

    @Test func anAcceptedSubmissionIsInsertedWithItsFilesAndQueuedAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let team = try Fixtures.teams(["a"], in: store)[0]
            try Fixtures.queued(team: team, at: 1, in: store)
            let before = try store.read { try $0.versions(competition: "c") }
            let basis = try store.read { try Self.basis(team: team, member: nil, in: $0) }
            let queued = try store.write { writer in
                try writer.insertQueued(
                    Fixtures.submission(team: team, at: 5),
                    files: [
                        SubmissionFileRecord(submissionId: 0, task: "t1", sha256: "x", name: "t1.csv", size: 3),
                        SubmissionFileRecord(submissionId: 0, task: "t2", sha256: "y", name: "t2.jsonl", size: 4),
                    ], kind: .code, at: Fixtures.at(5), if: basis)
            }
            log.note("queue position", queued?.queuePosition)
            let id = try #require(queued?.id)
            try store.read { reader in
                log.note("status", try reader.submission(id: id)?.status.rawValue)
                log.note(
                    "files", try reader.files(submissionId: id).map { "\($0.task) \($0.name) \($0.size)" }.sorted())
                let job = try reader.job(submissionId: id)
                log.note("job", job?.state.rawValue, job?.kind.rawValue, job?.attempts)
                log.note("position read back", try ScoringQueue.position(of: id, in: reader))
                let after = try reader.versions(competition: "c")
                log.note(
                    "activity moved, boards not", after.activity > before.activity && after.boards == before.boards)
            }
            return log
        }
        #expect(transcript.line("queue position") == "queue position: 2")
        #expect(transcript.line("status") == "status: queued")
        #expect(transcript.line("files") == "files: [t1 t1.csv 3, t2 t2.jsonl 4]")
        #expect(transcript.line("job") == "job: queued | code | 0")
        #expect(transcript.line("position read back") == "position read back: 2")
        #expect(transcript.line("activity moved, boards not") == "activity moved, boards not: true")
    }

    /// What the platform reads before an accept of `team` (by `member`) in round `r`.
    static func basis(team: Int64, member: ParticipantRecord?, in reader: any StoreReader) throws -> AcceptBasis {
        AcceptBasis(
            charges: try reader.charges(competition: "c", round: "r", teamId: team),
            member: try member.map { try reader.participant(id: $0.id!)! },
            lastOpenOrClose: try reader.lastOpenOrClose(competition: "c", round: "r")?.id)
    }

    @Test func anAcceptWritesNothingWhenWhatItWasDecidedOnMoved() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let team = try Fixtures.teams(["a"], in: store)[0]
            let ann = try store.write {
                try $0.insert(ParticipationContractTests.participant("ann", team: team))
            }
            func accept(_ basis: AcceptBasis) throws -> String {
                let queued = try store.write { writer in
                    try writer.insertQueued(
                        Fixtures.submission(team: team, at: 9, by: ann.id),
                        files: [SubmissionFileRecord(submissionId: 0, task: "t", sha256: "x", name: "t.csv", size: 1)],
                        kind: .files, at: Fixtures.at(9), if: basis)
                }
                let count = try store.read { try $0.submissions(competition: "c", round: "r", teamId: team).count }
                return "\(queued == nil ? "refused" : "inserted"), \(count) stored"
            }
            var basis = try store.read { try Self.basis(team: team, member: ann, in: $0) }
            try Fixtures.queued(team: team, at: 2, in: store)
            log.note("another accept meanwhile", try accept(basis))
            basis = try store.read { try Self.basis(team: team, member: ann, in: $0) }
            try store.write {
                try $0.insert(
                    RoundActionRecord(competition: "c", round: "r", kind: .close, at: Fixtures.at(3), actor: "org"))
            }
            log.note("closed by hand meanwhile", try accept(basis))
            basis = try store.read { try Self.basis(team: team, member: ann, in: $0) }
            var left = ann
            left.teamId = nil
            try store.write { try $0.update(left) }
            log.note("member left meanwhile", try accept(basis))
            left.teamId = team
            try store.write { try $0.update(left) }
            basis = try store.read { try Self.basis(team: team, member: ann, in: $0) }
            log.note("nothing moved", try accept(basis))
            return log
        }
        #expect(transcript.line("another accept meanwhile") == "another accept meanwhile: refused, 1 stored")
        #expect(transcript.line("closed by hand meanwhile") == "closed by hand meanwhile: refused, 1 stored")
        #expect(transcript.line("member left meanwhile") == "member left meanwhile: refused, 1 stored")
        #expect(transcript.line("nothing moved") == "nothing moved: inserted, 2 stored")
    }

    @Test func sliceResamplesAreKeptPerTaskAndSliceAndReplacedOnRescoring() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let team = try Fixtures.teams(["a"], in: store)[0]
            let id = try store.write { try $0.insert(Fixtures.submission(team: team, at: 1)).id ?? -1 }
            var score = Fixtures.score(public: 0.5, private: 0.5)
            score.sliceResamples = ["t": ["logic": [0.25, 0.5], "logic/negation": [1, 0]], "u": ["x": [0.125]]]
            try store.write { try $0.recordScore(score, submissionId: id, at: Fixtures.at(2)) }
            log.note("t", try store.read { try $0.sliceResamples(submissionIds: [id], task: "t") }[id] ?? [:])
            score.sliceResamples = ["t": ["logic": [0.75]]]
            try store.write { try $0.recordScore(score, submissionId: id, at: Fixtures.at(3)) }
            log.note("t again", try store.read { try $0.sliceResamples(submissionIds: [id], task: "t") }[id] ?? [:])
            log.note("u gone", try store.read { try $0.sliceResamples(submissionIds: [id], task: "u") }.isEmpty)
            return log
        }
        #expect(transcript.line("t") == "t: [logic/negation: [1.0, 0.0], logic: [0.25, 0.5]]")
        #expect(transcript.line("t again") == "t again: [logic: [0.75]]")
        #expect(transcript.line("u gone") == "u gone: true")
    }
}
