import Foundation
import Testing

@testable import Tabular

/// RFC 4180 edge cases, located errors and the id index.
struct CSVReaderTests {
    func read(_ text: String, id: String = "id", columns: [String: ColumnKind] = ["label": .label]) throws(CSVError)
        -> CSVTable
    {
        try CSVReader.read(text: text, source: "test.csv", options: CSVReadOptions(idColumn: id, columns: columns))
    }

    @Test func quotedFieldsWithCommasDoubledQuotesAndNewlines() throws {
        let table = try read(
            "id,label\n\"a,1\",\"say \"\"hi\"\"\"\n\"b\nc\",\"two\nlines\"\nd,plain\n", columns: ["label": .text])
        #expect(table.rowCount == 3)
        #expect(table.ids[0] == "a,1")
        #expect(table.ids[1] == "b\nc")
        #expect(table.texts("label") == ["say \"hi\"", "two\nlines", "plain"])
        // Row 2 spans lines 3-5 (two quoted newlines), so row 3 starts on physical line 6.
        #expect(table.lines == [2, 3, 6])
    }

    @Test func crlfBomAndNoFinalNewline() throws {
        let table = try read("\u{FEFF}id,label\r\nx,1\r\ny,0")
        #expect(table.header == ["id", "label"])
        #expect(table.labels("label")?.names == ["0", "1"])
        #expect(table.labels("label")?.codes == [1, 0])
        #expect(table.ids[1] == "y")
    }

    @Test func blankLinesAreSkippedAndLinesStillCounted() throws {
        let table = try read("id,label\n\nx,1\n\r\ny,0\n\n")
        #expect(table.rowCount == 2)
        #expect(table.lines == [3, 5])
    }

    @Test func emptyFileIsAnError() {
        #expect(
            throws: CSVError(file: "test.csv", message: "the file is empty; expected a header row such as id,label")
        ) {
            try read("")
        }
    }

    @Test func missingIDColumnNamesTheHeader() {
        #expect(throws: CSVError(file: "test.csv", line: 1, message: "no id column \"id\"; the header has idx,label")) {
            try read("idx,label\n1,2\n")
        }
    }

    @Test func duplicateHeaderNames() throws {
        let error = try #require(throws: CSVError.self) { try read("id,label,label\n1,2,3\n") }
        #expect(error.problem.line == 1)
        #expect(error.problem.column == "label")
        #expect(error.problem.message.contains("columns 2 and 3"))
    }

    @Test func unnamedFirstColumnHintsAtPandasIndex() throws {
        let error = try #require(throws: CSVError.self) { try read(",id,label\n0,a,1\n") }
        #expect(error.problem.message.contains("index=False"))
    }

    @Test func unterminatedQuoteReportsWhereItOpened() throws {
        let error = try #require(throws: CSVError.self) { try read("id,label\na,1\nb,\"open\nc,1\n") }
        #expect(error.problem.line == 3)
        #expect(error.problem.column == "label")
        #expect(error.description.hasPrefix("test.csv, line 3, column \"label\""))
    }

    @Test func invalidUTF8ReportsLineAndField() throws {
        var bytes = Array("id,label\na,1\nb,".utf8)
        bytes += [0xC3, 0x28, 0x0A]
        let error = try #require(throws: CSVError.self) {
            try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in
                try CSVReader.read(bytes: buffer, source: "bad.csv", options: CSVReadOptions())
            }
        }
        #expect(error.problem.line == 3)
        #expect(error.problem.column == "#2")
        #expect(error.problem.message.contains("0xC3"))
    }

    @Test func raggedRowsAreDroppedAndListedWithTheirLines() throws {
        let table = try read("id,label\na,1\nb\nc,1,extra\nd,0\n")
        #expect(table.rowCount == 2)
        #expect(table.problems.map(\.line) == [3, 4])
        #expect(table.problems[0].message == "expected 2 fields (id,label), found 1")
    }

    @Test func strayQuotesAndTextAfterAClosingQuoteAreRowProblems() throws {
        let table = try read("id,label\na,x\"y\nb,\"q\"z\nc,1\n")
        #expect(table.rowCount == 1)
        #expect(table.problems.count == 2)
        #expect(table.problems[0].message.contains("quote inside the unquoted field \"label\""))
        #expect(table.problems[1].message.contains("after the closing quote"))
    }

    @Test func problemListIsCappedAndCounted() throws {
        let rows = (0..<60).map { "r\($0)" }.joined(separator: "\n")
        let table = try CSVReader.read(
            text: "id,label\n" + rows, source: "t",
            options: CSVReadOptions(columns: ["label": .label], problemLimit: 50))
        #expect(table.problems.count == 50)
        #expect(table.moreProblems == 10)
    }

    @Test func labelsAreInternedInCodePointOrder() throws {
        let table = try read("id,label\n1,b\n2,ё\n3,B\n4,е\n5,b\n")
        let labels = try #require(table.labels("label"))
        #expect(labels.names == ["B", "b", "е", "ё"])
        #expect((0..<5).map { labels[$0] } == ["b", "ё", "B", "е", "b"])
    }

    @Test func numbersKeepGarbageApartFromNaN() throws {
        let table = try read("id,p\na,0.5\nb,nan\nc,abc\nd, 2 \n", columns: ["p": .number])
        let numbers = try #require(table.numbers("p"))
        #expect(numbers.values[0] == 0.5)
        #expect(numbers.values[1].isNaN)
        #expect(numbers.unparsed == [2: "abc"])
        #expect(numbers.values[3] == 2)
    }

    /// Plain numbers are parsed while their field's end is found; every other field goes the general way.
    /// Both must give the same values, the same garbage, the same row problems and the same lines.
    @Test func numbersParsedWhileScannedAgreeWithTheGeneralWay() throws {
        let text =
            "id,p,q\r\na,1.5,-2e3\r\nb,\"3\",+.5\r\nc,1.5x,7.\r\nd,4\"x,1\r\ne,1e,2\r\nf, 6,nan\r\n"
            + "g,1,2,3\r\n\r\nh,0.30000000000000004,1e-70\r\ni,9,8"
        let table = try read(text, columns: ["p": .number, "q": .number])
        let p = try #require(table.numbers("p"))
        let q = try #require(table.numbers("q"))
        #expect(table.ids.count == 7)
        #expect((0..<7).map { table.ids[$0] } == ["a", "b", "c", "e", "f", "h", "i"])
        #expect(table.lines == [2, 3, 4, 6, 7, 10, 11])
        #expect(
            p.values.enumerated().filter { !p.unparsed.keys.contains($0.offset) }.map(\.element) == [
                1.5, 3, 6, 0.30000000000000004, 9,
            ])
        #expect(p.unparsed == [2: "1.5x", 3: "1e"])
        #expect(q.values[0] == -2000 && q.values[1] == 0.5 && q.values[2] == 7 && q.values[3] == 2)
        #expect(q.values[4].isNaN && q.unparsed.isEmpty)
        #expect(q.values[5] == 1e-70 && q.values[6] == 8)
        #expect(table.problems.map(\.line) == [5, 8])
        #expect(table.problems[0].message.contains("quote inside the unquoted field \"p\""))
    }

    /// A file read from disk hands back its pages as it goes (in 1 MiB steps): a file of several steps reads
    /// the same as its text, a character cut by a step's end is not taken for bad UTF-8, and a bad byte past
    /// the first step is still found on its line.
    @Test func aLargeFileReadFromDiskReadsLikeItsText() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csv-pages-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "id,label,p\n"
        var row = 0
        while text.utf8.count < ReadPages.step - 40 {
            text += "row\(row),class\(row % 7),0.\(row)\n"
            row += 1
        }
        // "€" is three bytes: pad so that it straddles the first step's end.
        text += String(repeating: "x", count: ReadPages.step - 1 - text.utf8.count - 9) + ",€uro,1\n"
        for more in 0..<300_000 { text += "more\(more),€,0.25\n" }
        let path = directory.appendingPathComponent("big.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let options = CSVReadOptions(columns: ["label": .label, "p": .number])
        let fromDisk = try CSVReader.read(path: path, options: options)
        let fromText = try CSVReader.read(text: text, source: path, options: options)
        #expect(fromDisk.rowCount == row + 1 + 300_000)
        #expect(fromDisk.problems.isEmpty)
        #expect(fromDisk.lines == fromText.lines)
        #expect(fromDisk.labels("label")?.codes == fromText.labels("label")?.codes)
        #expect(fromDisk.numbers("p")?.values == fromText.numbers("p")?.values)
        #expect((0..<fromDisk.rowCount).allSatisfy { fromDisk.ids[$0] == fromText.ids[$0] })

        var bytes = Array(text.utf8)
        bytes[bytes.count - 5] = 0xFF
        let bad = directory.appendingPathComponent("bad.csv")
        try Data(bytes).write(to: bad)
        let error = try #require(throws: CSVError.self) { try CSVReader.read(path: bad.path, options: options) }
        #expect(error.problem.line == row + 1 + 300_000 + 1)
        #expect(error.problem.message.contains("0xFF"))
    }

    @Test func otherColumnsTakeTheDefaultKindAndUnlistedAreSkipped() throws {
        let table = try CSVReader.read(
            text: "id,a,b\nx,0.25,0.75\n", source: "t", options: CSVReadOptions(otherColumns: .number))
        #expect(table.numbers("a")?.values == [0.25])
        #expect(table.numbers("b")?.values == [0.75])
        let skipped = try read("id,a,b\nx,1,2\n", columns: [:])
        #expect(skipped.columns.isEmpty)
    }

    @Test func idIndexFindsEveryRowAndRecordsDuplicates() throws {
        let count = 50_000
        let text = "id,label\n" + (0..<count).map { "id\($0),\($0 % 3)" }.joined(separator: "\n") + "\nid7,1\n"
        let table = try read(text)
        #expect(table.rowCount == count + 1)
        #expect(table.ids.row(of: "id49999") == 49_999)
        #expect(table.ids.row(of: "id7") == 7)
        #expect(table.ids.row(of: "id50000") == nil)
        #expect(table.ids.duplicates.count == 1)
        #expect(table.ids.duplicates[0].row == count && table.ids.duplicates[0].firstRow == 7)
        let shuffled = IDColumn((0..<count).reversed().map { "id\($0)" })
        let rows = table.ids.rows(matching: shuffled)
        #expect(rows.first == Int32(count - 1) && rows.last == 0)
    }

    @Test func idsCompareByBytesNotByUnicodeEquivalence() throws {
        // "é" precomposed and decomposed are canonically equivalent Swift Strings but different ids.
        let table = try read("id,label\n\u{E9},1\ne\u{301},0\n")
        #expect(table.ids.duplicates.isEmpty)
        #expect(table.ids.row(of: "e\u{301}") == 1)
    }
}

/// Files saved by other tools: the message names the cause and the fix.
struct ForeignFileTests {
    func message(_ bytes: [UInt8]) -> String? {
        let padded = bytes + [0]
        return padded.withUnsafeBufferPointer { buffer in
            do throws(CSVError) {
                _ = try CSVReader.read(
                    bytes: UnsafeBufferPointer(rebasing: buffer.dropLast()), source: "f.csv",
                    options: CSVReadOptions(idColumn: "id", columns: ["label": .label]))
                return nil
            } catch {
                return error.description
            }
        }
    }

    static let text = "id,label\nimg1,8\n"

    @Test func utf16WithAByteOrderMarkIsNamed() throws {
        let littleEndian: [UInt8] = [0xFF, 0xFE] + Self.text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(
            message(littleEndian)
                == "f.csv, line 1: the file is UTF-16 (little-endian), not UTF-8 (Excel's \"Unicode Text\" saves it so);"
                + " save it as \"CSV UTF-8\"")
        let bigEndian: [UInt8] = [0xFE, 0xFF] + Self.text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try #require(message(bigEndian)).contains("the file is UTF-16 (big-endian), not UTF-8"))
    }

    @Test func utf16WithoutAMarkIsNamed() throws {
        let bytes = Self.text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try #require(message(bytes)).contains("the file is UTF-16 (little-endian), not UTF-8"))
    }

    @Test func aUTF8FileWithOneZeroByteIsNotTakenForUTF16() throws {
        // It reads as CSV (the id with its NUL is refused later, as an unknown id).
        #expect(message(Array("id,label\nimg\u{0}1,8\n".utf8)) == nil)
    }

    @Test func semicolonsTabsAndBarsAreNamed() throws {
        for (separator, name) in [(";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")] {
            let text = try #require(message(Array("id\(separator)label\nimg1\(separator)8\n".utf8)))
            #expect(
                text.hasSuffix(
                    "the file is separated by \(name), but Podium reads commas (Excel: save as \"CSV UTF-8 (Comma"
                        + " delimited)\"; pandas: to_csv(..., sep=\",\"))"), "\(text)")
        }
    }

    @Test func aWrongHeaderWithoutAnotherSeparatorGetsThePlainMessage() throws {
        #expect(
            message(Array("ID;label\nimg1;8\n".utf8)) == "f.csv, line 1: no id column \"id\"; the header has ID;label")
    }
}

/// The UTF-8 check reads only the bytes it is given, whatever follows them in memory.
struct UTF8ValidationTests {
    @Test func aCheckStopsAtTheEndOfItsBytes() {
        for length in [0, 1, 7, 8, 31, 32, 33, 64, 96, 100] {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            bytes.append(0xFF)  // just past the bytes checked
            let found = bytes.withUnsafeBufferPointer {
                firstInvalidUTF8(UnsafeBufferPointer(rebasing: $0[0..<length]))
            }
            #expect(found == nil, "\(length) bytes")
            #expect(bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) } == length)
        }
        let cut = Array("aaaa€".utf8.dropLast())
        #expect(cut.withUnsafeBufferPointer { firstInvalidUTF8($0) } == 4)
    }
}
