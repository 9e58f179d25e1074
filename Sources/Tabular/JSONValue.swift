/// One JSON value as read from a JSON Lines file. Numbers keep the text they were written with, so an
/// id or a label written `7` reads back as `"7"`, not `7.0`, and a probability is parsed once, exactly.
public indirect enum JSONValue: Sendable, Equatable {
    /// An object: its members by name (a name given twice is an error of the parser).
    case object([String: JSONValue])
    /// An array.
    case array([JSONValue])
    /// A string, unescaped.
    case string(String)
    /// A number, as written (`-0.5e3`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// What a message calls this kind of value: "a string", "an object"…
    public var kind: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// The value as label text: a string as it is, a number as written, a boolean as `true`/`false`;
    /// nil for null, arrays and objects.
    public var labelText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .object, .array, .null: nil
        }
    }

    /// The value written back as compact JSON (arrays of gold answers are kept so).
    public var json: String {
        switch self {
        case .string(let text): JSONValue.quoted(text)
        case .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .array(let items): "[" + items.map(\.json).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.keys.sorted().map { JSONValue.quoted($0) + ":" + members[$0]!.json }.joined(separator: ",")
                + "}"
        }
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
