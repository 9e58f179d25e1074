import FairPlay
import Foundation
import MLMetrics
import Platform
import PodiumAPI
import Storage
import TestSupport
import Testing

/// Fair play tried as an organiser meets it (issue 32): teams scored for real, cases read from the review's
/// report, decisions audited.
@Suite(.serialized, .ownThreads)
struct IntegrityCaseTests {
    @Test func copiersAreFlaggedAndTenHonestTeamsAreNot() throws {
        let event = try FairPlayEvent()
        var random = SeededGenerator(seed: 32)
        var honest: [[Bool]] = []
        for index in 0..<10 {
            let answers = FairPlayEvent.honest(&random, easy: 0.86 + 0.01 * Double(index % 5))
            honest.append(answers)
            try event.submit("honest \(index)", answers)
        }
        try event.submit("copier", FairPlayEvent.copy(honest[3], noise: 0.05, &random))
        try event.score()
        let cases = try event.cases().filter { $0.kind == "shared_predictions" }
        #expect(cases.map(\.teams) == [["honest 3", "copier"]], "\(cases.map(\.teams))")
        let evidence = try #require(cases.first?.evidence)
        #expect(try #require(evidence.kappa) >= 0.6)
        #expect(evidence.rows == FairPlayEvent.rows / 2, "the Private rows")
        #expect(try #require(evidence.bothWrong) > Int(try #require(evidence.expectedBothWrong)) * 2)
        #expect(cases.first?.state == "open", "nothing is decided automatically")
        #expect(try event.cases().allSatisfy { $0.kind != "identical_file" })
    }

    @Test func aTeamIsComparedByTheSubmissionItSelects() throws {
        let event = try FairPlayEvent()
        var random = SeededGenerator(seed: 11)
        let firstRed = FairPlayEvent.honest(&random)
        let redOld = try event.submit("red", firstRed)
        try event.submit("red", FairPlayEvent.honest(&random, easy: 0.97))
        try event.score()
        // Blue copies red's old file (5 % changed), then sends a better model of its own: when the copy is scored,
        // red stands for itself by its newer file, and after that the copy is neither blue's best nor its latest.
        let copied = try event.submit("blue", FairPlayEvent.copy(firstRed, noise: 0.05, &random))
        try event.submit("blue", FairPlayEvent.honest(&random, easy: 0.97))
        try event.score()
        #expect(try event.cases().filter { $0.kind == "shared_predictions" }.isEmpty)
        // Both pick those old files for the final: now they are compared by them.
        try event.platform.submissions.select(
            competition: event.slug, round: "main", team: try event.team("red"), submissions: [redOld])
        #expect(try event.cases().filter { $0.kind == "shared_predictions" }.isEmpty, "blue has not chosen yet")
        try event.platform.submissions.select(
            competition: event.slug, round: "main", team: try event.team("blue"), submissions: [copied])
        let cases = try event.cases().filter { $0.kind == "shared_predictions" }
        #expect(cases.map(\.teams) == [["red", "blue"]])
        #expect(cases.first?.evidence.submissions.sorted() == [redOld, copied])
    }

    @Test func theSameFileFromTwoTeamsIsFlaggedWhateverItsRowOrderAndQuoting() throws {
        let event = try FairPlayEvent()
        var random = SeededGenerator(seed: 7)
        let answers = FairPlayEvent.honest(&random)
        let first = try event.submit("red", answers)
        try event.submit("red", answers)  // a team's own resubmission is no case
        try event.score()
        #expect(try event.cases().isEmpty)
        var order = Array(answers.indices)
        order.shuffle(using: &random)
        let second = try event.submit("blue", answers, order: order, dressed: true)
        try event.score()
        let identical = try event.cases().filter { $0.kind == "identical_file" }
        #expect(identical.map(\.teams) == [["red", "blue"]])
        let evidence = try #require(identical.first?.evidence)
        #expect(evidence.submissions.contains(first) && evidence.submissions.contains(second))
        #expect(evidence.contentHash?.count == 64)
        // A file that differs in one row is not the same file.
        var changed = answers
        changed[11].toggle()
        try event.submit("green", changed)
        try event.score()
        #expect(try event.cases().filter { $0.kind == "identical_file" }.count == 1)
    }

    @Test func aFileManyTeamsSendIsOneCaseAndABaselinesIsNone() throws {
        let event = try FairPlayEvent()
        var random = SeededGenerator(seed: 13)
        let published = FairPlayEvent.honest(&random)
        try event.team("tf-idf", baseline: true)
        try event.submit("tf-idf", published)
        try event.submit("red", FairPlayEvent.honest(&random))
        for team in ["red", "blue", "green", "gold"] { try event.submit(team, published) }
        try event.submit("red", published)  // sent again: nothing new
        try event.score()
        let cases = try event.cases()
        #expect(cases.map(\.kind) == ["identical_file"], "no pair of copies is also a shared-predictions case")
        #expect(cases.first?.teams == ["red", "blue", "green", "gold"], "one case a file; the baseline is public")
        #expect(cases.first?.evidence.submissions.count == 4, "each team's first sending")
    }

    @Test func oneAddressForTwoTeamsIsFlaggedAndNeverStoredInClear() throws {
        let event = try FairPlayEvent(settings: "registration: open")
        let platform = event.platform
        func member(_ name: String, team: String) throws -> Int64 {
            let (participant, _) = try platform.participation.signUp(
                competition: event.slug, name: name, acceptRules: true)
            _ = try platform.participation.createTeam(competition: event.slug, participant: participant, name: team)
            return participant.id!
        }
        let (ann, bob, cat) = (
            try member("ann", team: "red"), try member("bob", team: "blue"), try member("cat", team: "green")
        )
        let laptop = IntegrityService.Client(address: "198.51.100.23", browser: "Mozilla/5.0 Firefox/140.0")
        let elsewhere = IntegrityService.Client(address: "203.0.113.9", browser: "Mozilla/5.0 Firefox/140.0")
        try platform.integrity.recordAccess(
            competition: event.slug, participantId: ann, action: "submit", client: laptop)
        event.harness.now = event.harness.now.addingTimeInterval(600)
        try platform.integrity.recordAccess(
            competition: event.slug, participantId: bob, action: "submit", client: laptop)
        try platform.integrity.recordAccess(
            competition: event.slug, participantId: cat, action: "submit", client: elsewhere)
        // The same address from another browser on a page is a shared network (a hackathon's hall), not a case.
        try platform.integrity.recordAccess(
            competition: event.slug, participantId: cat, action: "submit",
            client: .init(address: "198.51.100.23", browser: "Mozilla/5.0 Chrome/131.0"))
        let cases = try event.cases().filter { $0.kind == "shared_address" }
        #expect(cases.map(\.teams) == [["red", "blue"]], "\(cases.map(\.teams))")
        #expect(cases.first?.evidence.requests == 2)
        #expect(cases.first?.evidence.sameBrowser == true)
        // A token used from that address later (no browser) by a third team's member joins in.
        event.harness.now = event.harness.now.addingTimeInterval(60)
        try platform.integrity.recordAccess(
            competition: event.slug, participantId: cat, action: "submit",
            client: .init(address: "198.51.100.23", browser: nil))
        #expect(try event.cases().filter { $0.kind == "shared_address" }.count == 3)

        // Not one byte of the address is on disk: only its HMAC under the event's key.
        #expect(try Self.filesContain(event.harness.data, "198.51.100.23") == false)
        #expect(try Self.filesContain(event.harness.data, "Firefox/140.0") == false)
        #expect(try platform.integrity.report(competition: event.slug, round: "main").addressesKept)
        let key = try #require(try platform.store.read { try $0.integrityKey(competition: event.slug) })
        let hashed = AddressHash.hash("198.51.100.23", key: key)
        func traces() throws -> Int {
            try platform.store.read {
                try $0.accessTraces(competition: event.slug, addressHash: hashed, since: .distantPast).count
            }
        }
        #expect(try traces() == 4)
        // The event's end drops the hashes and their key; the cases stay.
        for round in ["main", "ladder"] {
            _ = try platform.organisers.act("close", competition: event.slug, round: round, actor: "test")
            _ = try platform.organisers.act("reveal", competition: event.slug, round: round, actor: "test")
        }
        let report = try platform.integrity.report(competition: event.slug, round: "main")
        #expect(report.addressesKept == false)
        #expect(report.cases.filter { $0.kind == "shared_address" }.count == 3)
        #expect(try traces() == 0)
        #expect(
            try platform.organisers.auditLog(competition: event.slug).contains {
                $0.action == "integrity.addresses_dropped"
            })
        try platform.integrity.recordAccess(
            competition: event.slug, participantId: ann, action: "submit", client: laptop)
        #expect(try platform.store.read { try $0.integrityKey(competition: event.slug) } == nil, "none after the event")
    }

    @Test func anOrganiserClearsOrUpholdsACaseWithAReasonInTheAuditLog() throws {
        let event = try FairPlayEvent()
        var random = SeededGenerator(seed: 3)
        let answers = FairPlayEvent.honest(&random)
        let original = try event.submit("red", answers)
        let copied = try event.submit("blue", answers)
        try event.score()
        let platform = event.platform
        let found = try #require(try event.cases().first { $0.kind == "identical_file" })
        #expect(throws: PlatformError.self) {
            try platform.integrity.decide(
                competition: event.slug, round: "main", case: found.id, state: .upheld, reason: nil, actor: "olga")
        }
        #expect(throws: PlatformError.self, "only an upheld case disqualifies") {
            try platform.integrity.decide(
                competition: event.slug, round: "main", case: found.id, state: .cleared, reason: "fine",
                disqualify: .teams, actor: "olga")
        }
        let decided = try platform.integrity.decide(
            competition: event.slug, round: "main", case: found.id, state: .upheld,
            reason: "blue resubmitted red's file", disqualify: .submissions, actor: "olga")
        #expect(decided.state == "upheld" && decided.decidedBy == "olga")
        #expect(decided.reason == "blue resubmitted red's file")
        for id in [original, copied] {
            #expect(try platform.submissions.submission(id)?.disqualified == true)
        }
        let log = try platform.organisers.auditLog(competition: event.slug)
        #expect(log.contains { $0.action == "integrity.uphold" && $0.actor == "olga" })
        #expect(log.filter { $0.action == "submission.disqualify" }.count == 2)
        #expect(try platform.boards.standings(competition: event.slug, round: "main", board: .public).isEmpty)
        // Another round's case id is not this round's.
        #expect(throws: PlatformError.self) {
            try platform.integrity.decide(
                competition: event.slug, round: "ladder", case: found.id, state: .cleared, reason: "x", actor: "olga")
        }
    }

    @Test func theCommandLineListsAndDecidesCases() async throws {
        let event = try FairPlayEvent()
        var random = SeededGenerator(seed: 17)
        let answers = FairPlayEvent.honest(&random)
        try event.submit("red", answers)
        try event.submit("blue", answers)
        try event.submit("green", FairPlayEvent.honest(&random))
        // The worker process scores them and says what the signals cost.
        let work = try await event.harness.podium(["work", "--once", "--json"])
        #expect(work.status == 0 && work.out.contains("\"signal_ms_mean\""), "\(work.out)")
        let listed = try await event.harness.podium(["integrity", event.slug, "main"])
        #expect(listed.status == 0)
        #expect(listed.out.contains("identical_file  red · blue  open"), "\(listed.out)")
        let id = try #require(try event.cases().first?.id)
        let refused = try await event.harness.podium([
            "integrity", "decide", event.slug, "main", "\(id)", "--state", "maybe", "--reason", "x",
        ])
        #expect(refused.status != 0)
        let decided = try await event.harness.podium([
            "integrity", "decide", event.slug, "main", "\(id)", "--state", "cleared", "--reason", "a shared baseline",
            "--json",
        ])
        #expect(decided.status == 0)
        let resource = try APICoding.decoder().decode(IntegrityCaseResource.self, from: Data(decided.out.utf8))
        #expect(resource.state == "cleared" && resource.reason == "a shared baseline")
    }

    static func filesContain(_ folder: String, _ text: String) throws -> Bool {
        let needle = Data(text.utf8)
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return try files.contains { name in
            var isFolder: ObjCBool = false
            let path = "\(folder)/\(name)"
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                return false
            }
            return try Data(contentsOf: URL(fileURLWithPath: path)).range(of: needle) != nil
        }
    }
}
