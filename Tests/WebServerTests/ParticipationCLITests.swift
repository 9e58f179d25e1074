import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Participation with the real binaries, as people would use them: `podium join` and `podium team …` against a
/// real `podium serve`, and the organisers' `podium organiser add`, `participant` and `audit` on the box.
extension ServeCommandTests {
    static func value(_ key: String, in output: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])?[key] as? String
    }

    @Test func participantsJoinFormATeamAndSubmitWithTheCLI() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-join-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try await run(
            ["competition", "load", "competitions/nti-digits", "--data", data] + TestCalendar.loadArguments)
        _ = try await run(["round", "open", "nti-digits", "practice", "--data", data])
        let (server, base) = try await serve(data: data, arguments: ["--competitions", "/none"])
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        let (refusedStatus, refused) = try await run(["join", "nti-digits", "--server", base, "--name", "Alice"])
        #expect(
            refusedStatus == 1 && refused.contains("403 rules_not_accepted") && refused.contains("rules"), "\(refused)")
        var tokens: [String: String] = [:]
        for name in ["Alice", "Bob"] {
            let (status, output) = try await run([
                "join", "nti-digits", "--server", base, "--name", name, "--accept-rules", "--json",
            ])
            #expect(status == 0, "\(output)")
            let participant = try #require(
                (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])?["token"] as? String)
            tokens[name] = participant
        }
        let (createStatus, created) = try await run([
            "team", "create", "nti-digits", "Digit Hunters", "--server", base, "--token", tokens["Alice"]!, "--json",
        ])
        #expect(createStatus == 0, "\(created)")
        let code = try #require(Self.value("invite_code", in: created))
        let (joinStatus, joined) = try await run([
            "team", "join", "nti-digits", code, "--server", base, "--token", tokens["Bob"]!,
        ])
        #expect(joinStatus == 0, "\(joined)")
        #expect(joined.contains("team Digit Hunters (2 of 2)") && joined.contains("Alice  (captain)"), "\(joined)")
        #expect(joined.contains("the team is full"))
        let (submitStatus, submitted) = try await run([
            "submit", "--server", base, "--token", tokens["Bob"]!, "nti-digits", "practice",
            "competitions/nti-digits/examples/knn/practice.csv", "--wait",
        ])
        #expect(submitStatus == 0 && submitted.contains("scored: public"), "\(submitted)")
        let (leaveStatus, leave) = try await run([
            "team", "leave", "nti-digits", "--server", base, "--token", tokens["Bob"]!,
        ])
        #expect(leaveStatus == 1 && leave.contains("has_submitted"), "\(leave)")
        kill(server.processIdentifier, SIGTERM)
        try await ChildProcess.exit(of: server)

        // The organisers' side, on the box.
        let (addStatus, added) = try await run(["organiser", "add", "Olga", "--data", data, "--json"])
        #expect(addStatus == 0 && Self.value("token", in: added)?.hasPrefix("pdo_") == true, "\(added)")
        let (_, participants) = try await run(["participant", "list", "nti-digits", "--data", data])
        #expect(participants.contains("Alice  approved  team Digit Hunters"), "\(participants)")
        let (_, audit) = try await run(["audit", "--data", data])
        #expect(audit.contains("organiser.add  Olga") && audit.contains("round.open  nti-digits: practice"), "\(audit)")
        let (_, csv) = try await run(["audit", "--csv", "--data", data])
        #expect(csv.hasPrefix("id,at,actor,action,competition,subject,reason,details\n"))
    }
}
