/// ROC AUC with row weights, for bootstrap resamples: the rows are sorted by score once, and each
/// resample is one pass over that order (the weighted Mann–Whitney count, ties counting one half, as
/// `RankingMetrics.rocAUC`).
struct WeightedAUC {
    /// Rows in ascending score order.
    private let order: [Int32]
    /// Where each run of equal scores ends in `order` (exclusive).
    private let runEnds: [Int32]
    private let truth: [Bool]

    /// Sorts `scores` once.
    init(truth: [Bool], scores: [Double]) {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var ends: [Int32] = []
        for index in order.indices where index + 1 == order.count || scores[order[index + 1]] != scores[order[index]] {
            ends.append(Int32(index + 1))
        }
        self.order = order.map(Int32.init)
        self.runEnds = ends
        self.truth = truth
    }

    /// The AUC with each row weighted by `weight(row)`; NaN when a class has no weight.
    func value(_ weight: (Int) -> Double) -> Double {
        var negativesBelow = 0.0
        var positives = 0.0
        var area = 0.0
        var start = 0
        for end in runEnds {
            var runPositives = 0.0
            var runNegatives = 0.0
            for index in start..<Int(end) {
                let row = Int(order[index])
                if truth[row] { runPositives += weight(row) } else { runNegatives += weight(row) }
            }
            area += runPositives * negativesBelow + 0.5 * runPositives * runNegatives
            negativesBelow += runNegatives
            positives += runPositives
            start = Int(end)
        }
        return positives > 0 && negativesBelow > 0 ? area / (positives * negativesBelow) : .nan
    }

    /// The AUC on each of `bootstrap`'s resamples.
    func resampled(_ bootstrap: Bootstrap) -> [Double] {
        (0..<bootstrap.resamples).map { resample in
            let weights = bootstrap.rowWeights(resample: resample)
            return value { weights[$0] }
        }
    }
}
