/// Extractive question-answering metrics, as the SQuAD v1.1 and ReCoRD evaluation scripts compute them.
public enum AnswerMetrics {
    /// 1 when the normalised prediction equals a normalised gold answer, else 0 (max over `golds`).
    public static func exactMatch(_ prediction: String, golds: [String], normalization: AnswerNormalization = .squad)
        -> Double
    {
        let predicted = normalization.normalized(prediction)
        return golds.contains { normalization.normalized($0) == predicted } ? 1 : 0
    }

    /// Token-overlap F1 between prediction and gold, max over `golds`: with `common` the multiset
    /// intersection of tokens, F1 = 2·P·R / (P + R), P = common / |prediction|, R = common / |gold|;
    /// 0 when nothing is shared (also when either side normalises to no tokens, as SQuAD v1.1).
    public static func tokenF1(_ prediction: String, golds: [String], normalization: AnswerNormalization = .squad)
        -> Double
    {
        let predicted = normalization.tokens(prediction)
        var best = 0.0
        for gold in golds {
            best = max(best, tokenF1(predicted: predicted, gold: normalization.tokens(gold)))
        }
        return best
    }

    private static func tokenF1(predicted: [Substring], gold: [Substring]) -> Double {
        var remaining: [Substring: Int] = [:]
        for token in gold { remaining[token, default: 0] += 1 }
        var common = 0
        for token in predicted {
            if let left = remaining[token], left > 0 {
                remaining[token] = left - 1
                common += 1
            }
        }
        guard common > 0 else { return 0 }
        let precision = Double(common) / Double(predicted.count)
        let recall = Double(common) / Double(gold.count)
        return 2 * precision * recall / (precision + recall)
    }

    /// Mean exact match over rows (each row: one prediction, its gold answers).
    public static func meanExactMatch(
        predictions: [String], golds: [[String]], normalization: AnswerNormalization = .squad
    ) throws(MetricError) -> Double {
        guard predictions.count == golds.count else { throw .lengthMismatch(predictions.count, golds.count) }
        guard !predictions.isEmpty else { throw .empty }
        return compensatedSum(
            zip(predictions, golds).lazy.map { exactMatch($0, golds: $1, normalization: normalization) })
            / Double(predictions.count)
    }

    /// Mean token F1 over rows (each row: one prediction, its gold answers).
    public static func meanTokenF1(
        predictions: [String], golds: [[String]], normalization: AnswerNormalization = .squad
    ) throws(MetricError) -> Double {
        guard predictions.count == golds.count else { throw .lengthMismatch(predictions.count, golds.count) }
        guard !predictions.isEmpty else { throw .empty }
        return compensatedSum(zip(predictions, golds).lazy.map { tokenF1($0, golds: $1, normalization: normalization) })
            / Double(predictions.count)
    }
}
