import MLMetrics

/// Which models are worth blending: each one's score, the plain blend's score, the oracle, and how
/// alike the models are.
public struct ModelEvaluation: Sendable {
    /// The metric used.
    public let metric: BuiltinMetric
    /// Each file's score.
    public let scores: [Double]
    /// The score of the plain mean (scores, probabilities) or the vote (labels).
    public let blendScore: Double
    /// The share of rows at least one model gets right (nil for regression).
    public let oracle: Double?
    /// Pairwise Pearson correlation of the values (scores, probabilities) or share of rows on which two
    /// label files disagree.
    public let pairwise: [[Double]]
    /// "correlation" or "disagreement".
    public let pairwiseKind: String

    /// Evaluates aligned `files` against `labels` (aligned to the first file).
    public static func evaluate(
        _ files: [PredictionFile], labels: LabelsFile, metric: BuiltinMetric, positiveLabel: String = "1"
    )
        throws(EnsembleError) -> ModelEvaluation
    {
        let scorer = try BlendScorer(metric: metric, labels: labels, example: files[0], positiveLabel: positiveLabel)
        if case .labels = files[0].values {
            guard metric.input == .labels else {
                throw EnsembleError(
                    "\(metric.rawValue) needs scores or probabilities; label files can use label metrics only")
            }
            let coding = Dictionary(uniqueKeysWithValues: scorer.classes.enumerated().map { ($1, Int32($0)) })
            var predicted: [[Int32]] = []
            for file in files {
                guard case .labels(_, let labels) = file.values else {
                    throw EnsembleError(file: file.source, "mixes shapes")
                }
                var codes: [Int32] = []
                for row in 0..<labels.codes.count {
                    guard let code = coding[labels[row]] else {
                        throw EnsembleError(
                            file: file.source, line: Int(file.lines[row]), column: "label",
                            "\"\(labels[row])\" is not one of the true classes")
                    }
                    codes.append(code)
                }
                predicted.append(codes)
            }
            var scores: [Double] = []
            for codes in predicted { scores.append(try scorer.score(labelCodes: codes)) }
            guard case .labels(_, let voted) = try HardVote.vote(files) else { fatalError("vote returns labels") }
            let blend = try scorer.score(labelCodes: (0..<voted.codes.count).map { coding[voted[$0]]! })
            let disagreement = predicted.map { a in
                predicted.map { b in Double(zip(a, b).filter { $0 != $1 }.count) / Double(a.count) }
            }
            return ModelEvaluation(
                metric: metric, scores: scores, blendScore: blend, oracle: oracle(predicted, truth: scorer.truthCodes),
                pairwise: disagreement, pairwiseKind: "disagreement")
        }
        let values = try files.map { file throws(EnsembleError) -> [[Double]] in try numericColumns(file) }
        var scores: [Double] = []
        for columns in values { scores.append(try scorer.score(columns)) }
        let blend = try scorer.score(
            EnsembleSelection.weightedMean(values, weights: files.map { _ in 1 / Double(files.count) }))
        let flattened = values.map { Array($0.joined()) }
        let correlation = flattened.map { a in flattened.map { b in pearson(a, b) } }
        let oracleValue =
            scorer.truthCodes == nil ? nil : oracle(values.map(scorer.predictedCodes), truth: scorer.truthCodes)
        return ModelEvaluation(
            metric: metric, scores: scores, blendScore: blend, oracle: oracleValue, pairwise: correlation,
            pairwiseKind: "correlation")
    }

    /// A file's numbers, `[column][row]`.
    public static func numericColumns(_ file: PredictionFile) throws(EnsembleError) -> [[Double]] {
        switch file.values {
        case .scores(_, let scores): return [scores]
        case .probabilities(_, let columns): return columns
        case .labels:
            throw EnsembleError(file: file.source, line: 1, "holds labels; expected scores or class probabilities")
        }
    }

    private static func oracle(_ predicted: [[Int32]], truth: [Int32]?) -> Double? {
        guard let truth else { return nil }
        let right = truth.indices.filter { row in predicted.contains { $0[row] == truth[row] } }.count
        return Double(right) / Double(truth.count)
    }

    private static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let meanA = a.reduce(0, +) / n
        let meanB = b.reduce(0, +) / n
        var covariance = 0.0
        var varianceA = 0.0
        var varianceB = 0.0
        for i in a.indices {
            covariance += (a[i] - meanA) * (b[i] - meanB)
            varianceA += (a[i] - meanA) * (a[i] - meanA)
            varianceB += (b[i] - meanB) * (b[i] - meanB)
        }
        return varianceA == 0 || varianceB == 0 ? .nan : covariance / (varianceA * varianceB).squareRoot()
    }
}
