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

    @Test func duplicatesAreFoundInRowOrder() {
        let ids = IDColumn(["a1", "a2", "a1", "a3", "a2"])
        #expect(ids.duplicates.map(\.row) == [2, 4] && ids.duplicates.map(\.firstRow) == [0, 1])
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
