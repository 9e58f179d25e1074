import Foundation
import Tabular

/// The slices of a task's rows (LiDiRus's diagnostic categories), read from the solution's slice column: each row
/// names its tags separated by `;`, and a two-level tag `logic/negation` puts the row in `logic/negation` and in
/// `logic`. A row without tags is in no slice.
public struct SliceIndex: Sendable, Equatable {
    /// The slices, sorted by code point (a family before its members: `logic`, `logic/negation`).
    public let names: [String]
    /// The rows of each slice, ascending, in the order of `names`.
    public let rows: [[Int]]

    /// The slices the tags of `column` name.
    public init(column: LabelColumn) {
        let tagsOfName = column.names.map(Self.slices(of:))
        var rowsBySlice: [String: [Int]] = [:]
        for (row, code) in column.codes.enumerated() {
            for slice in tagsOfName[Int(code)] { rowsBySlice[slice, default: []].append(row) }
        }
        names = rowsBySlice.keys.sorted()
        rows = names.map { rowsBySlice[$0]! }
    }

    /// The slices one cell puts its row in: its tags, trimmed, and the family of each two-level tag.
    public static func slices(of cell: String) -> [String] {
        var slices: [String] = []
        for tag in cell.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !tag.isEmpty {
            if let slash = tag.firstIndex(of: "/") { slices.append(String(tag[..<slash])) }
            slices.append(tag)
        }
        return Array(Set(slices)).sorted()
    }
}

/// A submission's score on one slice of a task: the task's score (the mean of its metrics) on the slice's rows,
/// and on the bootstrap resamples of those rows (nil without resamples; NaN where a resample leaves a metric
/// undefined). `score` is nil when a metric is undefined on the slice (ROC AUC on a slice of one class).
public struct SliceScore: Sendable, Equatable {
    /// The slice.
    public let name: String
    /// How many rows it has.
    public let rows: Int
    /// The task's score on them.
    public let score: Double?
    /// The task's score on each resample of them.
    public let resamples: [Double]?

    /// A slice's score.
    public init(name: String, rows: Int, score: Double?, resamples: [Double]?) {
        self.name = name
        self.rows = rows
        self.score = score
        self.resamples = resamples
    }
}
