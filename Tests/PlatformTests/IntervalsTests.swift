import Competitions
import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// Intervals and rank groups on a board, tried as an organiser would (issue 15, parts 1 and 5): two
/// submissions two rows apart on 4,000 share a rank group, a clearly worse one is in a later group, each
/// interval holds its score and, for accuracy, is as wide as the normal approximation says; the same board
/// computed again gives the same intervals; a row a baseline cannot be told apart from is marked.
@Suite(.serialized, .ownThreads)
struct IntervalsTests {
    static let rows = 4000

    /// A one-task accuracy competition of `rows` rows (half Public, half Private) with `extra` round settings.
    static func competition(_ extra: String = "") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intervals-\(UUID())").path
        try FileManager.default.createDirectory(atPath: "\(folder)/hidden", withIntermediateDirectories: true)
        try """
        title: Intervals cup
        tasks:
          - { id: labels, metric: accuracy, id_column: id, target: label, classes: ["a", "b"], solution: hidden/solution.csv }
        score: mean
        rounds:
          - id: main
            submissions: { per_day: 20 }
        \(extra)
        """.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        var solution = "id,label,Usage\n"
        for row in 0..<rows {
            solution += "r\(row),\(label(row, right: true)),\(row % 2 == 0 ? "Public" : "Private")\n"
        }
        try solution.write(toFile: "\(folder)/hidden/solution.csv", atomically: true, encoding: .utf8)
        return folder
    }

    /// Row `row`'s true label, or the other one.
    static func label(_ row: Int, right: Bool) -> String { ((row * 7919) % 3 == 0) == right ? "a" : "b" }

    /// A submission right on the rows `right` says, written to a temp file.
    static func submission(_ name: String, right: (Int) -> Bool) throws -> Platform.Upload {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID()).csv").path
        var text = "id,label\n"
        for row in 0..<rows { text += "r\(row),\(label(row, right: right(row)))\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return Platform.Upload(name: "submission.csv", path: path)
    }

    /// A platform with the competition (`extra` round settings, in `folder`) loaded and `teams` scored in
    /// order: the harness, the competition's slug and its public board.
    static func scored(
        _ extra: String, in folder: inout String?, _ teams: [(team: String, baseline: Bool, right: (Int) -> Bool)]
    ) throws -> (PlatformHarness, String, [Standing]) {
        let made = try competition(extra)
        folder = made
        let harness = try PlatformHarness()
        let slug = try harness.load(made).slug
        let uploads = try teams.map { ($0.team, $0.baseline, try submission($0.team, right: $0.right)) }
        return (harness, slug, try board(harness, slug: slug, uploads))
    }

    /// Scores `uploads` by team in order and returns the platform's public board.
    static func board(
        _ harness: PlatformHarness, slug: String, _ uploads: [(team: String, baseline: Bool, upload: Platform.Upload)]
    ) throws -> [Standing] {
        let platform = harness.platform
        _ = try platform.organisers.act("open", competition: slug, round: "main", actor: "test")
        for (team, baseline, upload) in uploads {
            let (record, _) = try platform.organisers.addTeam(competition: slug, name: team, baseline: baseline)
            _ = try platform.submissions.accept(competition: slug, round: "main", team: record, uploads: [upload])
            harness.now = harness.now.addingTimeInterval(60)
        }
        try platform.scoring.work(worker: "w", once: true)
        return try platform.boards.standings(competition: slug, round: "main", board: .public)
    }

    // The rows each submission gets right: 80% of the Public (even) rows, the same but two Public rows worse,
    // 70%, and a baseline one row better than the second.
    static func strong(_ row: Int) -> Bool { row % 20 >= 3 }
    static func strongMinusTwo(_ row: Int) -> Bool { strong(row) && row != 4 && row != 8 }
    static func weak(_ row: Int) -> Bool { row % 20 >= 5 }
    static func baseline(_ row: Int) -> Bool { strongMinusTwo(row) || row == 4 }

    @Test func nearSubmissionsShareAGroupAndAClearlyWorseOneIsBelow() throws {
        var folder: String?
        defer { folder.map { try? FileManager.default.removeItem(atPath: $0) } }
        let (harness, slug, board) = try Self.scored(
            "", in: &folder,
            [
                ("strong", false, Self.strong), ("strong-minus-two", false, Self.strongMinusTwo),
                ("weak", false, Self.weak), ("human", true, Self.baseline),
            ])
        #expect(board.map(\.team) == ["strong", "human", "strong-minus-two", "weak"])
        #expect(abs(board[0].score - 0.8) < 1e-12 && abs(board[2].score - 0.799) < 1e-12)
        #expect(board.map(\.group) == [1, nil, 1, 2], "two rows apart: one group; 10 points worse: the next")
        #expect(board.map(\.sharedRanks) == [1...2, nil, 1...2, 3...3])
        #expect(board[0].inseparableBaselines == ["human"] && board[2].inseparableBaselines == ["human"])
        #expect(board[3].inseparableBaselines.isEmpty, "the weak row is told apart from the baseline")

        let publicRows = Double(Self.rows / 2)
        for row in board {
            let interval = try #require(row.interval, "\(row.team) has an interval")
            #expect(interval.low <= row.score && row.score <= interval.high, "\(row.team)'s interval holds its score")
            let normal = 2 * 1.96 * (row.score * (1 - row.score) / publicRows).squareRoot()
            let width = interval.high - interval.low
            #expect(abs(width / normal - 1) < 0.15, "\(row.team): width \(width), normal approximation \(normal)")
        }

        // Computed again — by a rescore, which scores every submission anew — the board is the same.
        _ = try harness.platform.scoring.rescore(competition: slug)
        let again = try harness.platform.boards.standings(competition: slug, round: "main", board: .public)
        #expect(again.map(\.interval) == board.map(\.interval))
        #expect(again.map(\.group) == board.map(\.group))

        // The JSON standings carry them.
        let resource = Platform.leaderboardResource(again, round: "main", board: .public, displayPrecision: 4)
        let json = String(decoding: try JSONEncoder().encode(resource), as: UTF8.self)
        #expect(json.contains("\"group\":1") && json.contains("\"ranks\":[1,2]"))
        #expect(json.contains("\"inseparable_from\":[\"human\"]"))
        let first = try #require(resource.rows.first?.interval)
        #expect(first == [try #require(board[0].interval?.low), try #require(board[0].interval?.high)])

        // After the reveal, the private board has intervals of its own.
        _ = try harness.platform.organisers.act("close", competition: slug, round: "main", actor: "test")
        _ = try harness.platform.organisers.act("reveal", competition: slug, round: "main", actor: "test")
        let revealed = try harness.platform.boards.standings(competition: slug, round: "main", board: .private)
        #expect(revealed.allSatisfy { $0.interval != nil })
        #expect(revealed.first { $0.team == "weak" }?.group == 2)
    }

    @Test func aRoundWithoutIntervalsShowsNone() throws {
        var folder: String?
        defer { folder.map { try? FileManager.default.removeItem(atPath: $0) } }
        let (_, _, board) = try Self.scored(
            "    intervals: none", in: &folder, [("strong", false, Self.strong), ("weak", false, Self.weak)])
        #expect(board.count == 2 && board.allSatisfy { $0.interval == nil && $0.group == nil })
    }
}
