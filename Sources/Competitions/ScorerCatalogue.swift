import Foundation
import MLMetrics
import Scoring
import Yams

/// The scorers in `scorers/` and the built-in metrics, for `podium scorers` and scorers/README.md.
public enum ScorerCatalogue {
    /// scorer.yaml as written.
    struct File: Decodable {
        var description: String?
        var command: [String]?
        var input: String?
        var metrics: [Metric]?
        var timeoutSeconds: Double?
        var memoryMb: Int?
        var version: String?

        struct Metric: Decodable {
            var name: String
            var direction: String?
        }

        enum CodingKeys: String, CodingKey {
            case description, command, input, metrics, version
            case timeoutSeconds = "timeout_seconds"
            case memoryMb = "memory_mb"
        }
    }

    static let allowedKeys: Set<String> = [
        "description", "command", "input", "metrics", "timeout_seconds", "memory_mb", "version",
    ]

    /// The scorer in `folder` (which holds scorer.yaml), or the problems with it.
    public static func load(folder: String) -> (ScorerSpec?, [String]) {
        let name = URL(fileURLWithPath: folder).lastPathComponent
        let path = "\(folder)/scorer.yaml"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return (nil, ["\(name): no scorer.yaml"])
        }
        var problems: [String] = []
        if case .mapping(let mapping)? = try? Yams.compose(yaml: text) {
            for key in mapping.keys {
                if let key = key.string, !allowedKeys.contains(key) {
                    problems.append(
                        "\(name)/scorer.yaml, line \(mapping.keys.first { $0.string == key }?.mark?.line ?? 0): unknown key \(key); expected one of \(allowedKeys.sorted().joined(separator: ", "))"
                    )
                }
            }
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            return (nil, problems + ["\(name)/scorer.yaml: \(error)"])
        }
        guard let command = file.command, !command.isEmpty else {
            return (nil, problems + ["\(name): command is missing"])
        }
        guard let metrics = file.metrics, !metrics.isEmpty else {
            return (nil, problems + ["\(name): metrics are missing"])
        }
        let input = file.input.flatMap(BuiltinMetric.Input.init(rawValue:))
        if file.input != nil && input == nil {
            problems.append("\(name): input \"\(file.input!)\" is not labels, probabilities, numbers or answers")
        }
        for metric in metrics where !["higher", "lower", nil].contains(metric.direction) {
            problems.append(
                "\(name): metric \(metric.name) has direction \"\(metric.direction!)\"; expected higher or lower")
        }
        if let timeout = file.timeoutSeconds, !(timeout > 0) {
            problems.append("\(name): timeout_seconds must be positive")
        }
        if let memory = file.memoryMb, memory < 16 { problems.append("\(name): memory_mb must be at least 16") }
        guard problems.isEmpty else { return (nil, problems) }
        let spec = ScorerSpec(
            name: name, folder: URL(fileURLWithPath: folder).standardizedFileURL.path, command: command,
            metrics: metrics.map { .init(name: $0.name, higherIsBetter: $0.direction != "lower") },
            input: input ?? .labels,
            timeout: file.timeoutSeconds ?? 60, memoryMB: file.memoryMb ?? 1024, description: file.description ?? "",
            version: file.version ?? "1")
        return (spec, [])
    }

    /// Every scorer folder under `scorers`, by name.
    public static func all(in scorers: String) -> [(name: String, spec: ScorerSpec?, problems: [String])] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: scorers)) ?? []).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(scorers)/\($0)", isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
        return names.map { name in
            let (spec, problems) = load(folder: "\(scorers)/\(name)")
            return (name, spec, problems)
        }
    }

    /// The catalogue as markdown tables (what scorers/README.md embeds).
    public static func markdown(scorers: String) -> String {
        var lines = [
            "| metric | computes | scikit-learn equivalent | better | submission |", "|---|---|---|---|---|",
        ]
        for metric in BuiltinMetric.allCases {
            lines.append(
                "| `\(metric.rawValue)` | \(metric.summary) | `\(metric.scikitLearnEquivalent)` | \(metric.higherIsBetter ? "higher" : "lower") | \(metric.input.rawValue) |"
            )
        }
        lines += [
            "", "| scorer | computes | metrics (first = the task's score) | submission | limits |",
            "|---|---|---|---|---|",
        ]
        for entry in all(in: scorers) {
            guard let spec = entry.spec else {
                lines.append("| `\(entry.name)` | **invalid:** \(entry.problems.joined(separator: "; ")) | | | |")
                continue
            }
            let metrics = spec.metrics.map { "`\($0.name)` (\($0.higherIsBetter ? "higher" : "lower"))" }.joined(
                separator: ", ")
            lines.append(
                "| `\(spec.name)` | \(spec.description) | \(metrics) | \(spec.input.rawValue) | \(Int(spec.timeout)) s, \(spec.memoryMB) MiB |"
            )
        }
        return lines.joined(separator: "\n")
    }
}

extension TaskConfig {
    /// The validation spec of a task scored by `scorer`.
    public func spec(scorer: ScorerSpec) -> TaskSpec {
        scorer.taskSpec(
            idColumn: idColumn ?? "id", target: target ?? "label", positiveLabel: positiveLabel ?? "1", classes: classes
        )
    }
}
