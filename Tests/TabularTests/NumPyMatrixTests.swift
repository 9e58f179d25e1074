import Foundation
import Testing

@testable import Tabular

/// Sentence embeddings as `np.save` writes them (Fixtures/npy, made by make_npy_fixtures.py): read exactly, and every
/// other file refused with the file, and a bad value's row and column, named.
@Suite struct NumPyMatrixTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/npy").path

    static func read(_ name: String, rows: Int? = nil, maxWidth: Int? = nil) throws(NumPyMatrix.Problem) -> NumPyMatrix
    {
        try NumPyMatrix.read(path: "\(folder)/\(name)", name: name, rows: rows, maxWidth: maxWidth)
    }

    static let expected: [Float] = (0..<12).map { Float($0) / 8 - 0.5 }

    @Test func float32AndFloat16AreReadExactly() throws {
        for name in ["float32.npy", "float16.npy"] {
            let matrix = try Self.read(name, rows: 4, maxWidth: 3)
            #expect(matrix.rows == 4 && matrix.width == 3, "\(name)")
            #expect(matrix.values == Self.expected, "\(name)")
            #expect(Array(matrix.row(2)) == [0.25, 0.375, 0.5], "\(name)")
        }
    }

    @Test func everyOtherFileIsRefusedNamingWhatIsWrong() {
        let cases: [(String, Int?, Int?, String)] = [
            ("float64.npy", nil, nil, "float64.npy: holds <f8 values; embeddings must be float32 or float16"),
            ("fortran.npy", nil, nil, "fortran.npy: is in Fortran order"),
            ("three_d.npy", nil, nil, "three_d.npy: has shape (2, 2, 2)"),
            ("nan.npy", nil, nil, "nan.npy, row 3, column 2: NaN where a finite number was expected"),
            ("inf.npy", nil, nil, "inf.npy, row 4, column 1: an infinite value where a finite number was expected"),
            ("truncated.npy", nil, nil, "truncated.npy: holds 43 bytes of values; a 4 × 3 <f4 array needs 48"),
            ("float32.npy", 5, nil, "float32.npy: has 4 rows; the task's split has 5 sentences"),
            ("float32.npy", nil, 2, "float32.npy: is 3 wide; the round allows embeddings of at most 2 dimensions"),
            ("make_npy_fixtures.py", nil, nil, "make_npy_fixtures.py: is not a NumPy .npy file"),
        ]
        for (name, rows, maxWidth, message) in cases {
            #expect(throws: NumPyMatrix.Problem.self, "\(name)") {
                try Self.read(name, rows: rows, maxWidth: maxWidth)
            }
            do {
                _ = try Self.read(name, rows: rows, maxWidth: maxWidth)
            } catch {
                #expect("\(error)".hasPrefix(message), "\(error)")
            }
        }
    }
}
