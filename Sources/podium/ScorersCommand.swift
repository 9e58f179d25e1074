import ArgumentParser
import Competitions
import Foundation
import MLMetrics
import Tabular

extension Podium {
    /// `podium scorers`.
    struct Scorers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the built-in metrics and the scorers in scorers/ (with any problem in their scorer.yaml).")

        @Option(help: "The scorers/ folder (default: ./scorers).")
        var scorers = "scorers"

        @Flag(help: "Print exactly one JSON object on stdout.")
        var json = false

        @Flag(help: "Print the catalogue as the markdown tables of scorers/README.md.")
        var markdown = false

        func run() throws {
            if markdown {
                Output.line(ScorerCatalogue.markdown(scorers: scorers))
                return
            }
            let found = ScorerCatalogue.all(in: scorers)
            if json {
                Output.json([
                    "metrics": .array(
                        BuiltinMetric.allCases.map {
                            [
                                "name": .string($0.rawValue), "computes": .string($0.summary),
                                "scikit_learn": .string($0.scikitLearnEquivalent),
                                "direction": $0.higherIsBetter ? "higher" : "lower",
                                "input": .string($0.input.rawValue),
                            ]
                        }),
                    "scorers": .array(
                        found.map { entry -> JSONValue in
                            var object: [String: JSONValue] = [
                                "name": .string(entry.name), "problems": .texts(entry.problems),
                            ]
                            if let spec = entry.spec {
                                object["description"] = .string(spec.description)
                                object["input"] = .string(spec.input.rawValue)
                                object["metrics"] = .array(
                                    spec.metrics.map {
                                        ["name": .string($0.name), "direction": $0.higherIsBetter ? "higher" : "lower"]
                                    })
                                object["timeout_seconds"] = .double(spec.timeout)
                                object["memory_mb"] = .int(spec.memoryMB)
                            }
                            return .object(object)
                        }),
                ])
                return
            }
            var lines = ["built-in metrics:"]
            for metric in BuiltinMetric.allCases {
                lines.append(
                    "  \(metric.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(metric.summary) [\(metric.higherIsBetter ? "higher" : "lower"); \(metric.input.rawValue)]"
                )
            }
            lines.append("scorers in \(scorers)/:")
            for entry in found {
                if let spec = entry.spec {
                    lines.append(
                        "  \(entry.name): \(spec.description) — \(spec.metrics.map(\.name).joined(separator: ", "))")
                } else {
                    lines.append("  \(entry.name): INVALID: \(entry.problems.joined(separator: "; "))")
                }
            }
            if found.isEmpty { lines.append("  (none)") }
            Output.line(lines.joined(separator: "\n"))
        }
    }
}
