import Foundation

/// How a board row's per-task scores are stored: JSON with sorted keys, the same on both backends.
/// (JSONEncoder/JSONDecoder, not JSONSerialization: on Linux the latter reads 0 and 1 as booleans.)
enum PublicStandingCoding {
    /// `{"task": score, …}`.
    static func json(_ tasks: [String: Double]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(tasks)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The scores of `json` (empty when it is not an object of numbers).
    static func tasks(_ json: String) -> [String: Double] {
        (try? JSONDecoder().decode([String: Double].self, from: Data(json.utf8))) ?? [:]
    }
}
