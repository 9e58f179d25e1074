import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// Self-service participation on the demo competition (registration: open, teams of two, merges until
/// 2026-12-10 21:00 UTC, rules to accept): signing up, teams and invite codes, submitting as a member,
/// leaving, merging, and the precise refusal of every bad request, with nothing changed by a refusal.
@Suite(.serialized, .ownThreads)
struct ParticipationTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static let slug = "nti-digits"

    /// A harness on 2 December 2026 with the practice round open.
    static func harness() throws -> PlatformHarness {
        let harness = try PlatformHarness(now: date("2026-12-02T10:00:00Z"))
        _ = try harness.platform.organisers.act("open", competition: slug, round: "practice", actor: "test")
        return harness
    }

    /// The refusal `body` throws.
    static func refusal(_ body: () throws -> Void) throws -> PlatformError {
        do {
            try body()
        } catch let error as PlatformError {
            return error
        }
        Issue.record("expected a refusal")
        throw CancellationError()
    }

    @Test func twoSignUpFormATeamShareItsQuotaAndAThirdFindsItFull() throws {
        let harness = try Self.harness()
        let platform = harness.platform
        let (alice, aliceToken) = try platform.participation.signUp(
            competition: Self.slug, name: "Alice", acceptRules: true)
        let (bob, _) = try platform.participation.signUp(competition: Self.slug, name: "Bob", acceptRules: true)
        let (carol, _) = try platform.participation.signUp(competition: Self.slug, name: "Carol", acceptRules: true)
        #expect(alice.status == .approved, "registration: open needs no approval")
        #expect(try platform.participation.participant(competition: Self.slug, token: aliceToken)?.id == alice.id)

        let founded = try platform.participation.createTeam(
            competition: Self.slug, participant: alice, name: "Digit Hunters")
        #expect(founded.team.captainId == alice.id && founded.members.map(\.name) == ["Alice"])
        let firstCode = try #require(founded.inviteCode)
        let joined = try platform.participation.joinTeam(
            competition: Self.slug, participant: bob, inviteCode: firstCode)
        #expect(joined.members.map(\.name) == ["Alice", "Bob"])
        #expect(joined.inviteCode == nil, "a full team has no invite code")

        // The code admitted Bob: it is used now, whoever brings it.
        let used = try Self.refusal {
            _ = try platform.participation.joinTeam(competition: Self.slug, participant: carol, inviteCode: firstCode)
        }
        #expect(used.code == .inviteUsed)

        // Both members submit for the team, and share its quota of 20 a day in practice.
        let team = joined.team
        let aliceNow = try platform.participation.participant(competition: Self.slug, name: "Alice")
        let bobNow = try platform.participation.participant(competition: Self.slug, name: "Bob")
        let first = try platform.submissions.accept(
            competition: Self.slug, round: "practice", team: team,
            uploads: [PlatformHarness.example("knn/practice.csv")],
            by: aliceNow)
        let second = try platform.submissions.accept(
            competition: Self.slug, round: "practice", team: team,
            uploads: [PlatformHarness.example("logreg/practice.csv")], by: bobNow)
        #expect(first.quota.usedToday == 1 && second.quota.usedToday == 2, "one quota for the team")
        #expect(try platform.submissions.submission(second.id)?.submittedBy == bobNow.id)
        let resource = try platform.submissions.submissionResource(
            try #require(try platform.submissions.submission(second.id)), organiser: false)
        #expect(resource.submittedBy == "Bob", "the team sees who uploaded it")

        // Carol cannot join a full team, even with a fresh code from a captain who made room for nobody.
        let rotated = try Self.refusal {
            _ = try platform.participation.rotateInvite(competition: Self.slug, captain: aliceNow)
        }
        #expect(rotated.code == .teamFull)
        #expect(try platform.participation.teamView(of: aliceNow).members.count == 2)
    }

    @Test func closedRegistrationRefusesSignUp() throws {
        let harness = try PlatformHarness()
        let folder = try harness.copyCompetition("nti-digits", as: "closed-cup") { yaml in
            yaml.replacingOccurrences(of: "registration: open", with: "registration: closed")
        }
        _ = try harness.load(folder)
        let error = try Self.refusal {
            _ = try harness.platform.participation.signUp(competition: "closed-cup", name: "Alice", acceptRules: true)
        }
        #expect(error.code == .registrationClosed)
        #expect(try harness.platform.participation.participants(competition: "closed-cup").isEmpty)
    }

    @Test func underApprovalNobodySubmitsUntilAnOrganiserApproves() throws {
        let harness = try Self.harness()
        let folder = try harness.copyCompetition("nti-digits", as: "approval-cup") { yaml in
            yaml.replacingOccurrences(of: "registration: open", with: "registration: approval")
        }
        _ = try harness.load(folder)
        _ = try harness.platform.organisers.act("open", competition: "approval-cup", round: "practice", actor: "test")
        let platform = harness.platform
        let (dora, _) = try platform.participation.signUp(competition: "approval-cup", name: "Dora", acceptRules: true)
        #expect(dora.status == .pending)
        let view = try platform.participation.createTeam(
            competition: "approval-cup", participant: dora, name: "Pending")
        let upload = [PlatformHarness.example("knn/practice.csv")]
        let refused = try Self.refusal {
            _ = try platform.submissions.accept(
                competition: "approval-cup", round: "practice", team: view.team, uploads: upload, by: dora)
        }
        #expect(refused.code == .notApproved)
        #expect(try platform.submissions.list(competition: "approval-cup", round: "practice", team: view.team).isEmpty)
        _ = try platform.organisers.approve(competition: "approval-cup", participant: "Dora", actor: "alice-organiser")
        let approved = try platform.participation.participant(competition: "approval-cup", name: "Dora")
        let accepted = try platform.submissions.accept(
            competition: "approval-cup", round: "practice", team: view.team, uploads: upload, by: approved)
        #expect(accepted.status == .queued)
        let log = try platform.organisers.auditLog(competition: "approval-cup")
        #expect(
            log.contains { $0.action == "participant.approve" && $0.actor == "alice-organiser" && $0.subject == "Dora" }
        )
    }

    @Test func badInputGetsASpecificRefusalAndChangesNothing() throws {
        let harness = try Self.harness()
        let platform = harness.platform
        for (name, accept) in [
            ("", true), ("   ", true), (String(repeating: "я", count: 10_000), true), ("a\u{7}b", true),
        ] {
            let error = try Self.refusal {
                _ = try platform.participation.signUp(competition: Self.slug, name: name, acceptRules: accept)
            }
            #expect(error.code == .invalidInput, "\(name.prefix(10))")
        }
        let rules = try Self.refusal {
            _ = try platform.participation.signUp(competition: Self.slug, name: "Eve", acceptRules: false)
        }
        #expect(rules.code == .rulesNotAccepted && rules.message.contains("rules"))
        #expect(try platform.participation.participants(competition: Self.slug).isEmpty, "no refusal signed anybody up")

        let (eve, _) = try platform.participation.signUp(competition: Self.slug, name: "Eve", acceptRules: true)
        let taken = try Self.refusal {
            _ = try platform.participation.signUp(competition: Self.slug, name: "Eve", acceptRules: true)
        }
        #expect(taken.code == .nameTaken)
        let first = try platform.participation.createTeam(competition: Self.slug, participant: eve, name: "Eve's")
        let twice = try Self.refusal {
            _ = try platform.participation.createTeam(competition: Self.slug, participant: eve, name: "Other")
        }
        #expect(twice.code == .alreadyInTeam)
        let (frank, _) = try platform.participation.signUp(competition: Self.slug, name: "Frank", acceptRules: true)
        _ = try platform.participation.createTeam(competition: Self.slug, participant: frank, name: "Frank's")
        let frankNow = try platform.participation.participant(competition: Self.slug, name: "Frank")
        let second = try Self.refusal {
            _ = try platform.participation.joinTeam(
                competition: Self.slug, participant: frankNow, inviteCode: first.inviteCode!)
        }
        #expect(second.code == .alreadyInTeam, "joining two teams")

        // A replaced code is revoked: it says so, rather than "unknown".
        let eveNow = try platform.participation.participant(competition: Self.slug, name: "Eve")
        let newCode = try platform.participation.rotateInvite(competition: Self.slug, captain: eveNow)
        #expect(newCode != first.inviteCode)
        let (gil, _) = try platform.participation.signUp(competition: Self.slug, name: "Gil", acceptRules: true)
        let revoked = try Self.refusal {
            _ = try platform.participation.joinTeam(
                competition: Self.slug, participant: gil, inviteCode: first.inviteCode!)
        }
        #expect(revoked.code == .inviteRevoked)
        let unknown = try Self.refusal {
            _ = try platform.participation.joinTeam(competition: Self.slug, participant: gil, inviteCode: "inv_nope")
        }
        #expect(unknown.code == .notFound)
        #expect(
            try platform.participation.teamView(of: eveNow).members.map(\.name) == ["Eve"],
            "no refusal changed the team")
        let notCaptain = try Self.refusal {
            _ = try platform.participation.joinTeam(competition: Self.slug, participant: gil, inviteCode: newCode)
            _ = try platform.participation.rotateInvite(
                competition: Self.slug,
                captain: try platform.participation.participant(competition: Self.slug, name: "Gil"))
        }
        #expect(notCaptain.code == .notCaptain)
    }

    @Test func aMemberLeavesBeforeTheirFirstSubmissionButNotAfter() throws {
        let harness = try Self.harness()
        let platform = harness.platform
        let (hana, _) = try platform.participation.signUp(competition: Self.slug, name: "Hana", acceptRules: true)
        let (ivan, _) = try platform.participation.signUp(competition: Self.slug, name: "Ivan", acceptRules: true)
        let view = try platform.participation.createTeam(competition: Self.slug, participant: hana, name: "HI")
        _ = try platform.participation.joinTeam(competition: Self.slug, participant: ivan, inviteCode: view.inviteCode!)
        let hanaNow = try platform.participation.participant(competition: Self.slug, name: "Hana")
        _ = try platform.submissions.accept(
            competition: Self.slug, round: "practice", team: view.team,
            uploads: [PlatformHarness.example("knn/practice.csv")],
            by: hanaNow)
        let stays = try Self.refusal {
            try platform.participation.leaveTeam(competition: Self.slug, participant: hanaNow)
        }
        #expect(stays.code == .hasSubmitted)
        let removed = try Self.refusal {
            try platform.participation.removeMember(
                competition: Self.slug,
                captain: try platform.participation.participant(competition: Self.slug, name: "Ivan"),
                member: "Hana")
        }
        #expect(removed.code == .notCaptain)
        // Ivan has not submitted: he may leave, and the team gets a code for a new member.
        try platform.participation.leaveTeam(
            competition: Self.slug,
            participant: try platform.participation.participant(competition: Self.slug, name: "Ivan"))
        let after = try platform.participation.teamView(of: hanaNow)
        #expect(after.members.map(\.name) == ["Hana"] && after.inviteCode != nil)
        #expect(try platform.participation.participant(competition: Self.slug, name: "Ivan").teamId == nil)
    }

    @Test func anAcceptedMergeLeavesOneRowOnTheBoard() throws {
        let harness = try Self.harness()
        let platform = harness.platform
        var captains: [ParticipantRecord] = []
        var teams: [TeamRecord] = []
        for (person, team, model) in [("Jo", "J", "knn"), ("Kim", "K", "logreg")] {
            let (participant, _) = try platform.participation.signUp(
                competition: Self.slug, name: person, acceptRules: true)
            let view = try platform.participation.createTeam(
                competition: Self.slug, participant: participant, name: team)
            let member = try platform.participation.participant(competition: Self.slug, name: person)
            _ = try platform.submissions.accept(
                competition: Self.slug, round: "practice", team: view.team,
                uploads: [PlatformHarness.example("\(model)/practice.csv")], by: member)
            captains.append(member)
            teams.append(view.team)
        }
        try platform.scoring.work(worker: "w", once: true)
        #expect(try platform.boards.standings(competition: Self.slug, round: "practice", board: .public).count == 2)

        // K asks to merge into J; only J's captain may accept.
        let request = try platform.participation.requestMerge(competition: Self.slug, captain: captains[1], into: "J")
        let wrong = try Self.refusal {
            try platform.participation.answerMerge(
                competition: Self.slug, captain: captains[1], request: request.id!, accept: true)
        }
        #expect(wrong.code == .notCaptain)
        let survivor = try platform.participation.answerMerge(
            competition: Self.slug, captain: captains[0], request: request.id!, accept: true)
        #expect(survivor?.name == "J")
        let board = try platform.boards.standings(competition: Self.slug, round: "practice", board: .public)
        #expect(board.map(\.team) == ["J"], "one row after the merge")
        let merged = try platform.participation.teamView(
            of: try platform.participation.participant(competition: Self.slug, name: "Kim"))
        #expect(merged.team.name == "J" && merged.members.map(\.name) == ["Jo", "Kim"])
        #expect(merged.inviteCode == nil, "the merged team is full (two of two): no code admits a third")
        #expect(try platform.submissions.list(competition: Self.slug, round: "practice", team: merged.team).count == 2)
        #expect(try platform.participation.teams(competition: Self.slug).map(\.name) == ["J"], "K is gone")
    }

    @Test func mergesAreRefusedOverTheSizeAfterTheDeadlineAndOverTheQuota() throws {
        let harness = try Self.harness()
        let platform = harness.platform
        func captainOf(_ team: String, members: [String]) throws -> ParticipantRecord {
            let (captain, _) = try platform.participation.signUp(
                competition: Self.slug, name: members[0], acceptRules: true)
            var view = try platform.participation.createTeam(competition: Self.slug, participant: captain, name: team)
            for other in members.dropFirst() {
                let (member, _) = try platform.participation.signUp(
                    competition: Self.slug, name: other, acceptRules: true)
                view = try platform.participation.joinTeam(
                    competition: Self.slug, participant: member, inviteCode: view.inviteCode!)
            }
            return try platform.participation.participant(competition: Self.slug, name: members[0])
        }
        let full = try captainOf("Full", members: ["Lea", "Max"])
        let solo = try captainOf("Solo", members: ["Nia"])
        let busy = try captainOf("Busy", members: ["Oto"])
        let size = try Self.refusal {
            _ = try platform.participation.requestMerge(competition: Self.slug, captain: solo, into: "Full")
        }
        #expect(size.code == .mergeNotAllowed && size.message.contains("3 members"))
        _ = full

        // Practice allows 20 a day: 12 + 12 made today would be 24 in the merged team.
        for (captain, team) in [(solo, "Solo"), (busy, "Busy")] {
            let record = try platform.participation.team(competition: Self.slug, name: team)
            for _ in 0..<12 {
                _ = try platform.submissions.accept(
                    competition: Self.slug, round: "practice", team: record,
                    uploads: [PlatformHarness.example("knn/practice.csv")], by: captain)
            }
        }
        let quota = try Self.refusal {
            _ = try platform.participation.requestMerge(competition: Self.slug, captain: busy, into: "Solo")
        }
        #expect(quota.code == .mergeNotAllowed && quota.message.contains("24 submissions today"))

        // A day later the daily count is back to zero; after the deadline nothing merges.
        harness.now = Self.date("2026-12-11T10:00:00Z")
        let late = try Self.refusal {
            _ = try platform.participation.requestMerge(competition: Self.slug, captain: busy, into: "Solo")
        }
        #expect(late.code == .mergeDeadlinePassed)
        #expect(try platform.participation.teams(competition: Self.slug).count == 3, "no refusal merged anything")
    }

    @Test func organiserActionsAreAuditedWithTheirNamesAndTheLogSurvivesARestart() throws {
        let harness = try Self.harness()
        let (organiser, token) = try harness.platform.organisers.addOrganiser(name: "Olga", actor: "cli:root")
        #expect(try harness.platform.organisers.organiser(token: token)?.id == organiser.id)
        #expect(try harness.platform.organisers.organiser(token: token + "x") == nil)
        let (team, _) = try harness.team("alpha")
        let accepted = try harness.platform.submissions.accept(
            competition: Self.slug, round: "practice", team: team,
            uploads: [PlatformHarness.example("knn/practice.csv")])
        let noReason = try Self.refusal {
            try harness.platform.organisers.disqualify(submission: accepted.id, actor: "Olga", reason: " ")
        }
        #expect(noReason.code == .invalidInput)
        try harness.platform.organisers.disqualify(
            submission: accepted.id, actor: "Olga", reason: "hand-labelled test set")
        _ = try harness.platform.organisers.act("close", competition: Self.slug, round: "practice", actor: "Olga")

        let reopened = try harness.reopen()
        let log = try reopened.organisers.auditLog(competition: Self.slug)
        let disqualify = try #require(log.first { $0.action == "submission.disqualify" })
        #expect(disqualify.actor == "Olga" && disqualify.reason == "hand-labelled test set")
        #expect(log.first?.action == "round.close", "newest first")
        #expect(log.contains { $0.action == "team.add" && $0.subject == "alpha" })
        #expect(try reopened.organisers.auditLog().contains { $0.action == "organiser.add" && $0.subject == "Olga" })
        // Each entry is an event for the organisers' chat, too.
        #expect(
            try reopened.organisers.events(limit: 50).contains {
                $0.type == .organiserAction && $0.payload.contains("Olga")
            })
    }
}
