/// A team's submissions in one round, in the order they were made, read for the signs of probing the public
/// board: many submissions that each change few rows of the one before, while the public score walks up and
/// the Private one does not.
public struct ProbingTrend: Sendable, Equatable {
    /// One scored submission.
    public struct Step: Sendable, Equatable {
        /// The submission.
        public let submission: Int64
        /// Rows changed from the team's submission scored before it (nil: the first, or not comparable).
        public let changedRows: Int?
        /// Rows compared.
        public let rows: Int
        /// Its Public and Private scores.
        public let publicScore: Double?
        /// Its Private score.
        public let privateScore: Double?

        /// A step.
        public init(submission: Int64, changedRows: Int?, rows: Int, publicScore: Double?, privateScore: Double?) {
            self.submission = submission
            self.changedRows = changedRows
            self.rows = rows
            self.publicScore = publicScore
            self.privateScore = privateScore
        }
    }

    /// Submissions compared.
    public let submissions: Int
    /// Submissions that changed at most `nearShare` of the rows of the one before.
    public let nearIdentical: [Int64]
    /// How far the near-identical steps moved the Public score, in the better direction (summed).
    public let publicWalk: Double
    /// How far the same steps moved the Private score, in the better direction.
    public let privateWalk: Double

    /// Reads `steps` (in submission order); a step is near-identical when it changed at least one row and at
    /// most `nearShare` of them.
    public init(_ steps: [Step], nearShare: Double, higherIsBetter: Bool) {
        submissions = steps.count
        var near: [Int64] = []
        var publicWalk = 0.0
        var privateWalk = 0.0
        let sign = higherIsBetter ? 1.0 : -1.0
        for (previous, step) in zip(steps, steps.dropFirst()) {
            guard let changed = step.changedRows, changed > 0, step.rows > 0,
                Double(changed) <= nearShare * Double(step.rows)
            else { continue }
            near.append(step.submission)
            if let now = step.publicScore, let before = previous.publicScore { publicWalk += sign * (now - before) }
            if let now = step.privateScore, let before = previous.privateScore { privateWalk += sign * (now - before) }
        }
        nearIdentical = near
        self.publicWalk = publicWalk
        self.privateWalk = privateWalk
    }

    /// Whether the team made at least `minimum` near-identical submissions.
    public func flagged(minimum: Int) -> Bool { nearIdentical.count >= minimum }
}
