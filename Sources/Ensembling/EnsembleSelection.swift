import MLMetrics

/// Ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew & Ksikes, ICML 2004).
///
/// Start from the `initial` best single models (0: empty). Each round, add the model whose addition
/// makes the unweighted mean of the selected predictions score best on the validation labels. A tie
/// (scores within 1e-12, relative) goes to a model already selected, then to the lowest index. Weights are selection counts over the
/// total. With `bags` > 0 the procedure runs on that many random half-subsets of the models (seeded)
/// and the weights are averaged.
public enum EnsembleSelection {
    /// Options with `ensemble select`'s defaults.
    public struct Options: Sendable {
        /// Rounds of selection.
        public var rounds = 50
        /// Best single models to start from.
        public var initial = 0
        /// Random half-subsets to bag over (0: none).
        public var bags = 0
        /// Seed of the bags.
        public var seed: UInt64 = 0

        /// The defaults.
        public init() {}
    }

    /// One round of one run.
    public struct Step: Sendable, Equatable {
        /// The model added.
        public let model: Int
        /// The validation score after adding it.
        public let score: Double
    }

    /// What selection produced.
    public struct Result: Sendable {
        /// One weight per model, summing to 1.
        public let weights: [Double]
        /// The steps of the run (of each bag when bagging), in order.
        public let trajectories: [[Step]]
        /// Each model's own validation score.
        public let singleScores: [Double]
        /// The validation score of the weighted blend.
        public let blendScore: Double
    }

    /// Selects over `valid` (aligned to each other, `[model][column][row]`) scored by `scorer`.
    public static func select(_ valid: [[[Double]]], scorer: BlendScorer, options: Options = Options())
        throws(EnsembleError)
        -> Result
    {
        guard options.rounds >= 1 else { throw EnsembleError("--rounds must be at least 1") }
        guard (0...valid.count).contains(options.initial) else {
            throw EnsembleError("--init must be between 0 and the number of models (\(valid.count))")
        }
        guard options.bags >= 0 else { throw EnsembleError("--bags must be 0 or more") }
        let higherIsBetter = scorer.metric.higherIsBetter
        var singles: [Double] = []
        for model in valid { singles.append(try scorer.score(model)) }

        var runs: [[Int]] = []
        if options.bags == 0 {
            runs = [Array(valid.indices)]
        } else {
            var generator = SeededGenerator(seed: options.seed)
            for _ in 0..<options.bags {
                runs.append(Array(valid.indices.shuffled(using: &generator).prefix(max(1, valid.count / 2))).sorted())
            }
        }
        var weights = [Double](repeating: 0, count: valid.count)
        var trajectories: [[Step]] = []
        for candidates in runs {
            let (counts, steps) = try run(
                valid, candidates: candidates, singles: singles, scorer: scorer, higherIsBetter: higherIsBetter,
                options: options)
            let total = Double(counts.reduce(0, +))
            for model in valid.indices { weights[model] += Double(counts[model]) / total / Double(runs.count) }
            trajectories.append(steps)
        }
        let blend = weightedMean(valid, weights: weights)
        return Result(
            weights: weights, trajectories: trajectories, singleScores: singles, blendScore: try scorer.score(blend))
    }

    private static func run(
        _ valid: [[[Double]]], candidates: [Int], singles: [Double], scorer: BlendScorer, higherIsBetter: Bool,
        options: Options
    ) throws(EnsembleError) -> ([Int], [Step]) {
        func better(_ a: Double, _ b: Double) -> Bool { higherIsBetter ? a > b : a < b }
        var counts = [Int](repeating: 0, count: valid.count)
        var sum = valid[0].map { [Double](repeating: 0, count: $0.count) }
        var selected = 0
        var steps: [Step] = []
        func add(_ model: Int) {
            for column in sum.indices {
                for row in sum[column].indices { sum[column][row] += valid[model][column][row] }
            }
            counts[model] += 1
            selected += 1
        }
        let ranked = candidates.sorted { better(singles[$0], singles[$1]) || (singles[$0] == singles[$1] && $0 < $1) }
        for model in ranked.prefix(options.initial) {
            add(model)
            steps.append(Step(model: model, score: try scorer.score(sum.map { $0.map { $0 / Double(selected) } })))
        }
        for _ in 0..<options.rounds {
            var best: (model: Int, score: Double)?
            for model in candidates {
                let divisor = Double(selected + 1)
                var trial = sum
                for column in trial.indices {
                    for row in trial[column].indices {
                        trial[column][row] = (trial[column][row] + valid[model][column][row]) / divisor
                    }
                }
                let score = try scorer.score(trial)
                guard let current = best else {
                    best = (model, score)
                    continue
                }
                // Candidates come in index order, so an equal score only wins by being already selected.
                let tied = tie(score, current.score)
                if (!tied && better(score, current.score)) || (tied && counts[model] > 0 && counts[current.model] == 0)
                {
                    best = (model, score)
                }
            }
            add(best!.model)
            steps.append(Step(model: best!.model, score: best!.score))
        }
        return (counts, steps)
    }

    /// Scores this close count as a tie: blends that are equal in exact arithmetic often differ in the
    /// last bits, and the tie rule (prefer a selected model, then the lowest index) must still apply.
    static func tie(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a), abs(b)) }

    /// Σ wᵢ · predictionsᵢ (weights summing to 1), `[column][row]`.
    public static func weightedMean(_ predictions: [[[Double]]], weights: [Double]) -> [[Double]] {
        var result = predictions[0].map { [Double](repeating: 0, count: $0.count) }
        for (model, weight) in weights.enumerated() where weight > 0 {
            for column in result.indices {
                for row in result[column].indices { result[column][row] += weight * predictions[model][column][row] }
            }
        }
        return result
    }
}
