import MLMetrics
import Tabular

/// How one task is scored: its metrics and where its columns are.
public struct TaskSpec: Sendable, Equatable {
    /// One or more metrics; the task's score is their plain mean (Russian SuperGLUE's rule for
    /// RCB's F1/accuracy, MuSeRC's F1a/EM and RuCoS's F1/EM). All must read the same input.
    public var metrics: [BuiltinMetric]
    /// The id column of the solution and of submissions.
    public var idColumn: String
    /// The target column of the solution; also the submission's prediction column.
    public var target: String
    /// The positive label of binary metrics.
    public var positiveLabel: String
    /// A solution column grouping rows (MuSeRC's question id), required by `muserc_em`.
    public var groupColumn: String?
    /// Answer normalisation for `exact_match` and `token_f1`.
    public var normalization: AnswerNormalization
    /// The task's label set; nil: the distinct target values of the solution.
    public var classes: [String]?
    /// How the task's files are written.
    public var format: TaskFormat
    /// A solution column naming the slices each row belongs to (see `SliceIndex`).
    public var sliceColumn: String?

    /// Creates a spec; every argument but the metrics has the `podium score` default.
    public init(
        metrics: [BuiltinMetric], idColumn: String = "id", target: String = "label", positiveLabel: String = "1",
        groupColumn: String? = nil, normalization: AnswerNormalization = .squad, classes: [String]? = nil,
        format: TaskFormat = .csv, sliceColumn: String? = nil
    ) {
        self.format = format
        self.sliceColumn = sliceColumn
        self.metrics = metrics
        self.idColumn = idColumn
        self.target = target
        self.positiveLabel = positiveLabel
        self.groupColumn = groupColumn
        self.normalization = normalization
        self.classes = classes
    }

    /// Reads a submitted file of the task: always in the task's format (a stored file has no name).
    public func readSubmission(path: String, options: CSVReadOptions) throws(CSVError) -> CSVTable {
        try format.read(path: path, options: options, groupColumn: groupColumn)
    }

    /// Reads an answer key of the task: CSV when its name ends in `.csv`, else in the task's format.
    public func readAnswerKey(path: String, options: CSVReadOptions) throws(CSVError) -> CSVTable {
        try format.format(ofFile: path).read(path: path, options: options, groupColumn: groupColumn)
    }

    /// The input all the metrics read; throws when they disagree or a needed option is missing.
    public func input() throws(ScoringError) -> BuiltinMetric.Input {
        guard let first = metrics.first else { throw .invalidTask("a task needs at least one metric") }
        let names = metrics.map(\.rawValue).joined(separator: ", ")
        guard metrics.allSatisfy({ $0.input == first.input }) else {
            throw .invalidTask("metrics \(names) read different submission shapes; score them as separate tasks")
        }
        if metrics.contains(.museRCExactMatch) && groupColumn == nil {
            throw .invalidTask("muserc_em needs a group column (the question id of each answer option)")
        }
        return first.input
    }
}
