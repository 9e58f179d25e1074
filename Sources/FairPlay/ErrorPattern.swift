import Foundation
import MLMetrics
import Scoring

/// Which rows a submission got wrong, one bit per row of the answer keys' Private parts (all tasks in order):
/// what two teams' predictions are compared by. A row is wrong when its predicted label (a probability's
/// label at 0.5, a probability row's most likely class) is not the true one, when a normalised answer is none
/// of the gold ones, and, for numbers, when its absolute error is above the submission's median absolute
/// error (so that "wrong" means "among its worse half" where nothing is simply right).
public struct ErrorPattern: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of wrong rows.
    public let wrong: Int
    /// The bits, 64 rows per word, row `r` at bit `r % 64` of word `r / 64`.
    public let words: [UInt64]

    /// A pattern from its bits.
    public init(rows: Int, words: [UInt64]) {
        self.rows = rows
        self.words = words
        wrong = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// A pattern from one flag per row.
    public init(_ flags: [Bool]) {
        var words = [UInt64](repeating: 0, count: (flags.count + 63) / 64)
        for (row, flag) in flags.enumerated() where flag { words[row / 64] |= 1 << UInt64(row % 64) }
        self.init(rows: flags.count, words: words)
    }

    /// The pattern of `predictions` on `key`'s Private rows (all its rows when it has no Private part).
    public static func of(_ predictions: PredictedValues, key: AnswerKey) -> ErrorPattern {
        let rows = Self.comparedRows(of: key)
        return ErrorPattern(WrongRows.flags(predictions, key: key, rows: rows))
    }

    /// The rows compared: the Private part's, else all.
    static func comparedRows(of key: AnswerKey) -> [Int] {
        let privateRows = key.isPrivate.indices.filter { key.isPrivate[$0] }
        return privateRows.isEmpty ? Array(key.isPrivate.indices) : privateRows
    }

    /// The patterns of several tasks, one after the other.
    public static func concatenating(_ patterns: [ErrorPattern]) -> ErrorPattern {
        var flags: [Bool] = []
        for pattern in patterns { flags += (0..<pattern.rows).map(pattern.isWrong) }
        return ErrorPattern(flags)
    }

    /// Whether row `row` is wrong.
    public func isWrong(_ row: Int) -> Bool { words[row / 64] >> UInt64(row % 64) & 1 == 1 }

    /// The bits as bytes (little-endian words), for storing.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 8)
        for word in words { withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    /// A pattern of `rows` rows from `bytes` (little-endian words); nil when they do not hold that many.
    public init?(rows: Int, bytes: some ContiguousBytes) {
        let count = (rows + 63) / 64
        let words: [UInt64]? = bytes.withUnsafeBytes { raw in
            guard raw.count == count * 8 else { return nil }
            return (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
        guard let words else { return nil }
        self.init(rows: rows, words: words)
    }
}
