/// A strict JSON parser (RFC 8259) for one line of a JSON Lines file: objects, arrays, strings with
/// every escape (surrogate pairs joined, lone surrogates refused), numbers checked against the grammar,
/// `true`, `false`, `null`, nesting at most 64 deep. Errors say what was expected and at which byte.
struct JSONParser {
    /// Where and what went wrong.
    struct Failure: Error {
        /// 1-based byte offset in the line.
        let offset: Int
        /// What was found and what was expected.
        let message: String
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    static let maxDepth = 64

    /// Parses `bytes` (one line, valid UTF-8) as exactly one JSON value.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        if parser.position < bytes.count {
            throw parser.failure("unexpected \(parser.describeHere()) after the value; one JSON value per line")
        }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure { Failure(offset: position + 1, message: message) }

    private func describeHere() -> String {
        guard position < bytes.count else { return "end of line" }
        let byte = bytes[position]
        return byte >= 0x20 && byte < 0x7F ? "'\(Character(UnicodeScalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[position]) { position += 1 }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        guard position < bytes.count else { throw failure("expected a value, found the end of the line") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default:
            throw failure(
                "expected a value (an object, array, string, number, true, false or null), found \(describeHere())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
            (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] })
        else { throw failure("expected \(word), found \(describeHere())") }
        position += count
    }

    private mutating func nested<T>(_ body: (inout JSONParser) throws(Failure) -> T) throws(Failure) -> T {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("nested more than \(Self.maxDepth) deep") }
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try nested { (parser) throws(Failure) -> JSONValue in
            parser.position += 1
            var members: [String: JSONValue] = [:]
            parser.skipSpace()
            if parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: "}") {
                parser.position += 1
                return .object(members)
            }
            while true {
                parser.skipSpace()
                guard parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: "\"") else {
                    throw parser.failure("expected a field name in double quotes, found \(parser.describeHere())")
                }
                let start = parser.position
                let name = try parser.string()
                parser.skipSpace()
                guard parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: ":") else {
                    throw parser.failure(
                        "expected ':' after the field name \"\(name)\", found \(parser.describeHere())")
                }
                parser.position += 1
                parser.skipSpace()
                let value = try parser.value()
                if members[name] != nil {
                    throw Failure(offset: start + 1, message: "the field \"\(name)\" appears twice in one object")
                }
                members[name] = value
                parser.skipSpace()
                guard parser.position < parser.bytes.count else {
                    throw parser.failure("expected ',' or '}', found the end of the line")
                }
                let byte = parser.bytes[parser.position]
                parser.position += 1
                if byte == UInt8(ascii: "}") { return .object(members) }
                guard byte == UInt8(ascii: ",") else {
                    parser.position -= 1
                    throw parser.failure("expected ',' or '}', found \(parser.describeHere())")
                }
            }
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try nested { (parser) throws(Failure) -> JSONValue in
            parser.position += 1
            var items: [JSONValue] = []
            parser.skipSpace()
            if parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: "]") {
                parser.position += 1
                return .array(items)
            }
            while true {
                parser.skipSpace()
                items.append(try parser.value())
                parser.skipSpace()
                guard parser.position < parser.bytes.count else {
                    throw parser.failure("expected ',' or ']', found the end of the line")
                }
                let byte = parser.bytes[parser.position]
                parser.position += 1
                if byte == UInt8(ascii: "]") { return .array(items) }
                guard byte == UInt8(ascii: ",") else {
                    parser.position -= 1
                    throw parser.failure("expected ',' or ']', found \(parser.describeHere())")
                }
            }
        }
    }

    private mutating func string() throws(Failure) -> String {
        position += 1  // the opening quote
        var text = ""
        var runStart = position
        func run(_ parser: JSONParser, upTo end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: parser.bytes[runStart..<end]), as: UTF8.self)
        }
        while true {
            guard position < bytes.count else { throw failure("the string is not closed before the end of the line") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                text += run(self, upTo: position)
                position += 1
                return text
            }
            if byte < 0x20 {
                throw failure("a control character (0x\(String(byte, radix: 16))) inside a string; write it as \\u00XX")
            }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            text += run(self, upTo: position)
            position += 1
            guard position < bytes.count else { throw failure("the string is not closed before the end of the line") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): text += "\""
            case UInt8(ascii: "\\"): text += "\\"
            case UInt8(ascii: "/"): text += "/"
            case UInt8(ascii: "b"): text += "\u{08}"
            case UInt8(ascii: "f"): text += "\u{0C}"
            case UInt8(ascii: "n"): text += "\n"
            case UInt8(ascii: "r"): text += "\r"
            case UInt8(ascii: "t"): text += "\t"
            case UInt8(ascii: "u"):
                let high = try hex4()
                var value = high
                if (0xD800..<0xDC00).contains(high) {
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else {
                        throw failure("\\u\(String(high, radix: 16)) begins a surrogate pair that does not continue")
                    }
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw failure("\\u\(String(low, radix: 16)) does not end the surrogate pair")
                    }
                    value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(high) {
                    throw failure("\\u\(String(high, radix: 16)) is a lone low surrogate")
                }
                text.unicodeScalars.append(UnicodeScalar(value)!)
            default:
                position -= 1
                throw failure("\\\(describeHere()) is not a JSON escape")
            }
            runStart = position
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("\\u needs four hex digits, found \(describeHere())")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func number() throws(Failure) -> String {
        let start = position
        func digits(_ parser: inout JSONParser) -> Int {
            let from = parser.position
            while parser.position < parser.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.position])
            {
                parser.position += 1
            }
            return parser.position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
            throw failure("expected a digit after '-', found \(describeHere())")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                throw failure("a number may not start with 0 followed by digits")
            }
        } else {
            _ = digits(&self)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else {
                throw failure("expected a digit after the decimal point, found \(describeHere())")
            }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&self) > 0 else { throw failure("expected a digit in the exponent, found \(describeHere())") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }
}
