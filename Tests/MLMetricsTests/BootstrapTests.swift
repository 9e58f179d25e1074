import Foundation
import Testing

@testable import MLMetrics

/// The bootstrap behind intervals and rank groups: each metric scored from per-bucket sums must equal the
/// same metric computed the plain way on the resampled rows written out (each row repeated as often as the
/// resample draws it), and the intervals must have the width statistics predicts.
struct BootstrapTests {
    /// Rows `0..<n` repeated by their weights in one resample.
    static func expanded(_ weights: [Double]) -> [Int] {
        weights.enumerated().flatMap { row, weight in Array(repeating: row, count: Int(weight)) }
    }

    /// Checks `metric`'s first resamples against `evaluate` on the written-out resample.
    static func checkAgainstWrittenOut(
        _ metric: BuiltinMetric, truth: TruthValues, predicted: PredictedValues, context: MetricContext,
        rows: Int, units: [Int32]? = nil
    ) throws {
        let bootstrap = Bootstrap(resamples: 30, seed: 7, rowCount: rows, units: units)
        let fast = metric.resampled(truth: truth, predicted: predicted, context: context, bootstrap: bootstrap)
        #expect(fast.count == 30)
        for resample in 0..<30 {
            let picked = expanded(bootstrap.rowWeights(resample: resample))
            var resampledContext = context
            resampledContext.groups = context.groups.map { groups in
                // A question drawn twice counts twice: each copy gets a group code of its own.
                var copies: [Int32: Int32] = [:]
                var seen: [Int: Int32] = [:]
                return picked.map { row in
                    let occurrence = seen[row, default: 0]
                    seen[row] = occurrence + 1
                    let key = groups[row] &* 1000 &+ occurrence
                    if copies[key] == nil { copies[key] = Int32(copies.count) }
                    return copies[key]!
                }
            }
            let plain = try? metric.evaluate(
                truth: truth.subset(picked), predicted: predicted.subset(picked), context: resampledContext)
            if let plain {
                #expect(
                    abs(fast[resample] - plain) < 1e-9, "\(metric) resample \(resample): \(fast[resample]) vs \(plain)")
            } else {
                #expect(fast[resample].isNaN, "\(metric) resample \(resample) is undefined on the rows")
            }
        }
    }

    @Test func labelMetricsOnResamplesEqualThePlainMetricOnTheResampledRows() throws {
        var generator = SeededGenerator(seed: 1)
        let truth = (0..<300).map { _ in Int32(generator.next() % 4) }
        let predicted = truth.map { generator.next() % 3 == 0 ? Int32(generator.next() % 4) : $0 }
        let context = MetricContext(classes: ["a", "b", "c", "d"])
        for metric in [
            BuiltinMetric.accuracy, .balancedAccuracy, .precisionMacro, .recallMacro, .f1Macro, .f1Micro, .f1Weighted,
            .mcc,
        ] {
            try Self.checkAgainstWrittenOut(
                metric, truth: .labels(truth), predicted: .labels(predicted), context: context, rows: 300)
        }
        let binary = truth.map { $0 % 2 }
        let binaryGuess = predicted.map { $0 % 2 }
        for metric in [BuiltinMetric.precision, .recall, .f1] {
            try Self.checkAgainstWrittenOut(
                metric, truth: .labels(binary), predicted: .labels(binaryGuess),
                context: MetricContext(classes: ["0", "1"], positiveCode: 1), rows: 300)
        }
    }

    @Test func probabilityNumberAndAnswerMetricsOnResamplesEqualThePlainMetric() throws {
        var generator = SeededGenerator(seed: 2)
        func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        let truth = (0..<200).map { _ in Int32(generator.next() % 2) }
        let scores = truth.map { t in (Double(t) + uniform() * 1.5) / 2.5 }
        let context = MetricContext(classes: ["0", "1"], positiveCode: 1)
        for metric in [BuiltinMetric.rocAUC, .logLoss] {
            try Self.checkAgainstWrittenOut(
                metric, truth: .labels(truth), predicted: .positiveProbabilities(scores), context: context, rows: 200)
        }
        let three = truth.map { $0 + Int32(generator.next() % 2) }
        let columns = (0..<3).map { c in three.map { $0 == c ? 0.6 : 0.2 + 0.1 * uniform() } }
        for metric in [BuiltinMetric.rocAUCOneVsRest, .logLoss] {
            try Self.checkAgainstWrittenOut(
                metric, truth: .labels(three), predicted: .classProbabilities(columns),
                context: MetricContext(classes: ["0", "1", "2"]), rows: 200)
        }
        let targets = (0..<200).map { _ in uniform() * 10 }
        let guesses = targets.map { $0 + uniform() - 0.5 }
        for metric in [BuiltinMetric.rmse, .mae, .r2] {
            try Self.checkAgainstWrittenOut(
                metric, truth: .numbers(targets), predicted: .numbers(guesses), context: MetricContext(), rows: 200)
        }
        let golds = (0..<100).map { ["answer \($0)", "the answer \($0) here"] }
        let answers = (0..<100).map { $0 % 3 == 0 ? "answer \($0)" : $0 % 3 == 1 ? "answer here \($0)" : "none" }
        for metric in [BuiltinMetric.exactMatch, .tokenF1] {
            try Self.checkAgainstWrittenOut(
                metric, truth: .answers(golds), predicted: .answers(answers), context: MetricContext(), rows: 100)
        }
    }

    @Test func museRCResamplesQuestionsAsUnits() throws {
        var generator = SeededGenerator(seed: 3)
        let groups = (0..<240).map { Int32($0 / 4) }  // 60 questions of 4 answers
        let truth = groups.map { _ in Int32(generator.next() % 2) }
        let predicted = truth.map { generator.next() % 5 == 0 ? 1 - $0 : $0 }
        let context = MetricContext(classes: ["0", "1"], positiveCode: 1, groups: groups)
        for metric in [BuiltinMetric.museRCExactMatch, .f1] {
            try Self.checkAgainstWrittenOut(
                metric, truth: .labels(truth), predicted: .labels(predicted), context: context, rows: 240,
                units: groups)
        }
        let bootstrap = Bootstrap(resamples: 5, seed: 1, rowCount: 240, units: groups)
        #expect(bootstrap.bucketCount == 60, "one unit per question")
        for resample in 0..<5 {
            let weights = bootstrap.rowWeights(resample: resample)
            for question in 0..<60 {
                let answers = weights[(question * 4)..<(question * 4 + 4)]
                #expect(Set(answers).count == 1, "a question's answers are drawn together")
            }
        }
    }

    /// The width of a 95% interval of accuracy must match the normal approximation 2·1.96·√(p(1−p)/n), for a
    /// part resampled row by row (3,000 rows) and one resampled in buckets (200,000 rows).
    @Test(arguments: [3000, 200_000])
    func accuracyIntervalsHaveTheWidthTheNormalApproximationGives(rows: Int) throws {
        var generator = SeededGenerator(seed: UInt64(rows))
        let truth = (0..<rows).map { _ in Int32(generator.next() % 2) }
        let predicted = truth.map { generator.next() % 5 == 0 ? 1 - $0 : $0 }
        let bootstrap = Bootstrap(resamples: 2000, seed: 11, rowCount: rows)
        #expect(bootstrap.bucketCount == min(rows, Bootstrap.maximumBuckets))
        let context = MetricContext(classes: ["0", "1"])
        let values = BuiltinMetric.accuracy.resampled(
            truth: .labels(truth), predicted: .labels(predicted), context: context, bootstrap: bootstrap)
        let p = try BuiltinMetric.accuracy.evaluate(
            truth: .labels(truth), predicted: .labels(predicted), context: context)
        let sorted = values.sorted()
        let width = sorted[1949] - sorted[49]
        let normal = 2 * 1.96 * (p * (1 - p) / Double(rows)).squareRoot()
        #expect(abs(width / normal - 1) < 0.1, "width \(width) against \(normal)")
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - p) < normal / 10, "resamples centre on the score")
    }

    @Test func theSameSeedDrawsTheSameResamplesAndAnotherSeedOthers() {
        let a = Bootstrap(resamples: 10, seed: Bootstrap.seed("cup/task/public"), rowCount: 10_000)
        let b = Bootstrap(resamples: 10, seed: Bootstrap.seed("cup/task/public"), rowCount: 10_000)
        let c = Bootstrap(resamples: 10, seed: Bootstrap.seed("cup/task/private"), rowCount: 10_000)
        #expect(a.bucketOfRow == b.bucketOfRow && a.rowWeights(resample: 3) == b.rowWeights(resample: 3))
        #expect(a.rowWeights(resample: 3) != c.rowWeights(resample: 3))
        #expect(a.rowWeights(resample: 0).reduce(0, +) > 0)
        // FNV-1a's published vector: "a" hashes to 0xaf63dc4c8601ec8c.
        #expect(Bootstrap.seed("a") == 0xaf63_dc4c_8601_ec8c)
    }
}
