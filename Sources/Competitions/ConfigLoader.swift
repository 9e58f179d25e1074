import Foundation
import Yams

/// Reads competition.yaml: first every key is checked against the schema (so a typo such as
/// `per_dya` is reported with its line instead of being silently ignored), then the file is decoded.
public enum ConfigLoader {
    /// The keys allowed at each level.
    indirect enum Schema: Sendable {
        case mapping([String: Schema])
        case list(Schema)
        case any
    }

    static let schema: Schema = .mapping([
        "title": .any, "description": .any, "language": .any, "score": .any, "files": .any,
        "notify": .list(
            .mapping(
                NotifyKeys.byKind.mapValues { keys in
                    Schema.mapping(Dictionary(uniqueKeysWithValues: keys.map { ($0, Schema.any) }))
                })),
        "display_precision": .any, "registration": .any, "max_team_size": .any, "merge_deadline": .any, "rules": .any,
        "integrity": .mapping(Dictionary(uniqueKeysWithValues: IntegrityConfig.keys.map { ($0, Schema.any) })),
        "tasks": .list(
            .mapping(
                Dictionary(
                    uniqueKeysWithValues: [
                        "id", "metric", "scorer", "id_column", "target", "positive_label", "group_column", "normalize",
                        "classes", "solution", "sample_submission", "files", "weight", "format", "file", "slices",
                        "probe_train",
                    ].map { ($0, Schema.any) }))),
        "rounds": .list(
            .mapping([
                "id": .any, "title": .any, "opens": .any, "closes": .any, "tasks": .any, "solutions": .any,
                "final_selections": .any, "leaderboard": .any, "max_concurrent_per_team": .any,
                "public_precision": .any, "freeze_minutes": .any, "freeze_own": .any, "card_columns": .any,
                "intervals": .any, "resamples": .any, "slices_visibility": .any,
                "public_board": .any, "ladder_step": .any,
                "submissions": .mapping(["per_day": .any, "total": .any, "reset_hour": .any]),
                "advance": .mapping(["top": .any, "min_score": .any]),
                "submission": .any,
                "code": .mapping(
                    Dictionary(
                        uniqueKeysWithValues: [
                            "inputs", "runtime", "time_limit_seconds", "memory_mb", "batch_sizes", "repeats", "network",
                            "charge_failed_runs", "max_output_mb", "max_processes", "samples",
                        ].map { ($0, Schema.any) })),
                "probing": .mapping(["layers": .any, "width": .any, "c": .any, "layer": .any]),
            ])),
    ])

    /// The config at `path`, or the problems that stop it from loading (each with its line).
    public static func load(path: String) -> (CompetitionConfig?, [String]) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return (nil, ["\(name): cannot read the file"])
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            return (nil, ["\(name): not valid YAML: \(error)"])
        }
        guard let node else { return (nil, ["\(name): the file is empty"]) }
        var problems: [String] = []
        checkKeys(node, schema, path: "", file: name, problems: &problems)
        do {
            let config = try YAMLDecoder().decode(CompetitionConfig.self, from: text)
            return (config, problems)
        } catch let error as DecodingError {
            return (nil, problems + ["\(name): \(describe(error))"])
        } catch {
            return (nil, problems + ["\(name): \(error)"])
        }
    }

    private static func checkKeys(_ node: Node, _ schema: Schema, path: String, file: String, problems: inout [String])
    {
        switch (schema, node) {
        case (.mapping(let allowed), .mapping(let mapping)):
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let here = path.isEmpty ? name : "\(path).\(name)"
                guard let child = allowed[name] else {
                    let line = key.mark.map { "line \($0.line), " } ?? ""
                    problems.append(
                        "\(file), \(line)\(here): unknown key; expected one of \(allowed.keys.sorted().joined(separator: ", "))"
                    )
                    continue
                }
                checkKeys(value, child, path: here, file: file, problems: &problems)
            }
        case (.list(let element), .sequence(let sequence)):
            for (index, item) in sequence.enumerated() {
                checkKeys(item, element, path: "\(path)[\(index)]", file: file, problems: &problems)
            }
        case (.mapping, _), (.list, _):
            let line = node.mark.map { "line \($0.line), " } ?? ""
            problems.append("\(file), \(line)\(path): expected a \(schema.kindName)")
        default:
            break
        }
    }

    /// A decoding error as "rounds[1].opens: …".
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "\(at.isEmpty ? "" : at + ": ")missing key \(key.stringValue)"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return
                "\(path(context.codingPath)): expected \(type == Date.self ? "an ISO 8601 date such as 2026-12-01T09:00:00Z" : "\(type)")"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

extension ConfigLoader.Schema {
    var kindName: String {
        switch self {
        case .mapping: return "mapping of keys"
        case .list: return "list"
        case .any: return "value"
        }
    }
}
