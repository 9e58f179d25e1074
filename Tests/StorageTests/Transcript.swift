import Foundation
import Storage
import Testing

/// What a scenario saw, line by line, comparable across backends: each line names the operation and what it
/// returned, with dates as seconds since 1970 (to the millisecond, which both backends keep).
struct Transcript: Equatable, CustomStringConvertible {
    private(set) var lines: [String] = []

    mutating func note(_ operation: String, _ values: Any?...) {
        lines.append("\(operation): " + values.map { $0.map(Self.text) ?? "nil" }.joined(separator: " | "))
    }

    /// The line of `operation` (the first when it was noted more than once).
    func line(_ operation: String) -> String? { lines.first { $0.hasPrefix("\(operation): ") } }

    var description: String { lines.joined(separator: "\n") }

    private static func text(_ value: Any) -> String {
        switch value {
        case let date as Date: String(format: "@%.3f", date.timeIntervalSince1970)
        case let optional as OptionalText: optional.text
        case let values as [Any]: "[" + values.map(text).joined(separator: ", ") + "]"
        case let pairs as [AnyHashable: Any]:
            "[" + pairs.map { "\(text($0.key.base)): \(text($0.value))" }.sorted().joined(separator: ", ") + "]"
        default: "\(value)"
        }
    }
}

/// An optional shown as its value or `nil`.
private protocol OptionalText { var text: String { get } }
extension Optional: OptionalText {
    fileprivate var text: String {
        switch self {
        case .none: "nil"
        case .some(let value as Date): String(format: "@%.3f", value.timeIntervalSince1970)
        case .some(let value): "\(value)"
        }
    }
}

extension Backends {
    /// Runs `scenario` on every backend and expects every backend's transcript to equal SQLite's, line by line;
    /// returns SQLite's for the scenario's own expectations.
    func sameTranscript(_ scenario: (any Store) throws -> Transcript) throws -> Transcript {
        let transcripts = try results(scenario)
        let sqlite = try #require(transcripts.first).result
        for (name, transcript) in transcripts.dropFirst() {
            for (index, line) in sqlite.lines.enumerated() {
                let other = index < transcript.lines.count ? transcript.lines[index] : "(missing)"
                #expect(other == line, "\(name) differs from sqlite at line \(index + 1)")
            }
            #expect(transcript.lines.count == sqlite.lines.count, "\(name): \(transcript.lines.count) lines")
        }
        return sqlite
    }
}
