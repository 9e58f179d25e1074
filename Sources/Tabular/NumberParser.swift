#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses decimal numbers straight from bytes, without making a String.
///
/// Accepts what pandas' `read_csv` accepts for a float column: optional surrounding spaces, a sign,
/// digits with an optional fraction and exponent, and `nan`, `inf`, `infinity` in any case. Results are
/// correctly rounded: a mantissa ≤ 2⁵³ with |exponent| ≤ 22 by Clinger's fast path, up to 19 significant
/// digits with |exponent| ≤ 64 by Eisel–Lemire (fast_float's algorithm), and the rare rest by the C
/// library's `strtod`.
public enum NumberParser {
    // Literals, so the tables are built at compile time (a computed table costs a lazy-initialisation check
    // on every number).
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

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
        let digits = i
        guard let decimal = scanDecimal(base, &i, end), i == end else { return nil }
        let value = decimal ?? slowParse(base + digits, end - digits)
        return negative ? -value : value
    }

    /// A plain decimal number at the start of the `limit` bytes at `base` — an optional sign, digits with an
    /// optional fraction and exponent, no spaces, no `nan` or `inf` — and how many bytes it takes; nil when
    /// the bytes do not start with one. The value is the one `parse` gives for those bytes: a CSV reader
    /// parses a field while it looks for the field's end, and reads anything else the general way.
    @inline(__always)
    public static func parsePlain(_ base: UnsafePointer<UInt8>, _ limit: Int) -> (value: Double, length: Int)? {
        var i = 0
        guard limit > 0 else { return nil }
        let negative = base[0] == UInt8(ascii: "-")
        if negative || base[0] == UInt8(ascii: "+") { i = 1 }
        let digits = i
        if let (value, length) = longFraction(base + i, limit - i) {
            return (negative ? -value : value, i + length)
        }
        guard let decimal = scanDecimal(base, &i, limit) else { return nil }
        let value = decimal ?? slowParse(base + digits, i - digits)
        return (negative ? -value : value, i)
    }

    /// The shape models write probabilities in — one digit, a point, 16 to 18 more digits (`0.4570694221844397`,
    /// repr's shortest round trip) — read with two eight-digit loads and no bookkeeping of significant digits:
    /// at most 19 digits in all are exact in the mantissa. Nil for anything else (then `scanDecimal` reads it),
    /// including a following exponent; the value is the one `scanDecimal` gives.
    @inline(__always)
    private static func longFraction(_ base: UnsafePointer<UInt8>, _ limit: Int) -> (Double, Int)? {
        guard limit >= 18, case let lead = base[0] &- 0x30, lead < 10, base[1] == UInt8(ascii: "."),
            let high = eightDigits(base + 2), let low = eightDigits(base + 10)
        else { return nil }
        var mantissa = UInt64(lead) &* 10_000_000_000_000_000 &+ high &* 100_000_000 &+ low
        var i = 18
        while i < limit && i < 20, case let digit = base[i] &- 0x30, digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            i += 1
        }
        if i < limit {
            let next = base[i]
            guard next &- 0x30 >= 10, next != UInt8(ascii: "."), next | 0x20 != UInt8(ascii: "e") else { return nil }
        }
        guard let value = converted(mantissa, exponent: 2 - i) else { return nil }
        return (value, i)
    }

    /// mantissa · 10^exponent (an exact significand of at most 19 digits) correctly rounded by a fast path:
    /// Clinger's for a mantissa ≤ 2⁵³ and |exponent| ≤ 22 (one multiplication or division by an exact power of
    /// ten), Eisel–Lemire for the rest; nil when neither applies.
    @inline(__always)
    private static func converted(_ mantissa: UInt64, exponent: Int) -> Double? {
        if mantissa == 0 { return 0 }
        if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            return exponent >= 0
                ? Double(mantissa) * powersOfTen[exponent] : Double(mantissa) / powersOfTen[-exponent]
        }
        return eiselLemire(mantissa, exponent)
    }

    /// Digits with an optional fraction and exponent from `i` up to `end`, leaving `i` after them: the
    /// correctly rounded value when a fast path gives it (nil inside for the rare inputs `strtod` must
    /// convert); nil when there are no digits or the exponent has none.
    @inline(__always)
    private static func scanDecimal(_ base: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int) -> Double?? {
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        var inexact = false
        while i < end, case let digit = base[i] &- 0x30, digit < 10 {
            sawDigit = true
            if significant < 19 {
                if mantissa != 0 || digit != 0 { significant &+= 1 }
                mantissa = mantissa &* 10 &+ UInt64(digit)  // at most 19 digits: no overflow
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
                // Leading zeros are not significant: count the chunk's leading "0" bytes (the low bytes of the
                // little-endian word) when nothing came before.
                significant += mantissa != 0 ? 8 : 8 - min(8, leadingZeroDigits(base + i))
                mantissa = mantissa &* 100_000_000 &+ eight
                exponent -= 8
                sawDigit = true
                i += 8
            }
            while i < end, case let digit = base[i] &- 0x30, digit < 10 {
                sawDigit = true
                if significant < 19 {
                    if mantissa != 0 || digit != 0 { significant &+= 1 }
                    mantissa = mantissa &* 10 &+ UInt64(digit)  // at most 19 digits: no overflow
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

        if mantissa == 0 { return .some(0.0) }
        return .some(inexact ? nil : converted(mantissa, exponent: exponent))
    }

    /// mantissa · 10^exponent correctly rounded, by the Eisel–Lemire algorithm as fast_float implements it
    /// (`compute_float`): one 64 × 128-bit product with a power of five, no division. Nil outside the table
    /// (`powersOfFive128`, exponents -64…64) and for results that would be subnormal or infinite, which go to
    /// `strtod`. The mantissa must be the exact decimal significand (at most 19 digits).
    @inline(__always)
    static func eiselLemire(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        guard mantissa != 0, exponent >= -64 && exponent <= 64 else { return nil }
        let leadingZeros = mantissa.leadingZeroBitCount
        let w = mantissa << leadingZeros
        let index = 2 * (exponent + 64)
        let (high, low) = powersOfFive128.withUnsafeBufferPointer { table in
            var product = w.multipliedFullWidth(by: table[index])
            // 55 bits are needed (52 stored, the implicit one, one to round, one the top bit may lose):
            // when the bits below them are all ones the low word of the power can carry into them.
            if product.high & 0x1FF == 0x1FF {
                let second = w.multipliedFullWidth(by: table[index + 1]).high
                let (sum, carry) = product.low.addingReportingOverflow(second)
                product.low = sum
                if carry { product.high &+= 1 }
            }
            return (product.high, product.low)
        }
        let upperBit = Int(high >> 63)
        let shift = upperBit + 64 - 52 - 3
        var significand = high >> shift
        // ⌊log2(10^q)⌋ + 63, as fast_float's `power`.
        var power2 = (((152_170 + 65_536) &* exponent) >> 16) + 63 + upperBit - leadingZeros + 1023
        guard power2 > 0 else { return nil }
        // Halfway between two doubles only when the product is exact (5^q fits in 64 bits): round to even.
        if low <= 1 && exponent >= -4 && exponent <= 23 && significand & 3 == 1 && significand << shift == high {
            significand &= ~1
        }
        significand += significand & 1
        significand >>= 1
        if significand >= 2 << 52 {
            significand = 1 << 52
            power2 += 1
        }
        significand &= ~(1 << 52)
        guard power2 < 0x7FF else { return nil }
        return Double(bitPattern: UInt64(power2) << 52 | significand)
    }

    /// How many of the eight bytes at `pointer` are "0" before the first other byte.
    @inline(__always)
    private static func leadingZeroDigits(_ pointer: UnsafePointer<UInt8>) -> Int {
        let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        return (word ^ 0x3030_3030_3030_3030).trailingZeroBitCount / 8
    }

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

    /// Correctly rounded conversion by `strtod` for the rare long or extreme inputs (unsigned: the caller
    /// applies the sign, so `-0` stays negative zero).
    private static func slowParse(_ base: UnsafePointer<UInt8>, _ count: Int) -> Double {
        var buffer = [CChar](repeating: 0, count: count + 1)
        for k in 0..<count { buffer[k] = CChar(bitPattern: base[k]) }
        return strtod(buffer, nil)
    }
}
