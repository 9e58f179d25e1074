/// A submission's score on one slice of a task (LiDiRus's categories): the task's score on the slice's rows, its
/// 95% bootstrap interval (the slice's rows resampled), and how many rows the slice has. `score` is null when a
/// metric is undefined on the slice.
public struct SliceResult: Codable, Sendable, Equatable {
    /// The slice: a tag of the solution's slice column (`logic/negation`), or a family of them (`logic`).
    public var name: String
    /// How many rows of the task's test set are in it.
    public var rows: Int
    /// The task's score on the slice's rows.
    public var score: Double?
    /// The interval's ends (absent when the round has no intervals).
    public var low: Double?
    /// See `low`.
    public var high: Double?

    /// A slice's result.
    public init(name: String, rows: Int, score: Double?, low: Double? = nil, high: Double? = nil) {
        self.name = name
        self.rows = rows
        self.score = score
        self.low = low
        self.high = high
    }
}
