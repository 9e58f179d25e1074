import MLMetrics
import Tabular

/// Stacking: a meta-learner fitted on the models' out-of-fold training predictions, applied to the same
/// models' test predictions.
public enum Stacking {
    /// The meta-learner.
    public enum MetaLearner: String, Sendable, CaseIterable {
        /// Logistic regression (binary or multinomial), L2 with C as scikit-learn.
        case logistic
        /// Ridge regression for numeric targets, as scikit-learn's `Ridge(alpha)`.
        case ridge
    }

    /// Options with `ensemble stack`'s defaults.
    public struct Options: Sendable {
        /// The meta-learner.
        public var meta: MetaLearner = .logistic
        /// Inverse regularisation strength of `logistic`.
        public var inverseRegularization = 1.0
        /// Regularisation strength of `ridge`.
        public var alpha = 1.0
        /// Folds of the meta-learner's cross-validation.
        public var folds = 5
        /// Seed of the fold assignment.
        public var seed: UInt64 = 0

        /// The defaults.
        public init() {}
    }

    /// What stacking produced.
    public struct Result: Sendable {
        /// Test predictions: class probabilities (classes sorted) or `prediction` scores for ridge.
        public let test: PredictionFile.Values
        /// The meta-learner's k-fold cross-validated scores on the training rows, by metric name.
        public let crossValidation: [String: Double]
        /// Number of meta-features.
        public let featureCount: Int
    }

    /// Stacks: `train[i]` and `test[i]` are model i's out-of-fold training and test predictions.
    public static func stack(
        train: [PredictionFile], labels: LabelsFile, test: [PredictionFile], options: Options = Options()
    ) throws(EnsembleError) -> Result {
        guard !train.isEmpty, train.count == test.count else {
            throw EnsembleError(
                "--train and --test need the same number of files, one per model, in the same order (\(train.count) and \(test.count))"
            )
        }
        guard options.folds >= 2 else { throw EnsembleError("--folds must be at least 2, got \(options.folds)") }
        var trainColumns: [[Double]] = []
        var testColumns: [[Double]] = []
        for model in train.indices {
            // Each model's own files share a shape; different models may differ (probabilities, labels, scores).
            let alignedTrain = try Alignment.align([train[model]], to: labels)[0]
            let alignedTest = Alignment.reorder(
                test[model], to: try Alignment.rows(of: test[model], matching: test[0]),
                like: test[0].withValues(of: test[model]))
            let columns = try MetaFeatures.columns(train: alignedTrain, test: alignedTest)
            trainColumns += columns.train
            testColumns += columns.test
        }
        let trainMatrix = Matrix(columns: trainColumns)
        let testMatrix = Matrix(columns: testColumns)
        let rows = labels.ids.count
        guard options.folds <= rows else {
            throw EnsembleError("--folds \(options.folds) exceeds the \(rows) training rows")
        }

        switch options.meta {
        case .logistic:
            let classes = labels.labels.names
            let y = labels.labels.codes
            let model = try LogisticRegression.fit(
                features: trainMatrix, labels: y, classCount: classes.count,
                inverseRegularization: options.inverseRegularization)
            var outOfFold = [[Double]](repeating: [Double](repeating: 0, count: rows), count: classes.count)
            for fold in stratifiedFolds(y, folds: options.folds, seed: options.seed) {
                let fitted = try LogisticRegression.fit(
                    features: trainMatrix.selecting(rows: fold.train), labels: fold.train.map { y[$0] },
                    classCount: classes.count, inverseRegularization: options.inverseRegularization)
                let predicted = fitted.probabilities(trainMatrix.selecting(rows: fold.held))
                for c in 0..<classes.count {
                    for (i, row) in fold.held.enumerated() { outOfFold[c][row] = predicted[c][i] }
                }
            }
            var scores: [String: Double] = [:]
            let context = MetricContext(classes: classes)
            let argmax = (0..<rows).map { row in
                Int32(outOfFold.indices.max { outOfFold[$0][row] < outOfFold[$1][row] }!)
            }
            scores["accuracy"] = try? BuiltinMetric.accuracy.evaluate(
                truth: .labels(y), predicted: .labels(argmax), context: context)
            scores["log_loss"] = try? LogLoss.multiclass(truth: y, probabilities: outOfFold)
            return Result(
                test: .probabilities(classes: classes, columns: model.probabilities(testMatrix)),
                crossValidation: scores, featureCount: trainMatrix.columns)
        case .ridge:
            let y = try labels.numbers()
            let model = try RidgeRegression.fit(features: trainMatrix, targets: y, alpha: options.alpha)
            var outOfFold = [Double](repeating: 0, count: rows)
            for fold in plainFolds(rows, folds: options.folds, seed: options.seed) {
                let fitted = try RidgeRegression.fit(
                    features: trainMatrix.selecting(rows: fold.train), targets: fold.train.map { y[$0] },
                    alpha: options.alpha)
                for (i, value) in fitted.predict(trainMatrix.selecting(rows: fold.held)).enumerated() {
                    outOfFold[fold.held[i]] = value
                }
            }
            var scores: [String: Double] = [:]
            scores["rmse"] = try? RegressionMetrics.rootMeanSquaredError(truth: y, predicted: outOfFold)
            scores["r2"] = try? RegressionMetrics.r2(truth: y, predicted: outOfFold)
            return Result(
                test: .scores(column: "prediction", model.predict(testMatrix)), crossValidation: scores,
                featureCount: trainMatrix.columns)
        }
    }

    /// A fold's training rows and held-out rows.
    public struct Fold: Sendable {
        /// Rows to fit on.
        public let train: [Int]
        /// Rows to predict.
        public let held: [Int]
    }

    /// Stratified k-fold: each class's rows are shuffled with the seed and dealt to the folds in turn,
    /// continuing where the previous class stopped, so every fold gets each class in proportion.
    public static func stratifiedFolds(_ labels: [Int32], folds: Int, seed: UInt64) -> [Fold] {
        var generator = SeededGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: labels.count)
        var next = 0
        for code in Set(labels).sorted() {
            var rows = labels.indices.filter { labels[$0] == code }
            rows.shuffle(using: &generator)
            for row in rows {
                assignment[row] = next % folds
                next += 1
            }
        }
        return (0..<folds).map { fold in
            Fold(
                train: labels.indices.filter { assignment[$0] != fold },
                held: labels.indices.filter { assignment[$0] == fold })
        }
    }

    /// Shuffled k-fold for regression targets.
    public static func plainFolds(_ count: Int, folds: Int, seed: UInt64) -> [Fold] {
        var generator = SeededGenerator(seed: seed)
        var rows = Array(0..<count)
        rows.shuffle(using: &generator)
        var assignment = [Int](repeating: 0, count: count)
        for (position, row) in rows.enumerated() { assignment[row] = position % folds }
        return (0..<folds).map { fold in
            Fold(
                train: (0..<count).filter { assignment[$0] != fold },
                held: (0..<count).filter { assignment[$0] == fold })
        }
    }
}
