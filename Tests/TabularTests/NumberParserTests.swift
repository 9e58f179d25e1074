import Testing

@testable import Tabular

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The byte parser must give exactly the double that `Double(String)` (correctly rounded) gives.
struct NumberParserTests {
    @Test func agreesBitForBitWithTheStandardLibraryOnRandomInputs() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            let forms = [
                "\(value)", String(format: "%.17g", value), String(format: "%.6f", Double.random(in: -1000...1000)),
                "\(Double.random(in: 0...1))", "\(Int.random(in: -1_000_000...1_000_000))",
            ]
            for text in forms {
                #expect(NumberParser.parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
                checked += 1
            }
        }
        #expect(checked == 100_000)
    }

    /// Eisel–Lemire serves mantissas of up to 19 digits with exponents -64…64; the C library's strtod is the
    /// oracle, over every exponent of the table and beyond it, with halfway cases (2^53 + 1 and its kin:
    /// exact products that must round to even) and mantissas with every digit count.
    @Test func eiselLemireAgreesWithStrtodAcrossItsTable() {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for exponent in -70...70 {
            for digits in 1...19 {
                for _ in 0..<12 {
                    let high = digits == 19 ? UInt64(9_999_999_999_999_999_999) : pow10(digits) - 1
                    let mantissa = UInt64.random(in: pow10(digits - 1)...high, using: &generator)
                    for text in ["\(mantissa)e\(exponent)", "-\(mantissa)e\(exponent)"] {
                        #expect(NumberParser.parse(text)?.bitPattern == strtod(text, nil).bitPattern, "\(text)")
                        checked += 1
                    }
                }
            }
        }
        for text in [
            "9007199254740993", "9007199254740995", "9007199254740997e1", "4503599627370497.5", "18014398509481985",
            "9007199254740993e-4", "9007199254740993e5", "1e23", "8.98846567431158e307", "4.9406564584124654e-64",
            "1.00000000000000011102230246251565404236316680908203125", "7.2057594037927933e16",
        ] {
            #expect(NumberParser.parse(text)?.bitPattern == strtod(text, nil).bitPattern, "\(text)")
            checked += 1
        }
        #expect(checked == 141 * 19 * 12 * 2 + 12)
    }

    /// The reader's `parsePlain` (with its path for one digit, a point and 16 to 18 more) agrees with `parse`
    /// and with strtod whatever follows the number, and says where the number ends.
    @Test func plainNumbersReadInTheReaderAgreeWithParse() {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "0.4570694221844397", "0.09021307503669834", "0.016555947272029383", "0.0016555947272029383",
            "9.999999999999999999", "1.0000000000000000", "0.0000000000000000", "-0.0000000000000000",
            "0.1234567890123456e5", "7.12345678901234567", "-3.1415926535897932", "0.5", "12.25",
        ]
        for _ in 0..<20_000 {
            let value = Double.random(in: 0..<10, using: &generator)
            texts += ["\(value)", String(format: "%.16f", value), String(format: "%.18f", value / 10)]
        }
        for text in texts {
            for end in ["", ",", "\n", "\r\n", "x"] {
                let bytes = Array((text + end).utf8)
                let plain = bytes.withUnsafeBufferPointer { NumberParser.parsePlain($0.baseAddress!, $0.count) }
                #expect(plain?.value.bitPattern == NumberParser.parse(text)?.bitPattern, "\(text + end)")
                #expect(plain?.value.bitPattern == strtod(text, nil).bitPattern, "\(text)")
                #expect(plain?.length == text.utf8.count, "\(text + end)")
            }
        }
        // A second point ends the number where the general way ends it.
        let second = Array("0.1234567890123456.5".utf8)
        let stopped = second.withUnsafeBufferPointer { NumberParser.parsePlain($0.baseAddress!, $0.count) }
        #expect(stopped?.length == 18 && stopped?.value == 0.1234567890123456)
    }

    private func pow10(_ n: Int) -> UInt64 { (0..<n).reduce(1) { value, _ in value * 10 } }

    @Test func hardCasesNeedTheSlowPath() {
        for text in [
            "9007199254740993", "0.1000000000000000055511151231257827", "2.2250738585072011e-308",
            "1.7976931348623157e308", "4.9e-324", "123456789012345678901234567890", "1e-400", "0.000000000000000000001",
        ] {
            #expect(NumberParser.parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func specialValuesAndOverflow() {
        #expect(NumberParser.parse("NaN")?.isNaN == true)
        #expect(NumberParser.parse("-inf") == -.infinity)
        #expect(NumberParser.parse("Infinity") == .infinity)
        #expect(NumberParser.parse("1e309") == .infinity)
        #expect(NumberParser.parse("-0")?.sign == .minus)
        #expect(NumberParser.parse("  0.5 ") == 0.5)
        #expect(NumberParser.parse(".5") == 0.5)
        #expect(NumberParser.parse("5.") == 5)
        #expect(NumberParser.parse("+1E+2") == 100)
    }

    @Test func rejectsWhatIsNotANumber() {
        for text in ["", " ", "abc", "1,5", "0x10", "1e", "1e+", "--1", ".", "1.2.3", "nanx", "in", "1 2", "١"] {
            #expect(NumberParser.parse(text) == nil, "\(text)")
        }
    }
}

#if canImport(Foundation)
    import Foundation
#endif

/// Long fractions take the eight-digits-at-a-time path; these pin its edges.
struct LongFractionTests {
    @Test func seventeenDigitFractionsAndLeadingZeros() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let value = Double.random(in: 0..<1, using: &generator)
            for text in [
                String(format: "%.17f", value), String(format: "%.17g", value), String(format: "%.19f", value / 1000),
                "0.00000000\(UInt64.random(in: 0...99_999_999))", "12345678.\(UInt64.random(in: 0...9_999_999_999))",
            ] {
                #expect(NumberParser.parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }
        for text in ["0.12345678", "0.1234567a9", "0.00000000", "0.000000001", "1.99999999999999999999", "0.1234567/9"]
        {
            #expect(NumberParser.parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }
}
