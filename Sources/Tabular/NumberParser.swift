#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses decimal numbers straight from bytes, without making a String.
///
/// Accepts what pandas' `read_csv` accepts for a float column: optional surrounding spaces, a sign,
/// digits with an optional fraction and exponent, and `nan`, `inf`, `infinity` in any case. Results are
/// correctly rounded: the common case (at most 19 significant digits, |exponent| ≤ 22, mantissa ≤ 2⁵³)
/// is exact by Clinger's fast path, everything else goes to the C library's `strtod`.
public enum NumberParser {
    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// The number in `text`, or nil when it is not one.
    public static func parse(_ text: String) -> Double? {
        withBytes(of: text) { parse($0, $1) }
    }

    /// The number in `count` bytes at `base`, or nil when they are not one.
    public static func parse(_ base: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0
        var end = count
        while i < end && base[i] == 0x20 { i += 1 }
        while end > i && base[end - 1] == 0x20 { end -= 1 }
        guard i < end else { return nil }
        let start = i
        var negative = false
        if base[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if base[i] == UInt8(ascii: "+") {
            i += 1
        }
        guard i < end else { return nil }
        let first = base[i] | 0x20
        if first == UInt8(ascii: "n") || first == UInt8(ascii: "i") {
            return special(base + i, end - i).map { negative ? -$0 : $0 }
        }

        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        var inexact = false
        while i < end, case let digit = base[i] &- 0x30, digit < 10 {
            sawDigit = true
            if significant < 19 {
                if mantissa != 0 || digit != 0 { significant += 1 }
                mantissa = mantissa * 10 + UInt64(digit)
            } else {
                exponent += 1
                if digit != 0 { inexact = true }
            }
            i += 1
        }
        if i < end && base[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, case let digit = base[i] &- 0x30, digit < 10 {
                sawDigit = true
                if significant < 19 {
                    if mantissa != 0 || digit != 0 { significant += 1 }
                    mantissa = mantissa * 10 + UInt64(digit)
                    exponent -= 1
                } else if digit != 0 {
                    inexact = true
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < end && (base[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < end && (base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+")) {
                negativeExponent = base[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            var sawExponentDigit = false
            while i < end, case let digit = base[i] &- 0x30, digit < 10 {
                sawExponentDigit = true
                if value < 100_000 { value = value * 10 + Int(digit) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += negativeExponent ? -value : value
        }
        guard i == end else { return nil }

        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !inexact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let value =
                exponent >= 0
                ? Double(mantissa) * powersOfTen[exponent] : Double(mantissa) / powersOfTen[-exponent]
            return negative ? -value : value
        }
        return slowParse(base + start, end - start)
    }

    /// `nan`, `inf` or `infinity`, case-insensitively.
    private static func special(_ base: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == count else { return false }
            let letters = word.utf8Start
            for k in 0..<count where base[k] | 0x20 != letters[k] { return false }
            return true
        }
        if matches("nan") { return .nan }
        if matches("inf") || matches("infinity") { return .infinity }
        return nil
    }

    /// Correctly rounded conversion by `strtod` for the rare long or extreme inputs.
    private static func slowParse(_ base: UnsafePointer<UInt8>, _ count: Int) -> Double {
        var buffer = [CChar](repeating: 0, count: count + 1)
        for k in 0..<count { buffer[k] = CChar(bitPattern: base[k]) }
        return strtod(buffer, nil)
    }
}
