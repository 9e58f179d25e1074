import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Platform
import PodiumAPI
import TestSupport
import Testing

/// Participation over HTTP, as a participant's script or client would use it: sign up, found a team, invite,
/// join, submit as members, and the organisers' side — approvals, a personal token, the audit log.
@Suite(.serialized, .ownThreads)
struct ParticipationAPITests {
    static let base = "/api/v1/competitions/nti-digits"

    static func body(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try APICoding.decoder().decode(T.self, from: Data(buffer: response.body))
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, token: String? = nil, _ object: [String: Any])
        async throws -> TestResponse
    {
        try await client.execute(
            uri: uri, method: .post, headers: WebHarness.headers(token: token, contentType: "application/json"),
            body: body(object))
    }

    static func errorCode(_ response: TestResponse) -> String? {
        (WebHarness.json(response.body)["error"] as? [String: Any])?["code"] as? String
    }

    @Test func participantsSignUpFormATeamAndSubmitAsItsMembers() async throws {
        let harness = try await WebHarness.make()
        try harness.open("practice")
        let app = try await harness.application()
        try await app.test(.live) { client in
            let noRules = try await Self.post(client, "\(Self.base)/participants", ["name": "Alice"])
            #expect(noRules.status == .forbidden && Self.errorCode(noRules) == "rules_not_accepted")
            var tokens: [String: String] = [:]
            for name in ["Alice", "Bob", "Carol"] {
                let response = try await Self.post(
                    client, "\(Self.base)/participants", ["name": name, "accept_rules": true])
                #expect(response.status == .created)
                let signUp = try Self.decode(SignUpResource.self, response)
                #expect(signUp.participant.name == name && signUp.participant.status == "approved")
                tokens[name] = signUp.token
            }
            let founded = try await Self.post(client, "\(Self.base)/teams", token: tokens["Alice"], ["name": "Digits"])
            #expect(founded.status == .created)
            let team = try Self.decode(TeamMembershipResource.self, founded)
            #expect(team.team.captain == "Alice" && team.team.maxSize == 2)
            let code = try #require(team.inviteCode)
            let joined = try await Self.post(
                client, "\(Self.base)/teams/join", token: tokens["Bob"], ["invite_code": code])
            #expect(joined.status == .ok)
            #expect(try Self.decode(TeamMembershipResource.self, joined).team.members.map(\.name) == ["Alice", "Bob"])
            let again = try await Self.post(
                client, "\(Self.base)/teams/join", token: tokens["Carol"], ["invite_code": code])
            #expect(again.status == .conflict && Self.errorCode(again) == "invite_used")

            // Alice uploads with her own token; Bob sees it in the team's list, with who sent it.
            let (upload, type) = WebHarness.multipart(files: [("p.csv", WebHarness.example("knn/practice.csv"))])
            let accepted = try await client.execute(
                uri: "\(Self.base)/rounds/practice/submissions", method: .post,
                headers: WebHarness.headers(token: tokens["Alice"], contentType: type), body: upload)
            #expect(accepted.status == .accepted)
            let list = try Self.decode(
                SubmissionList.self,
                try await client.execute(
                    uri: "\(Self.base)/rounds/practice/submissions", method: .get,
                    headers: WebHarness.headers(token: tokens["Bob"])))
            #expect(list.submissions.map(\.submittedBy) == ["Alice"])
            #expect(list.quota?.used == 1)

            // Carol, in no team, may not submit: the refusal says what to do.
            let alone = try await client.execute(
                uri: "\(Self.base)/rounds/practice/submissions", method: .post,
                headers: WebHarness.headers(token: tokens["Carol"], contentType: type), body: upload)
            #expect(alone.status == .conflict && Self.errorCode(alone) == "not_in_team")
            let me = try Self.decode(
                ParticipantResource.self,
                try await client.execute(
                    uri: "\(Self.base)/participants/me", method: .get, headers: WebHarness.headers(token: tokens["Bob"])
                ))
            #expect(me.name == "Bob" && me.team == "Digits")
            // Membership is a person's business: a team's own token cannot leave or join.
            let teamToken = try harness.team("organisers-made")
            let byTeam = try await client.execute(
                uri: "\(Self.base)/team", method: .get, headers: WebHarness.headers(token: teamToken))
            #expect(byTeam.status == .forbidden)
        }
    }

    @Test func organisersApproveWithTheirOwnTokensAndReadTheAuditLog() async throws {
        let harness = try await WebHarness.make()
        try harness.open("practice")
        let (_, olga) = try harness.platform.organisers.addOrganiser(name: "Olga")
        let alpha = try harness.team("alpha")
        let app = try await harness.application()
        try await app.test(.live) { client in
            let (upload, type) = WebHarness.multipart(files: [("p.csv", WebHarness.example("knn/practice.csv"))])
            let accepted = try await client.execute(
                uri: "\(Self.base)/rounds/practice/submissions", method: .post,
                headers: WebHarness.headers(token: alpha, contentType: type), body: upload)
            let id = try #require(WebHarness.json(accepted.body)["id"] as? Int)
            let bare = try await client.execute(
                uri: "/api/v1/submissions/\(id)/disqualify", method: .post, headers: WebHarness.headers(token: olga))
            #expect(
                bare.status == .unprocessableContent && Self.errorCode(bare) == "invalid_input",
                "\(bare.status) \(String(buffer: bare.body))")
            let done = try await Self.post(
                client, "/api/v1/submissions/\(id)/disqualify", token: olga,
                ["reason": "labels copied from the train set"])
            #expect(done.status == .ok)
            let byTeam = try await client.execute(
                uri: "/api/v1/admin/audit", method: .get, headers: WebHarness.headers(token: alpha))
            #expect(byTeam.status == .forbidden)
            let log = try Self.decode(
                AuditLogResource.self,
                try await client.execute(
                    uri: "/api/v1/admin/audit?competition=nti-digits&limit=2", method: .get,
                    headers: WebHarness.headers(token: olga)))
            let newest = try #require(log.entries.first)
            #expect(newest.actor == "Olga" && newest.action == "submission.disqualify")
            #expect(newest.reason == "labels copied from the train set")
            #expect(log.entries.count == 2 && log.nextBefore != nil, "a page of two, and more before it")
            let csv = String(
                buffer: try await client.execute(
                    uri: "/api/v1/admin/audit.csv", method: .get,
                    headers: WebHarness.headers(token: WebHarness.organiserToken)
                ).body)
            #expect(csv.hasPrefix("id,at,actor,action,competition,subject,reason,details\n"))
            #expect(csv.contains(",Olga,submission.disqualify,nti-digits,"))
            let badLimit = try await client.execute(
                uri: "/api/v1/admin/audit?limit=0", method: .get, headers: WebHarness.headers(token: olga))
            #expect(badLimit.status == .badRequest)
        }
    }
}
