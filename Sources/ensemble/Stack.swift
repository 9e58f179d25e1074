import ArgumentParser
import Ensembling

extension Ensemble {
    /// `ensemble stack`.
    struct Stack: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Stacking: a meta-learner on the models' out-of-fold predictions, applied to their test predictions.",
            discussion: """
                Meta-features, in model order, as scikit-learn's StackingClassifier: a binary probability file \
                gives its positive-class column, a multiclass one all columns, a score file its column, a label \
                file its one-hot encoding. logistic = LogisticRegression(C) (binary or multinomial, intercept not \
                penalised); ridge = Ridge(alpha) for numeric targets. Also reports the meta-learner's k-fold \
                cross-validated score on the training rows (stratified for logistic, seeded).
                """)

        @Option(parsing: .upToNextOption, help: "Each model's out-of-fold predictions on the training rows.")
        var train: [String]

        @Option(help: "The training rows' true values (id and one target column).")
        var labels: String

        @Option(parsing: .upToNextOption, help: "The same models' test predictions, in the same order as --train.")
        var test: [String]

        @Option(name: .shortAndLong, help: "Where to write class probabilities (classes sorted) or id,prediction.")
        var output: String

        @Option(help: "logistic or ridge (default: logistic).")
        var meta: Stacking.MetaLearner = .logistic

        @Option(name: .customLong("C"), help: "Inverse L2 strength of logistic, as scikit-learn's C (default: 1.0).")
        var c = 1.0

        @Option(help: "L2 strength of ridge (default: 1.0).")
        var alpha = 1.0

        @Option(help: "Cross-validation folds for the reported score (default: 5).")
        var folds = 5

        @Option(help: "Seed of the folds (default: 0).")
        var seed: UInt64 = 0

        @OptionGroup var common: CommonOptions

        func validate() throws {
            if train.count != test.count {
                throw ValidationError(
                    "--train and --test need one file per model each (\(train.count) and \(test.count))")
            }
            if folds < 2 { throw ValidationError("--folds must be at least 2") }
        }

        func run() throws {
            try reporting(json: common.json) { () throws(EnsembleError) in
                var options = Stacking.Options()
                options.meta = meta
                options.inverseRegularization = c
                options.alpha = alpha
                options.folds = folds
                options.seed = seed
                let testFiles = try loadAll(test, idColumn: common.idColumn)
                let result = try Stacking.stack(
                    train: try loadAll(train, idColumn: common.idColumn, indexFirst: false),
                    labels: try LabelsFile.load(path: labels, idColumn: common.idColumn), test: testFiles,
                    options: options)
                try PredictionWriter.write(result.test, ids: testFiles[0], to: output)
                if common.json {
                    Report.json(
                        StackReport(
                            output: output, meta: meta.rawValue, features: result.featureCount, folds: folds,
                            crossValidation: result.crossValidation))
                } else {
                    Report.human(
                        [
                            "\(meta.rawValue) meta-learner on \(result.featureCount) meta-features; test predictions in \(output)",
                            "\(folds)-fold cross-validated on the training rows:",
                        ]
                            + result.crossValidation.sorted { $0.key < $1.key }.map {
                                "  \($0.key) \(Report.number($0.value))"
                            })
                }
            }
        }
    }
}
