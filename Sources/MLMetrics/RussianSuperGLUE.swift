/// The two grouped metrics of Russian SuperGLUE.
public enum RussianSuperGLUE {
    /// MuSeRC: each row is one answer option of a question (`groups[row]` names the question).
    /// F1a is the binary F1 of the positive class over all options pooled; EM is the share of
    /// questions whose options are all predicted right.
    public static func museRC(truth: [Bool], predicted: [Bool], groups: [Int32]) throws(MetricError)
        -> (f1a: Double, exactMatch: Double)
    {
        guard truth.count == predicted.count else { throw .lengthMismatch(truth.count, predicted.count) }
        guard truth.count == groups.count else { throw .lengthMismatch(truth.count, groups.count) }
        guard !truth.isEmpty else { throw .empty }
        var tp = 0
        var fp = 0
        var fn = 0
        var allRight: [Int32: Bool] = [:]
        for row in truth.indices {
            if truth[row] && predicted[row] { tp += 1 }
            if !truth[row] && predicted[row] { fp += 1 }
            if truth[row] && !predicted[row] { fn += 1 }
            allRight[groups[row], default: true] = allRight[groups[row], default: true] && truth[row] == predicted[row]
        }
        let denominator = 2 * tp + fp + fn
        let f1a = denominator == 0 ? 0 : Double(2 * tp) / Double(denominator)
        let exactMatch = Double(allRight.values.filter { $0 }.count) / Double(allRight.count)
        return (f1a, exactMatch)
    }

    /// RuCoS (ReCoRD): each row is one query with its gold answers; token F1 and exact match take the
    /// max over the gold answers and are averaged over queries.
    public static func ruCoS(predictions: [String], golds: [[String]], normalization: AnswerNormalization = .squad)
        throws(MetricError) -> (f1: Double, exactMatch: Double)
    {
        (
            try AnswerMetrics.meanTokenF1(predictions: predictions, golds: golds, normalization: normalization),
            try AnswerMetrics.meanExactMatch(predictions: predictions, golds: golds, normalization: normalization)
        )
    }
}
