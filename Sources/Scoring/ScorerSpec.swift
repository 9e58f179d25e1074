import MLMetrics

/// A scorer program from `scorers/<name>/` as its scorer.yaml describes it.
public struct ScorerSpec: Sendable, Equatable {
    /// One metric the scorer reports.
    public struct ReportedMetric: Sendable, Equatable {
        /// Its name in the output JSON.
        public let name: String
        /// Whether larger is better.
        public let higherIsBetter: Bool

        /// Creates a metric.
        public init(name: String, higherIsBetter: Bool) {
            self.name = name
            self.higherIsBetter = higherIsBetter
        }
    }

    /// The folder name.
    public let name: String
    /// The folder (the command runs there).
    public let folder: String
    /// The argv; `{solution}`, `{submission}` and `{output}` are replaced by paths, or, when none
    /// appears, the three paths are appended in that order.
    public let command: [String]
    /// The metrics it reports; the first is the task's score.
    public let metrics: [ReportedMetric]
    /// The submission shape Podium validates before running it.
    public let input: BuiltinMetric.Input
    /// Wall-clock limit in seconds.
    public let timeout: Double
    /// Address-space limit in MiB.
    public let memoryMB: Int
    /// One line on what it computes.
    public let description: String
    /// Recorded with every score it produces.
    public let version: String

    /// Creates a spec.
    public init(
        name: String, folder: String, command: [String], metrics: [ReportedMetric],
        input: BuiltinMetric.Input = .labels,
        timeout: Double = 60, memoryMB: Int = 1024, description: String = "", version: String = "1"
    ) {
        self.name = name
        self.folder = folder
        self.command = command
        self.metrics = metrics
        self.input = input
        self.timeout = timeout
        self.memoryMB = memoryMB
        self.description = description
        self.version = version
    }

    /// The task spec Podium validates a submission with before running the scorer.
    public func taskSpec(idColumn: String, target: String, positiveLabel: String, classes: [String]?) -> TaskSpec {
        let representative: BuiltinMetric =
            switch input {
            case .labels: .accuracy
            case .probabilities: .logLoss
            case .numbers: .rmse
            case .answers: .exactMatch
            }
        return TaskSpec(
            metrics: [representative], idColumn: idColumn, target: target, positiveLabel: positiveLabel,
            classes: classes)
    }
}

/// What a scorer reported.
public struct ScorerOutcome: Sendable, Equatable {
    /// Metric values on the Public part.
    public let publicValues: [String: Double]
    /// Metric values on the Private part (nil when the solution has no Private rows).
    public let privateValues: [String: Double]?
    /// The last lines the scorer wrote to stderr (for the organiser).
    public let stderrTail: String
}
