import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platform
import TestSupport
import Testing

/// Boards of many teams: the page shows 100 teams at a time with links around them, the API pages on
/// request, the chart draws the top teams only, and a logged-in team is always pointed at its own row.
@Suite(.serialized, .ownThreads) struct BoardPagingTests {
    static let models = ["logreg", "forest", "knn", "naive_bayes", "boosting"]
    static let path = "/c/nti-digits/qualifying/leaderboard"
    static let api = "/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard"

    /// A harness with `count` teams, each with one scored submission of one of five models (five scores).
    static func harness(teams count: Int) async throws -> (WebHarness, tokens: [String: String]) {
        let harness = try await WebHarness.make()
        try harness.open()
        var tokens: [String: String] = [:]
        for index in 0..<count {
            let name = "team \(String(format: "%03d", index))"
            let (team, token) = try harness.platform.organisers.addTeam(competition: "nti-digits", name: name)
            tokens[name] = token
            let model = models[index % models.count]
            _ = try harness.platform.submissions.accept(
                competition: "nti-digits", round: "qualifying", team: team,
                uploads: [
                    Platform.Upload(name: "\(model).csv", path: "\(WebHarness.examples)/\(model)/qualifying.csv")
                ])
        }
        try harness.platform.scoring.work(worker: "w", once: true)
        return (harness, tokens)
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, cookie: String? = nil) async throws -> (
        HTTPResponse.Status, String
    ) {
        let response = try await client.execute(uri: uri, method: .get, headers: WebHarness.headers(cookie: cookie))
        return (response.status, String(buffer: response.body))
    }

    static func rowCount(_ html: String) -> Int { html.matches(of: /<tr id="row-/).count }

    @Test func thePageShowsAHundredTeamsAtATimeAndTheAPIPagesOnRequest() async throws {
        let (harness, _) = try await Self.harness(teams: 230)
        let app = try await harness.application()
        try await app.test(.live) { client in
            let (status, first) = try await Self.get(client, Self.path)
            #expect(status == .ok)
            #expect(Self.rowCount(first) == 100)
            #expect(first.contains("Teams 1–100 of 230"))
            #expect(first.contains("href=\"\(Self.path)?offset=100\" rel=\"next\""))
            #expect(first.contains("href=\"\(Self.path)?offset=200\">last »"))
            #expect(!first.contains("rel=\"prev\""))
            // The chart draws the top five teams, not 230 lines.
            let chart = try #require(first.firstMatch(of: /<svg xmlns=[\s\S]*?<\/svg>/)?.0)
            #expect(chart.components(separatedBy: "<path ").count - 1 == 5)

            let (_, last) = try await Self.get(client, "\(Self.path)?offset=200")
            #expect(Self.rowCount(last) == 30)
            #expect(last.contains("Teams 201–230 of 230"))
            #expect(last.contains("href=\"\(Self.path)?offset=100\" rel=\"prev\""))
            #expect(!last.contains("rel=\"next\""))
            let (_, small) = try await Self.get(client, "\(Self.path)?offset=10&limit=20")
            #expect(Self.rowCount(small) == 20)
            #expect(small.contains("href=\"\(Self.path)?offset=30&amp;limit=20\" rel=\"next\""))
            for bad in ["limit=0", "limit=1001", "offset=-1", "limit=ten"] {
                let (refused, text) = try await Self.get(client, "\(Self.path)?\(bad)")
                #expect(refused == .badRequest, "\(bad)")
                #expect(text.contains("must be a whole number"), "\(bad): \(text)")
            }

            let (_, whole) = try await Self.get(client, Self.api)
            let all = WebHarness.json(ByteBuffer(string: whole))
            let rows = try #require(all["rows"] as? [[String: Any]])
            #expect(rows.count == 230)
            #expect(all["total"] as? Int == 230)
            let (_, part) = try await Self.get(client, "\(Self.api)?offset=100&limit=50")
            let paged = WebHarness.json(ByteBuffer(string: part))
            let pageRows = try #require(paged["rows"] as? [[String: Any]])
            #expect(pageRows.count == 50)
            #expect(paged["offset"] as? Int == 100 && paged["total"] as? Int == 230)
            #expect(pageRows.map { $0["team"] as? String } == rows[100..<150].map { $0["team"] as? String })
            let (_, csv) = try await Self.get(client, "\(Self.api).csv?offset=225&limit=10")
            let lines = csv.split(separator: "\n")
            #expect(lines.count == 6, "\(csv)")
            #expect(lines.first == "rank,team,score,digits,entries,submitted_at,group,interval_low,interval_high")
            #expect(lines[1].hasPrefix("\(rows[225]["rank"] as? Int ?? -1),\(rows[225]["team"] as? String ?? "?"),"))
            let (badAPI, _) = try await Self.get(client, "\(Self.api)?offset=x")
            #expect(badAPI == .badRequest)
        }
    }

    @Test func aLoggedInTeamIsPointedAtItsOwnRowOnWhateverPageItIs() async throws {
        let (harness, tokens) = try await Self.harness(teams: 160)
        let app = try await harness.application()
        try await app.test(.live) { client in
            let loginPage = try await client.execute(uri: "/login?c=nti-digits", method: .get)
            let (cookie, csrf) = PageTests.session(loginPage)
            // The team whose row is furthest down: the last of the worst model's teams.
            let board = WebHarness.json(
                try await client.execute(uri: Self.api, method: .get).body)
            let rows = try #require(board["rows"] as? [[String: Any]])
            let position = rows.count - 1
            let team = try #require(rows[position]["team"] as? String)
            let rank = try #require(rows[position]["rank"] as? Int)
            let login = try await client.execute(
                uri: "/login", method: .post,
                headers: WebHarness.headers(contentType: "application/x-www-form-urlencoded", cookie: cookie),
                body: PageTests.form(["csrf": csrf!, "c": "nti-digits", "token": try #require(tokens[team])]))
            let teamCookie = try #require(PageTests.session(login).cookie)
            let (_, first) = try await Self.get(client, Self.path, cookie: teamCookie)
            let anchor = team.utf8.map { String(format: "%02x", $0) }.joined()
            #expect(first.contains("Your team, <strong>\(team)</strong>, is #\(rank) of 160"))
            #expect(first.contains("href=\"\(Self.path)?offset=100#row-\(anchor)\""))
            #expect(first.contains("#row-\(anchor) td { background"))
            #expect(!first.contains("id=\"row-\(anchor)\""))  // not on the first page…
            let (_, own) = try await Self.get(client, "\(Self.path)?offset=100", cookie: teamCookie)
            #expect(own.contains("<tr id=\"row-\(anchor)\""))  // …but on the page the link opens
            // Anonymous visitors get the same table without the notice, from the kept page.
            let (_, anonymous) = try await Self.get(client, Self.path)
            #expect(!anonymous.contains("Your team"))
            #expect(anonymous.contains("Teams 1–100 of 160"))
        }
    }
}
