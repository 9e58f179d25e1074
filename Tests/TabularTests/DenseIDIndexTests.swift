import Testing

@testable import Tabular

/// Ids of one shape (a prefix and a number) are indexed by their number; the index must stay byte-exact.
struct DenseIDIndexTests {
    @Test func fixedWidthIdsAreFoundByNumberAndOtherWidthsAreNot() throws {
        let ids = IDColumn(
            (0..<1000).reversed().map { "row" + String(repeating: "0", count: 4 - "\($0)".count) + "\($0)" })
        #expect(try #require(ids.row(of: "row0007")) == 992)
        #expect(ids.row(of: "row007") == nil, "another width is another id")
        #expect(ids.row(of: "row00007") == nil)
        #expect(ids.row(of: "rov0007") == nil && ids.row(of: "0007") == nil, "another prefix")
        #expect(ids.row(of: "row1000") == nil, "outside the numbers")
        #expect(ids.duplicates.isEmpty)
    }

    @Test func idsWithoutLeadingZerosMayVaryInWidth() throws {
        let ids = IDColumn(["10", "0", "7", "123"])
        #expect(ids.row(of: "10") == 0 && ids.row(of: "0") == 1 && ids.row(of: "123") == 3)
        #expect(ids.row(of: "010") == nil && ids.row(of: "07") == nil && ids.row(of: "00") == nil)
    }

    /// Ids numbered in row order (a sorted solution file) keep no array: the row is the number's offset.
    @Test func idsInRowOrderAreFoundWithoutAnArray() throws {
        let ids = IDColumn((0..<500).map { "id\(String(1000 + $0))" })
        let found = ids.rows(matching: IDColumn(["id1499", "id1000", "id1250", "id999", "id1500", "id01000", "x1"]))
        #expect(found == [499, 0, 250, -1, -1, -1, -1])
        #expect(ids.row(of: "id1007") == 7 && ids.row(of: "id1500") == nil && ids.row(of: "id0999") == nil)
        let dense = try #require(ids.denseIndexForTesting)
        #expect(dense.rowOf.isEmpty && dense.span == 500 && dense.low == 1000)
        let oneSwap = IDColumn(["n1", "n3", "n2"])
        #expect(try #require(oneSwap.denseIndexForTesting).rowOf == [1, 3, 2])
        #expect(oneSwap.row(of: "n3") == 1 && oneSwap.row(of: "n2") == 2)
    }

    @Test func duplicatesAreFoundInRowOrder() {
        let ids = IDColumn(["a1", "a2", "a1", "a3", "a2"])
        #expect(ids.duplicates.map(\.row) == [2, 4] && ids.duplicates.map(\.firstRow) == [0, 1])
        // A third occurrence still names the first, which keeps the id's row.
        let thrice = IDColumn(["a3", "a1", "a2", "a1", "a1"])
        #expect(thrice.duplicates.map(\.row) == [3, 4] && thrice.duplicates.map(\.firstRow) == [1, 1])
        #expect(thrice.row(of: "a1") == 1)
    }

    /// Mixed shapes, leading zeros in mixed widths and sparse numbers fall back to the hash index, which
    /// answers the same.
    @Test(arguments: [
        ["a1", "b2", "a3"], ["01", "1", "2"], ["1", "1000000000", "5"], ["x", "y"], ["row1", "row", "row2"],
    ])
    func otherShapesUseTheHashIndex(_ values: [String]) {
        let ids = IDColumn(values)
        for (row, id) in values.enumerated() { #expect(ids.row(of: id) == row, "\(id)") }
        #expect(ids.row(of: "row3") == nil && ids.row(of: "001") == nil)
    }

    @Test func aShuffledSubmissionJoinsToItsSolution() {
        let solution = IDColumn((0..<5000).map { "img\($0)" })
        var submission = IDColumn(indexed: false)
        let order = (0..<5000).map { ($0 * 7919) % 5000 }
        for row in order { withBytes(of: "img\(row)") { submission.append($0, $1) } }
        submission.append("img5000", 7)
        #expect(solution.rows(matching: submission) == order.map(Int32.init) + [-1])
    }
}

extension IDColumn {
    /// Appends a string's bytes (tests).
    fileprivate mutating func append(_ id: String, _: Int) { withBytes(of: id) { append($0, $1) } }
}

/// Row lines are kept as a rule while rows follow one another line by line, and as a list after.
struct LineNumbersTests {
    @Test func linesFollowingOneAnotherAndLinesThatDoNot() {
        var lines = LineNumbers()
        for line: Int32 in [2, 3, 4] { lines.append(line) }
        #expect(Array(lines) == [2, 3, 4] && lines.count == 3 && lines[1] == 3)
        lines.append(6)
        lines.append(7)
        #expect(Array(lines) == [2, 3, 4, 6, 7])
        #expect(lines == LineNumbers([2, 3, 4, 6, 7]) && lines != [2, 3, 4, 5, 6])
        #expect(LineNumbers([5]) == [5] && LineNumbers().isEmpty)
        #expect(LineNumbers([9, 10, 11]).map { $0 } == [9, 10, 11])
    }
}
