import MLMetrics
import Tabular

/// Why a submission could not be scored.
public enum ScoringError: Error, Sendable, CustomStringConvertible {
    /// The submission breaks the task's rules; every problem is listed. Costs the team nothing.
    case invalidSubmission(ValidationReport)
    /// The solution file is unusable: the organiser must fix it.
    case invalidAnswerKey(file: String, problems: [CSVProblem])
    /// The task's definition is inconsistent.
    case invalidTask(String)
    /// The metric is undefined on this data (for example ROC AUC over a split with one class).
    case undefinedMetric(metric: BuiltinMetric, split: Split, MetricError)
    /// A scorer program failed: `message` names the scorer and what happened; `stderrTail` is its last
    /// stderr lines, for the organiser only.
    case scorerFailed(scorer: String, message: String, stderrTail: String)

    /// A message for the person who must act.
    public var description: String {
        switch self {
        case .invalidSubmission(let report): return report.description
        case .invalidAnswerKey(let file, let problems):
            return "the solution \(file) is invalid:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case .invalidTask(let message): return "invalid task: \(message)"
        case .undefinedMetric(let metric, let split, let error):
            return "\(metric.rawValue) on the \(split.rawValue) part: \(error)"
        case .scorerFailed(_, let message, let stderrTail):
            return stderrTail.isEmpty ? message : "\(message); its stderr ends with:\n\(stderrTail)"
        }
    }
}

/// The Kaggle-style halves of a test set.
public enum Split: String, Sendable, Codable, CaseIterable {
    /// Scored live, shown on the public leaderboard.
    case `public`
    /// Hidden until the organisers reveal the private leaderboard.
    case `private`
}
