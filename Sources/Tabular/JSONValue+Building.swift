import Foundation

/// Building JSON values in code (the CLI's `--json` reports that are no API resource): literals, and
/// constructors for values that may be missing (`null`).
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements) { _, last in last })
    }
    /// `null`.
    public init(nilLiteral: ()) { self = .null }

    /// A whole number, or null.
    public static func int(_ value: (some BinaryInteger)?) -> JSONValue { value.map { .number(String($0)) } ?? .null }
    /// A number in shortest round-trip form, or null (also for a non-finite one, which JSON cannot hold).
    public static func double(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value.description)
    }
    /// A string, or null.
    public static func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    /// A date in ISO 8601 UTC, or null.
    public static func date(_ value: Date?) -> JSONValue { value.map { .string($0.formatted(.iso8601)) } ?? .null }
    /// Strings.
    public static func texts(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
}
