import Foundation

/// How the API and the CLI write and read JSON: keys sorted, slashes unescaped, dates in ISO 8601 UTC
/// (`2026-11-28T21:00:00Z`), field names in snake_case as each type's coding keys spell them.
public enum APICoding {
    /// The encoder of every answer.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder of every answer (the CLI's client commands).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `value` as JSON bytes (a value that cannot be encoded — a non-finite number — is a programming error
    /// of the caller, reported as a JSON error object rather than a crash).
    public static func data(_ value: some Encodable) -> Data {
        do {
            return try encoder().encode(value)
        } catch {
            return Data(
                #"{"error":{"code":"internal_error","message":"the answer could not be encoded as JSON"}}"#.utf8)
        }
    }
}
