import Foundation
import MLMetrics
import Testing

@testable import Tabular

/// Rows of an id and plain numbers are read in one pass each (`CSVScanner.scanPlainRow`), every other row field
/// by field. Both readings of the same bytes must give the same table: ids, line numbers, values to the bit,
/// unparsed fields, problems and errors. Random files mix plain rows with every shape that leaves the one-pass
/// reading (quotes, carriage returns, spaces, `nan`, text, empty, missing and extra fields, blank lines, no
/// final newline), with the id first, in the middle and last.
struct PlainRowTests {
    static let numbers = [
        "0.4570694221844397", "0.37777834983251823", "-0.25", "+3.5", "1e-05", "2.5E+3", "12", "0", "-0", "0.1",
        "1.", ".5", "5e", "1e400", "123456789012345678901234", "0.00000000000000000000001234",
        "0.45706942218443971234", "nan", "inf", " 0.5", "0.5 ", "\"0.5\"", "", "abc", "0x1A", "1,5",
        "0.4570694221844397e", "0.4570694221844397.", "7\"",
    ]
    static let ids = ["r0000001", "r2", "", "a b", "\"q,1\"", "a\"b", "\"x\"\"y\"", "é1", "r\r", "12"]

    /// A random file of `rows` rows under `header`.
    static func file(header: [String], rows: Int, generator: inout SeededGenerator) -> String {
        var text = header.joined(separator: ",") + "\n"
        for row in 0..<rows {
            let plain = generator.next() % 4 != 0
            var fields: [String] = header.map { name in
                if name == "id" { return plain ? "r\(row)" : ids.randomElement(using: &generator)! }
                return plain
                    ? numbers[Int(generator.next() % 3)] : numbers.randomElement(using: &generator)!
            }
            if !plain && generator.next() % 8 == 0 { fields.append("0.5") }
            if !plain && generator.next() % 8 == 0 { fields.removeLast() }
            text += fields.joined(separator: ",")
            switch generator.next() % 16 {
            case 0: text += "\r\n"
            case 1: text += "\n\n"
            case 2: text += "\r\n\r\n"
            default: text += "\n"
            }
        }
        if generator.next() % 2 == 0, text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The table, or the error's text, read one way.
    static func read(_ text: String, header: [String], wholeRows: Bool) -> Result<CSVTable, CSVError> {
        var options = CSVReadOptions(idColumn: "id", otherColumns: .number, problemLimit: 1_000)
        options.readsPlainRowsWhole = wholeRows
        let bytes = Array(text.utf8)
        return Result { () throws(CSVError) in
            try bytes.withUnsafeBufferPointer { (buffer) throws(CSVError) in
                try CSVReader.read(bytes: buffer, source: "f.csv", options: options)
            }
        }
    }

    @Test(arguments: [["id", "a", "b", "c"], ["a", "id", "b"], ["a", "id"], ["id", "a"]])
    func bothReadingsGiveTheSameTable(header: [String]) throws {
        var generator = SeededGenerator(seed: UInt64(header.count * 31 + header.firstIndex(of: "id")!))
        var plainRowsSeen = 0
        for _ in 0..<300 {
            let text = Self.file(header: header, rows: Int(generator.next() % 12), generator: &generator)
            let whole = Self.read(text, header: header, wholeRows: true)
            let byField = Self.read(text, header: header, wholeRows: false)
            switch (whole, byField) {
            case (.failure(let one), .failure(let other)):
                #expect(one.description == other.description, "\(text.debugDescription)")
            case (.success(let one), .success(let other)):
                let difference = Self.difference(one, other)
                #expect(difference == nil, "\(text.debugDescription)")
                plainRowsSeen += one.rowCount
            default:
                Issue.record("one reading failed, the other did not: \(text.debugDescription)")
            }
        }
        #expect(plainRowsSeen > 500)
    }

    /// A file read from the disk, long enough that its numbers go to the columns in several blocks, with rows
    /// read the other way between blocks and inside them.
    @Test func blocksOfPlainRowsKeepTheirOrderAroundOtherRows() throws {
        var generator = SeededGenerator(seed: 7)
        var text = "id,a,b\n"
        for row in 0..<5_000 {
            let a = Self.numbers[Int(generator.next() % 3)]
            let b = row % 700 == 3 || row == 1_023 || row == 1_024 ? "\"0.5\"" : Self.numbers[Int(generator.next() % 3)]
            text += "r\(row),\(a),\(b)\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = CSVReadOptions(idColumn: "id", otherColumns: .number)
        let whole = try CSVReader.read(path: path, options: options)
        options.readsPlainRowsWhole = false
        let byField = try CSVReader.read(path: path, options: options)
        #expect(whole.rowCount == 5_000)
        #expect(Self.difference(whole, byField) == nil)
        #expect(try #require(whole.numbers("b")).values[1_024] == 0.5)
    }

    /// What differs between two readings of the same bytes, or nil.
    static func difference(_ one: CSVTable, _ other: CSVTable) -> String? {
        if one.rowCount != other.rowCount { return "rows: \(one.rowCount) and \(other.rowCount)" }
        if one.lines != other.lines { return "lines: \(Array(one.lines)) and \(Array(other.lines))" }
        if one.problems != other.problems { return "problems: \(one.problems) and \(other.problems)" }
        if one.moreProblems != other.moreProblems { return "more problems" }
        for row in 0..<one.rowCount where one.ids[row] != other.ids[row] {
            return "row \(row)'s id: \(one.ids[row].debugDescription) and \(other.ids[row].debugDescription)"
        }
        for name in one.header where name != "id" {
            guard let a = one.numbers(name), let b = other.numbers(name) else { return "column \(name) missing" }
            if a.unparsed != b.unparsed { return "\(name) unparsed: \(a.unparsed) and \(b.unparsed)" }
            if a.values.map(\.bitPattern) != b.values.map(\.bitPattern) {
                return "\(name): \(a.values) and \(b.values)"
            }
        }
        return nil
    }
}
