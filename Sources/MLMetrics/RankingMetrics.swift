/// ROC AUC, matching `sklearn.metrics.roc_auc_score`.
public enum RankingMetrics {
    /// Binary `roc_auc_score(y_true, y_score)`: the probability that a random positive row scores above
    /// a random negative one, tied scores counting one half (exactly the area under scikit-learn's ROC
    /// curve with its tie handling). Computed from tie groups in sorted order, in O(n log n).
    /// Throws `.singleClass` when the truth holds only positives or only negatives (scikit-learn 1.9
    /// returns NaN with a warning there).
    public static func rocAUC(truth: [Bool], scores: [Double]) throws(MetricError) -> Double {
        guard truth.count == scores.count else { throw .lengthMismatch(truth.count, scores.count) }
        guard !truth.isEmpty else { throw .empty }
        var pairs = [(score: Double, positive: Bool)]()
        pairs.reserveCapacity(truth.count)
        for row in truth.indices { pairs.append((scores[row], truth[row])) }
        pairs.sort { $0.score < $1.score }
        var negativesBelow = 0.0
        var area = 0.0
        var positives = 0.0
        var index = 0
        while index < pairs.count {
            var groupPositives = 0.0
            var groupNegatives = 0.0
            let score = pairs[index].score
            while index < pairs.count && pairs[index].score == score {
                if pairs[index].positive { groupPositives += 1 } else { groupNegatives += 1 }
                index += 1
            }
            area += groupPositives * negativesBelow + 0.5 * groupPositives * groupNegatives
            negativesBelow += groupNegatives
            positives += groupPositives
        }
        guard positives > 0 && negativesBelow > 0 else {
            throw .singleClass(
                metric: "roc_auc",
                detail: positives == 0 ? "the truth has no positive rows" : "the truth has no negative rows")
        }
        return area / (positives * negativesBelow)
    }

    /// `roc_auc_score(y_true, y_score, multi_class="ovr", average="macro", labels=classes)`: the
    /// unweighted mean over classes of the one-vs-rest binary AUC. `probabilities[c]` holds class `c`'s
    /// column. Throws `.singleClass` naming the first class that has no rows in the truth.
    public static func rocAUCOneVsRest(
        truth: [Int32], probabilities: [[Double]], classNames: [String]? = nil
    ) throws(MetricError) -> Double {
        guard !truth.isEmpty else { throw .empty }
        var total = 0.0
        for c in probabilities.indices {
            let isClass = truth.map { Int($0) == c }
            do {
                total += try rocAUC(truth: isClass, scores: probabilities[c])
            } catch .singleClass {
                let name = classNames?[c] ?? "\(c)"
                throw .singleClass(metric: "roc_auc_ovr", detail: "class \"\(name)\" has no rows in the truth")
            }
        }
        return total / Double(probabilities.count)
    }
}
