/// How task scores combine into one ranking score, as Russian SuperGLUE computes its total: a task
/// with two metrics counts as their mean (`TaskScore.score`), and the composite is the plain mean of
/// the task scores, or a weighted mean when weights are given.
public enum CompositeScore {
    /// The (weighted) mean of `taskScores`; nil for no tasks or weights that do not fit.
    public static func mean(_ taskScores: [Double], weights: [Double]? = nil) -> Double? {
        guard !taskScores.isEmpty else { return nil }
        let weights = weights ?? Array(repeating: 1, count: taskScores.count)
        guard weights.count == taskScores.count, weights.allSatisfy({ $0 >= 0 }) else { return nil }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        return zip(taskScores, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
    }

    /// The composite of tasks scored with one or more metrics each (each task: the mean of its values).
    public static func mean(ofTaskValues taskValues: [[Double]], weights: [Double]? = nil) -> Double? {
        guard taskValues.allSatisfy({ !$0.isEmpty }) else { return nil }
        return mean(taskValues.map { $0.reduce(0, +) / Double($0.count) }, weights: weights)
    }

    /// The composite on each bootstrap resample: resample `r` of every task combined as `mean` combines
    /// their scores (the tasks resampled jointly). Nil when a task has no resamples.
    public static func resampled(_ taskResamples: [[Double]?], weights: [Double]? = nil) -> [Double]? {
        let tasks = taskResamples.compactMap { $0 }
        guard tasks.count == taskResamples.count, let count = tasks.first?.count,
            tasks.allSatisfy({ $0.count == count })
        else { return nil }
        return (0..<count).map { r in mean(tasks.map { $0[r] }, weights: weights) ?? .nan }
    }
}
