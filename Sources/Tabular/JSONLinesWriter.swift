/// Builds a JSON Lines file in memory — one object per line, members in the order given — and writes it
/// atomically, as `CSVWriter` does for CSV.
public struct JSONLinesWriter: Sendable {
    /// The bytes so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty file.
    public init() {}

    /// Appends one line: an object of `members`, in this order.
    public mutating func append(_ members: [(String, JSONValue)]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, (name, value)) in members.enumerated() {
            if index > 0 { bytes.append(contentsOf: ", ".utf8) }
            bytes.append(contentsOf: JSONValue.quoted(name).utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: value.json.utf8)
        }
        bytes.append(contentsOf: "}\n".utf8)
    }

    /// Appends one line holding `value` as it is.
    public mutating func append(line value: JSONValue) {
        bytes.append(contentsOf: value.json.utf8)
        bytes.append(0x0A)
    }

    /// Writes the file atomically (a temporary file renamed over `path`).
    public func write(to path: String) throws(CSVError) { try AtomicFile.write(bytes, to: path) }

    /// How an id or a label read as text is written back: a whole number as a JSON number (Russian
    /// SuperGLUE's `idx` and PARus' and MuSeRC's labels), anything else as a string.
    public static func value(ofText text: String) -> JSONValue {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let isInteger =
            !digits.isEmpty && digits.count <= 15 && digits.allSatisfy { $0.isASCII && $0.isNumber }
            && (digits == "0" || digits.first != "0")
        return isInteger ? .number(text) : .string(text)
    }

    /// A number in shortest round-trip form (non-finite values have no JSON form: null).
    public static func value(ofNumber number: Double) -> JSONValue {
        number.isFinite ? .number(number.description) : .null
    }
}
