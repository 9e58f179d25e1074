/// `POST …/rounds/{round}/practice-runs`: a code submission run on each task's public sample, right away,
/// not counted against the quota: what it wrote, how it ended, and the sample's answers beside its output.
public struct PracticeRunResource: Codable, Sendable, Equatable {
    /// The round.
    public var round: String
    /// One run per task with a sample.
    public var tasks: [TaskRun]
    /// Practice runs the team has left in this hour.
    public var runsLeft: Int

    enum CodingKeys: String, CodingKey {
        case round, tasks
        case runsLeft = "runs_left"
    }

    /// Creates a result.
    public init(round: String, tasks: [TaskRun], runsLeft: Int) {
        self.round = round
        self.tasks = tasks
        self.runsLeft = runsLeft
    }

    /// The run on one task's sample.
    public struct TaskRun: Codable, Sendable, Equatable {
        /// The task.
        public var task: String
        /// `ok`, `time_limit_exceeded`, `memory_limit_exceeded`, `output_too_large`, `crashed` or `invalid_output`.
        public var outcome: String
        /// What happened, in one sentence.
        public var message: String
        /// Its standard output (the first 64 KiB).
        public var output: String
        /// Its standard error (the last 16 KiB).
        public var stderr: String
        /// What is wrong with its output as a submission (empty when it validates).
        public var problems: [String]
        /// The sample's answers, by record id.
        public var answers: [String: String]
        /// Its score on the sample, when its output validates (CSV tasks).
        @Nullable public var score: Double?
        /// Seconds the run took.
        public var seconds: Double

        /// Creates a run.
        public init(
            task: String, outcome: String, message: String, output: String, stderr: String, problems: [String],
            answers: [String: String], score: Double?, seconds: Double
        ) {
            self.task = task
            self.outcome = outcome
            self.message = message
            self.output = output
            self.stderr = stderr
            self.problems = problems
            self.answers = answers
            self.score = score
            self.seconds = seconds
        }
    }
}
