import Foundation
import PodiumAPI
import Tabular

/// Writes to stdout and stderr unbuffered, so programs reading `podium` line by line see every line.
enum Output {
    /// One line on stdout.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// One line on stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// One JSON document on stdout as the API writes it (keys sorted, so output is stable).
    static func json(_ value: some Encodable) {
        FileHandle.standardOutput.write(APICoding.data(value) + Data("\n".utf8))
    }

    /// A report that is no API resource, built as JSON values.
    static func json(_ object: [String: JSONValue]) { json(JSONValue.object(object)) }
}
