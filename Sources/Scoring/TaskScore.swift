import MLMetrics

/// A task's scores on each part of the test set.
public struct TaskScore: Sendable, Equatable {
    /// The metrics, in the spec's order.
    public let metrics: [BuiltinMetric]
    /// Each metric's value on the Public part (nil when the key has no Public rows).
    public let publicValues: [Double]?
    /// Each metric's value on the Private part (nil when the key has no Private rows).
    public let privateValues: [Double]?

    /// The task's score (the mean of its metrics) on each bootstrap resample of the Public part, when
    /// resampled; NaN where a resample leaves a metric undefined.
    public let publicResamples: [Double]?
    /// The same on the Private part.
    public let privateResamples: [Double]?
    /// The score on each slice of the task's rows (none when the key has no slices).
    public let slices: [SliceScore]

    /// Creates a score.
    public init(
        metrics: [BuiltinMetric], publicValues: [Double]?, privateValues: [Double]?, publicResamples: [Double]? = nil,
        privateResamples: [Double]? = nil, slices: [SliceScore] = []
    ) {
        self.slices = slices
        self.metrics = metrics
        self.publicValues = publicValues
        self.privateValues = privateValues
        self.publicResamples = publicResamples
        self.privateResamples = privateResamples
    }

    /// The resampled scores of `split`, if any.
    public func resamples(_ split: Split) -> [Double]? { split == .public ? publicResamples : privateResamples }

    /// The task's score on `split`: the mean of its metrics.
    public func score(_ split: Split) -> Double? {
        let values = split == .public ? publicValues : privateValues
        return values.map { $0.reduce(0, +) / Double($0.count) }
    }
}
