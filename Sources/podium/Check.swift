import ArgumentParser
import Competitions
import Foundation

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
                var competition: [String: Any] = ["slug": slug]
                if let config = report.config {
                    competition["tasks"] = config.tasks.map { task -> [String: Any] in
                        let rows = report.taskRows[task.id]
                        return [
                            "id": task.id,
                            "metric": task.scorer.map { "scorer:\($0)" } ?? task.metricList.joined(separator: "+"),
                            "public_rows": rows.map { $0.public as Any } ?? NSNull(),
                            "private_rows": rows.map { $0.private as Any } ?? NSNull(),
                        ]
                    }
                    competition["rounds"] = config.rounds.map { round -> [String: Any] in
                        [
                            "id": round.id, "opens": round.opens.map { Output.iso($0) as Any } ?? NSNull(),
                            "closes": round.closes.map { Output.iso($0) as Any } ?? NSNull(),
                            "per_day": round.submissions?.perDay.map { $0 as Any } ?? NSNull(),
                            "total": round.submissions?.total.map { $0 as Any } ?? NSNull(),
                        ]
                    }
                }
                Output.json(["ok": report.ok, "problems": report.problems, "competition": competition])
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
