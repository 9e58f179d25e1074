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
