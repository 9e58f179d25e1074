import Foundation
import Storage
import TestSupport
import Testing

/// Participants, invites, merges, organisers and the audit log, as every backend keeps them.
@Suite(.ownThreads)
struct ParticipationContractTests {
    static func participant(_ name: String, team: Int64?) -> ParticipantRecord {
        ParticipantRecord(
            competition: "c", name: name, tokenHash: "p-\(name)", status: .approved, teamId: team,
            joinedAt: team == nil ? nil : Fixtures.at(1), acceptedRules: true, createdAt: Fixtures.start)
    }

    @Test func participantsInvitesAndMergesBehaveAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            let teams = try Fixtures.teams(["red", "blue"], in: store)
            let (red, blue) = (teams[0], teams[1])
            let ann = try store.write { try $0.insert(Self.participant("ann", team: red)) }
            _ = try store.write { try $0.insert(Self.participant("bob", team: blue)) }
            var cy = try store.write { try $0.insert(Self.participant("cy", team: nil)) }
            cy.teamId = red
            cy.joinedAt = Fixtures.at(2)
            try store.write { writer in
                try writer.update(cy)
                try writer.insert(
                    InviteRecord(code: "INV1", competition: "c", teamId: red, state: .active, createdAt: Fixtures.start)
                )
                try writer.insert(
                    InviteRecord(
                        code: "INV2", competition: "c", teamId: blue, state: .active, createdAt: Fixtures.start))
                try writer.closeInvite(code: "INV1", state: .used, usedBy: cy.id, at: Fixtures.at(2))
                try writer.save(AdvancementRecord(competition: "c", round: "final", teamId: blue, at: Fixtures.at(3)))
            }
            let blueSubmission = try Fixtures.queued(team: blue, at: 4, in: store)
            try store.read { reader in
                log.note("members", try reader.members(teamId: red).map(\.name))
                log.note("by token", try reader.participant(competition: "c", tokenHash: "p-bob")?.name)
                log.note("by name", try reader.participant(competition: "c", name: "ann")?.id == ann.id)
                log.note("all", try reader.participants(competition: "c").map(\.name))
                log.note("used invite", try reader.invite(code: "INV1").map { "\($0.state) \($0.usedBy == cy.id)" })
                log.note("active of red", try reader.activeInvite(teamId: red)?.code)
            }
            let request = try store.write { writer in
                try writer.insert(
                    MergeRequestRecord(
                        competition: "c", fromTeam: blue, intoTeam: red, state: .pending, createdAt: Fixtures.at(5)))
            }
            log.note("pending", try store.read { try $0.pendingMerges(teamId: red).map(\.state) })
            try store.write { writer in
                try writer.decideMerge(id: request.id ?? -1, state: .accepted, at: Fixtures.at(6))
                try writer.moveTeam(from: blue, into: red, at: Fixtures.at(6))
            }
            try store.read { reader in
                log.note("merged members", try reader.members(teamId: red).map(\.name))
                log.note("blue gone", try reader.team(id: blue) == nil)
                log.note("moved submission", try reader.submission(id: blueSubmission)?.teamId == red)
                log.note("moved job", try reader.job(submissionId: blueSubmission)?.state)
                log.note("advanced", try reader.advancedTeams(competition: "c", round: "final") == [red])
                log.note("blue's invite", try reader.invite(code: "INV2")?.state)
                log.note(
                    "request",
                    try reader.mergeRequest(id: request.id ?? -1).map {
                        "\($0.state) \($0.decidedAt.map { $0 == Fixtures.at(6) } ?? false)"
                    })
                log.note("count by ann", try reader.submissionCount(teamId: red, submittedBy: ann.id))
            }
            try store.write { writer in
                let lone = try writer.insert(Fixtures.team("lone"))
                try writer.insert(
                    InviteRecord(
                        code: "INV3", competition: "c", teamId: lone.id ?? -1, state: .active, createdAt: Fixtures.start
                    ))
                try writer.deleteTeam(id: lone.id ?? -1)
                log.note("deleted", try writer.team(id: lone.id ?? -1) == nil, try writer.invite(code: "INV3")?.state)
            }
            return log
        }
        #expect(transcript.line("members") == "members: [ann, cy]")
        #expect(transcript.line("used invite") == "used invite: used true")
        #expect(transcript.line("active of red") == "active of red: nil")
        #expect(transcript.line("merged members") == "merged members: [ann, bob, cy]", "by the time they joined")
        #expect(transcript.line("blue gone") == "blue gone: true")
        #expect(transcript.line("moved submission") == "moved submission: true")
        #expect(transcript.line("advanced") == "advanced: true")
        #expect(transcript.line("blue's invite") == "blue's invite: revoked")
        #expect(transcript.line("deleted") == "deleted: true | revoked")
    }

    @Test func organisersAndTheAuditLogPageAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            try store.write { writer in
                try writer.save(Fixtures.competition())
                _ = try writer.insert(OrganiserRecord(name: "zoe", tokenHash: "oz", createdAt: Fixtures.start))
                _ = try writer.insert(OrganiserRecord(name: "al", tokenHash: "oa", createdAt: Fixtures.start))
                for index in 0..<5 {
                    try writer.insert(
                        AuditRecord(
                            at: Fixtures.at(Double(index)), actor: "al", action: "round.open",
                            competition: index.isMultiple(of: 2) ? "c" : nil, subject: "r\(index)", reason: nil))
                }
            }
            try store.read { reader in
                log.note("organisers", try reader.organisers().map(\.name))
                log.note(
                    "by token", try reader.organiser(tokenHash: "oz")?.name, try reader.organiser(name: "nobody")?.name)
                let newest = try reader.audit(competition: nil, before: nil, limit: 2)
                log.note("newest", newest.map(\.subject))
                log.note("older", try reader.audit(competition: nil, before: newest.last?.id, limit: 10).map(\.subject))
                log.note("of c", try reader.audit(competition: "c", before: nil, limit: 10).map(\.subject))
            }
            return log
        }
        #expect(transcript.line("organisers") == "organisers: [al, zoe]")
        #expect(transcript.line("by token") == "by token: zoe | nil")
        #expect(transcript.line("newest") == "newest: [r4, r3]")
        #expect(transcript.line("older") == "older: [r2, r1, r0]")
        #expect(transcript.line("of c") == "of c: [r4, r2, r0]")
    }
}
