import Testing

@testable import Tabular

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
