import ArgumentParser
import Competitions
import Foundation
import Platform
import PodiumAPI
import Tabular

extension Podium {
    /// `podium standings`.
    struct Standings: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A round's leaderboard as a table, CSV or JSON.")

        /// Output formats.
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

        @Argument(help: "The competition.") var slug: String
        @Option(help: "The round (default: the open round, else the last one that opened).") var round: String?
        @Flag(help: "The private board (organisers; participants see it after reveal).") var `private` = false
        @Option(help: "table, csv or json (default: table; --json means json).") var format: Format = .table
        @OptionGroup var options: PlatformOptions

        func run() throws {
            try options.run {
                let platform = try options.platform()
                let (_, config) = try platform.competition(slug)
                var chosen = round
                if chosen == nil {
                    let states = try config.rounds.map {
                        ($0.id, try platform.roundState(competition: slug, round: $0.id))
                    }
                    chosen =
                        states.first { $0.1 == .open }?.0 ?? states.last { $0.1 == .closed }?.0 ?? config.rounds[0].id
                }
                let roundID = chosen!
                let board: Board = `private` ? .private : .public
                let rows = try platform.boards.standings(competition: slug, round: roundID, board: board)
                let tasks = config.tasks(of: config.round(roundID)!).map(\.id)
                let metricsOf = Dictionary(config.tasks.map { ($0.id, $0.metricList) }) { a, _ in a }
                switch options.json ? .json : format {
                case .json:
                    Output.json(
                        Platform.leaderboardResource(
                            rows, round: roundID, board: board, displayPrecision: config.scoreFormat.decimals,
                            cards: try platform.boards.cards(for: rows, competition: slug, round: roundID),
                            rule: config.round(roundID)!.publicBoardRule))
                case .csv:
                    var writer = CSVWriter(header: ["rank", "team", "score"] + tasks + ["entries", "submitted_at"])
                    for row in rows {
                        writer.append(row.rank.map(String.init) ?? "")
                        writer.append(row.team)
                        writer.append(row.score)
                        for task in tasks {
                            if let value = row.tasks[task] { writer.append(value) } else { writer.append("") }
                        }
                        writer.append(String(row.entries))
                        writer.append(Output.iso(row.submittedAt))
                    }
                    FileHandle.standardOutput.write(Data(writer.bytes))
                case .table:
                    var lines = ["\(slug) / \(roundID) — \(board.rawValue) leaderboard"]
                    lines.append(Standings.pad(["#", "team", "score"] + tasks + ["entries", "last"]))
                    for row in rows {
                        lines.append(
                            Standings.pad(
                                [
                                    row.rank.map(String.init) ?? "—", row.team + (row.isBaseline ? " (baseline)" : ""),
                                    config.scoreFormat.string(row.score),
                                ]
                                    + tasks.map { task in
                                        row.tasks[task] == nil
                                            ? ""
                                            : config.scoreFormat.string(
                                                row, task: task, metrics: metricsOf[task] ?? [])
                                    } + [
                                        String(row.entries), Output.iso(row.submittedAt),
                                    ]))
                    }
                    if rows.isEmpty { lines.append("(no scored submissions yet)") }
                    Output.line(lines.joined(separator: "\n"))
                }
            }
        }

        static func pad(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1
                    ? cell : cell.padding(toLength: max(cell.count, index == 1 ? 24 : 8), withPad: " ", startingAt: 0)
            }.joined(separator: " ")
        }
    }

    /// `podium rescore`.
    struct Rescore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rescore every submission against the current solutions and print the rank changes.")
        @Argument(help: "The competition.") var slug: String
        @Option(help: "Only this round.") var round: String?
        @OptionGroup var options: PlatformOptions

        func run() throws {
            try options.run {
                let (count, changes) = try options.platform().scoring.rescore(competition: slug, round: round)
                if options.json {
                    Output.json([
                        "rescored": .int(count),
                        "changes": .array(
                            changes.map {
                                [
                                    "round": .string($0.round), "team": .string($0.team), "before": .int($0.before),
                                    "after": .int($0.after),
                                ]
                            }),
                    ])
                } else {
                    var lines = ["rescored \(count) submission\(count == 1 ? "" : "s")"]
                    lines += changes.map {
                        "  \($0.round) \($0.team): \($0.before.map { "#\($0)" } ?? "—") → \($0.after.map { "#\($0)" } ?? "—")"
                    }
                    if changes.isEmpty { lines.append("  no rank changed") }
                    Output.line(lines.joined(separator: "\n"))
                }
            }
        }
    }
}
