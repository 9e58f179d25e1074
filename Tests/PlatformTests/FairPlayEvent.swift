import Foundation
import MLMetrics
import Platform
import PodiumAPI
import Storage

/// A one-task binary competition for fair-play tests: `rows` rows (even rows Public, odd rows Private), a round
/// `main` with the standard public board and a round `ladder` with `public_board: ladder` (step 0.01), both open
/// and taking 500 submissions a day, and the competition's other `settings` as given.
final class FairPlayEvent {
    static let rows = 2000
    let harness: PlatformHarness
    let slug: String
    let folder: String
    private var teams: [String: TeamRecord] = [:]

    var platform: Platform { harness.platform }

    init(settings: String = "", rows: Int = FairPlayEvent.rows) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fair-play-\(UUID())").path
        try FileManager.default.createDirectory(atPath: "\(folder)/hidden", withIntermediateDirectories: true)
        try """
        title: Fair play cup
        tasks:
          - { id: labels, metric: accuracy, id_column: id, target: label, classes: ["a", "b"], solution: hidden/solution.csv }
        score: mean
        rounds:
          - id: main
            submissions: { per_day: 500 }
          - id: ladder
            submissions: { per_day: 500 }
            public_board: ladder
            ladder_step: 0.01
        \(settings)
        """.write(toFile: "\(folder)/competition.yaml", atomically: true, encoding: .utf8)
        var solution = "id,label,Usage\n"
        for row in 0..<rows { solution += "r\(row),\(Self.truth(row)),\(row % 2 == 0 ? "Public" : "Private")\n" }
        try solution.write(toFile: "\(folder)/hidden/solution.csv", atomically: true, encoding: .utf8)
        harness = try PlatformHarness()
        slug = try harness.load(folder).slug
        for round in ["main", "ladder"] {
            _ = try harness.platform.organisers.act("open", competition: slug, round: round, actor: "test")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Row `row`'s true label.
    static func truth(_ row: Int) -> String { (row * 7919) % 3 == 0 ? "a" : "b" }

    /// The label that is right on `row` when `right`, else the other.
    static func label(_ row: Int, right: Bool) -> String { (truth(row) == "a") == right ? "a" : "b" }

    /// The team named `name`, added the first time (a baseline when `baseline`).
    @discardableResult
    func team(_ name: String, baseline: Bool = false) throws -> TeamRecord {
        if let team = teams[name] { return team }
        let team = try platform.organisers.addTeam(competition: slug, name: name, baseline: baseline).0
        teams[name] = team
        return team
    }

    /// Submits `right` (per row: whether the answer is right) for `team` in `round`, the rows written in the
    /// order `order` gives (default: as the solution) — `dressed`: every field quoted, CRLF line ends, a BOM —
    /// one minute after the last; returns the submission's id.
    @discardableResult
    func submit(_ team: String, _ right: [Bool], round: String = "main", order: [Int]? = nil, dressed: Bool = false)
        throws -> Int64
    {
        let (quote, end) = dressed ? ("\"", "\r\n") : ("", "\n")
        var text = (dressed ? "\u{FEFF}" : "") + "id,label" + end
        for row in order ?? Array(right.indices) {
            text += "\(quote)r\(row)\(quote),\(quote)\(Self.label(row, right: right[row]))\(quote)\(end)"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fp-\(UUID()).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        harness.now = harness.now.addingTimeInterval(60)
        return try platform.submissions.accept(
            competition: slug, round: round, team: try self.team(team),
            uploads: [Platform.Upload(name: "submission.csv", path: path)]
        ).id
    }

    /// Scores everything queued.
    func score() throws { try platform.scoring.work(worker: "w", once: true) }

    /// The round's cases.
    func cases(_ round: String = "main") throws -> [IntegrityCaseResource] {
        try platform.integrity.report(competition: slug, round: round).cases
    }

    /// An honest model's answers: right on an easy row with probability `easy`, on a hard one (every fifth row,
    /// hard for everyone) with probability `hard`.
    static func honest(_ random: inout SeededGenerator, easy: Double = 0.9, hard: Double = 0.5, rows: Int = rows)
        -> [Bool]
    {
        (0..<rows).map { row in Double.random(in: 0..<1, using: &random) < (row % 5 == 0 ? hard : easy) }
    }

    /// `answers` with a share `noise` of the rows, chosen at random, answered the other way.
    static func copy(_ answers: [Bool], noise: Double, _ random: inout SeededGenerator) -> [Bool] {
        answers.map { Double.random(in: 0..<1, using: &random) < noise ? !$0 : $0 }
    }
}
