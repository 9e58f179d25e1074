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
            // Long fractions (17 digits is what repr and pandas write) go eight digits at a time.
            while end - i >= 8 && significant <= 11, let eight = eightDigits(base + i) {
                if mantissa != 0 {
                    significant += 8
                } else {
                    var rest = eight  // leading zeros are not significant
                    while rest > 0 {
                        significant += 1
                        rest /= 10
                    }
                }
                mantissa = mantissa &* 100_000_000 &+ eight
                exponent -= 8
                sawDigit = true
                i += 8
            }
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
        #if arch(x86_64) && !os(Windows)
            if !inexact && exponent >= -27 && exponent <= 27, let value = extendedParse(mantissa, exponent) {
                return negative ? -value : value
            }
        #endif
        return slowParse(base + start, end - start)
    }

    #if arch(x86_64) && !os(Windows)
        private static let extendedPowersOfTen: [Float80] = (0...27).map { exponent in
            (0..<exponent).reduce(Float80(1)) { value, _ in value * 10 }
        }

        /// mantissa · 10^exponent for up to 19 digits (the common 17-digit output of pandas and repr):
        /// the mantissa and 10^|e| ≤ 10^27 are exact in Float80's 64-bit significand, so the product or
        /// quotient is rounded once, to within half a Float80 ulp. Rounding that to Double gives the
        /// correctly rounded result unless the 11 bits Double drops sit at the halfway point (within one
        /// unit); those rare inputs return nil and go to `strtod`.
        @inline(__always)
        private static func extendedParse(_ mantissa: UInt64, _ exponent: Int) -> Double? {
            let power = extendedPowersOfTen[abs(exponent)]
            let value = exponent >= 0 ? Float80(mantissa) * power : Float80(mantissa) / power
            let dropped = value.significandBitPattern & 0x7FF
            guard dropped < 0x3FF || dropped > 0x401, value.isNormal else { return nil }
            let result = Double(value)
            return result.isNormal ? result : nil
        }
    #endif

    /// The value of eight ASCII digits at `pointer`, or nil when any byte is not a digit (SWAR: one
    /// 64-bit load, the conversion of fast_float's `parse_eight_digits_unrolled`).
    @inline(__always)
    private static func eightDigits(_ pointer: UnsafePointer<UInt8>) -> UInt64? {
        let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        guard
            (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
                == 0x3333_3333_3333_3333
        else { return nil }
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)
        value =
            (((value & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32)))
                &+ (((value >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32)))) >> 32
        return value
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
