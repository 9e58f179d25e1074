import Foundation

/// Output of `ensemble`: human reports on stderr, JSON on stdout, progress only on a terminal.
enum Report {
    /// One line on stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Lines of a human report on stderr.
    static func human(_ lines: [String]) {
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// One JSON object on stdout, keys sorted.
    static func json(_ report: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = (try? encoder.encode(report)) ?? Data(#"{"error":{"message":"the report cannot be encoded"}}"#.utf8)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    private static let isTerminal = isatty(STDERR_FILENO) == 1

    /// A progress line that overwrites itself on a terminal (nil clears it); silent otherwise.
    static func progress(_ text: String?) {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text ?? "")).utf8))
    }

    /// A number for humans: 6 significant digits.
    static func number(_ value: Double) -> String { String(format: "%.6g", value) }
}
