import ArgumentParser
import Competitions
import Foundation
import Tabular

extension Podium {
    /// `podium check`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a competition folder offline and report every problem (exit 1 if any).")

        @Argument(help: "The competition folder, e.g. competitions/wine.")
        var folder: String

        @Option(help: "The scorers/ folder (default: ./scorers).")
        var scorers = "scorers"

        @Flag(help: "Print exactly one JSON object on stdout.")
        var json = false

        func run() throws {
            let report = CompetitionCheck.check(folder: folder, scorers: scorers)
            let slug = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
            if json {
                var competition: [String: JSONValue] = ["slug": .string(slug)]
                if let config = report.config {
                    competition["tasks"] = .array(
                        config.tasks.map { task -> JSONValue in
                            let rows = report.taskRows[task.id]
                            return [
                                "id": .string(task.id),
                                "metric": .string(
                                    task.scorer.map { "scorer:\($0)" } ?? task.metricList.joined(separator: "+")),
                                "format": .string(task.taskFormat.rawValue), "file": .string(task.fileName),
                                "public_rows": .int(rows?.public), "private_rows": .int(rows?.private),
                            ]
                        })
                    competition["rounds"] = .array(
                        config.rounds.map { round -> JSONValue in
                            [
                                "id": .string(round.id), "opens": .date(round.opens), "closes": .date(round.closes),
                                "per_day": .int(round.submissions?.perDay), "total": .int(round.submissions?.total),
                            ]
                        })
                }
                Output.json([
                    "ok": .bool(report.ok), "problems": .texts(report.problems), "competition": .object(competition),
                ])
            } else {
                var lines: [String] = []
                if let config = report.config {
                    lines.append("\(slug): \(config.title)")
                    for task in config.tasks {
                        let rows =
                            report.taskRows[task.id].map { "\($0.public) public / \($0.private) private rows" }
                            ?? "not loaded"
                        lines.append(
                            "  task \(task.id): \(task.scorer.map { "scorer \($0)" } ?? task.metricList.joined(separator: " + ")), \(rows)"
                        )
                    }
                    for round in config.rounds {
                        let window = [
                            round.opens.map { "opens \(Output.iso($0))" },
                            round.closes.map { "closes \(Output.iso($0))" },
                        ]
                        .compactMap { $0 }.joined(separator: ", ")
                        let quota =
                            round.submissions.map { q in
                                [q.perDay.map { "\($0)/day" }, q.total.map { "\($0) total" }].compactMap { $0 }.joined(
                                    separator: ", ")
                            } ?? "no quota"
                        lines.append("  round \(round.id): \(window.isEmpty ? "opened by hand" : window); \(quota)")
                    }
                }
                lines.append(
                    report.ok ? "ok" : "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"):")
                lines += report.problems.map { "  - \($0)" }
                (report.ok ? Output.line : Output.error)(lines.joined(separator: "\n"))
            }
            if !report.ok { throw ExitCode(1) }
        }
    }
}
