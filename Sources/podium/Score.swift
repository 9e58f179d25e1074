import ArgumentParser
import Competitions
import Foundation
import MLMetrics
import PodiumAPI
import Scoring
import Tabular

extension Podium {
    /// `podium score`: validates one submission against a solution and prints its Public and Private score.
    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score a submission against a solution file with a Usage (Public/Private) column.",
            discussion: """
                Exit status: 0 scored; 1 the submission is invalid (every problem is listed); 2 the solution \
                or the options are unusable.
                """
        )

        @Option(help: "The solution: the id, the target and an optional Usage (CSV when named .csv, else --format).")
        var solution: String

        @Option(help: "How the files are written: csv (default), jsonl or rsg-muserc (MuSeRC's nested passages).")
        var format: TaskFormat = .csv

        @Option(
            name: .customLong("class"),
            help: ArgumentHelp(
                "A label of the task (repeat for each; a name may hold commas). Without any, the class set is the "
                    + "distinct labels of the solution and a prediction outside it is refused; with them, a declared "
                    + "class absent from a small solution is accepted. Averages run over the labels present in the "
                    + "solution and the predictions, as scikit-learn's do.",
                valueName: "name"))
        var classes: [String] = []

        @Option(help: "The metric: \(BuiltinMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
        var metric: BuiltinMetric?

        @Option(help: "A scorer program's folder instead of a metric, e.g. scorers/quadratic-kappa.")
        var scorer: String?

        @Option(help: "The id column (or JSON field) of both files (default: id; idx for the JSON formats).")
        var idColumn: String?

        @Option(help: "The target column of the solution and the prediction column of the submission (default: label).")
        var target = "label"

        @Option(help: "The positive label of binary metrics (default: 1).")
        var positiveLabel = "1"

        @Option(help: "A solution column grouping rows into questions; needed by muserc_em (rsg-muserc: question).")
        var groupColumn: String?

        @Option(help: "Answer normalisation for exact_match and token_f1: squad or unicode (default: squad).")
        var normalize: AnswerNormalization = .squad

        @Option(help: "Decimals of the scores in the table (default: 4, as the boards show them); --json is exact.")
        var precision = 4

        @Flag(help: "Print exactly one JSON object on stdout, with exact values.")
        var json = false

        @Option(
            help: ArgumentHelp(
                "Also each part's 95% bootstrap interval from this many resamples (seeded: the same every run; "
                    + "boards use 1000). 0: none.", valueName: "resamples"))
        var intervals = 0

        @Argument(help: "The submission file.")
        var submission: String

        func validate() throws {
            guard (0...12).contains(precision) else { throw ValidationError("--precision takes 0 to 12 decimals") }
            guard intervals == 0 || (100...100_000).contains(intervals) else {
                throw ValidationError("--intervals takes 0 or 100 to 100000 resamples")
            }
            if (metric == nil) == (scorer == nil) {
                throw ValidationError("give --metric NAME or --scorer FOLDER (one of them)")
            }
        }

        func run() throws {
            if let scorer { return try runScorer(scorer) }
            let metric = metric!
            let spec = TaskSpec(
                metrics: [metric], idColumn: idColumn ?? (format == .csv ? "id" : "idx"), target: target,
                positiveLabel: positiveLabel, groupColumn: groupColumn ?? (format == .rsgMuserc ? "question" : nil),
                normalization: normalize, classes: classes.isEmpty ? nil : classes, format: format)
            do {
                let outcome = try SubmissionScorer.score(
                    submissionPath: submission, solutionPath: solution, spec: spec, resamples: intervals)
                json ? printJSON(outcome) : printTable(outcome)
            } catch {
                throw report(error)
            }
        }

        /// Scores with a scorer program: the same validation first, then the program in its sandbox.
        private func runScorer(_ folder: String) throws {
            let (loaded, problems) = ScorerCatalogue.load(folder: folder)
            guard let spec = loaded else {
                throw report(.invalidTask("scorer \(folder): \(problems.joined(separator: "; "))"))
            }
            let taskSpec = spec.taskSpec(
                idColumn: idColumn ?? "id", target: target, positiveLabel: positiveLabel,
                classes: classes.isEmpty ? nil : classes)
            do {
                let key = try AnswerKey.load(path: solution, spec: taskSpec)
                _ = try SubmissionValidator.validate(path: submission, key: key)
                let outcome = try ScorerRunner.run(spec, solution: solution, submission: submission)
                let primary = spec.metrics[0].name
                if json {
                    func values(_ values: [String: Double]?) -> JSONValue {
                        values.map { .object($0.mapValues { .double($0) }) } ?? .null
                    }
                    Output.json([
                        "metric": .string(primary), "public": .double(outcome.publicValues[primary]),
                        "private": .double(outcome.privateValues?[primary]), "rows": .int(key.ids.count),
                        "metrics": ["public": values(outcome.publicValues), "private": values(outcome.privateValues)],
                    ])
                } else {
                    var lines = ["scorer \(spec.name) \(spec.version): \(spec.description)"]
                    for reported in spec.metrics {
                        let values = [outcome.publicValues[reported.name], outcome.privateValues?[reported.name]]
                            .map { ScoreFormat(decimals: precision).string($0) }
                        lines.append(
                            "  \(reported.name) (\(reported.higherIsBetter ? "higher" : "lower") is better): public \(values[0]), private \(values[1])"
                        )
                    }
                    Output.line(lines.joined(separator: "\n"))
                }
            } catch {
                throw report(error)
            }
        }

        private func printJSON(_ outcome: SubmissionScorer.Outcome) {
            var object: [String: JSONValue] = [
                "metric": .string(metric!.rawValue), "public": .double(outcome.score.score(.public)),
                "private": .double(outcome.score.score(.private)), "rows": .int(outcome.rows),
            ]
            for split in Split.allCases where intervals > 0 {
                object["\(split.rawValue)_interval"] =
                    interval(outcome, split).map { .array([.double($0.low), .double($0.high)]) } ?? .null
            }
            Output.json(object)
        }

        /// The 95% bootstrap interval of `split`'s score (see `RankGroups.interval`).
        private func interval(_ outcome: SubmissionScorer.Outcome, _ split: Split) -> ScoreInterval? {
            guard let values = outcome.score.resamples(split), let score = outcome.score.score(split) else {
                return nil
            }
            return RankGroups.interval(values, score: score)
        }

        private func printTable(_ outcome: SubmissionScorer.Outcome) {
            let key = outcome.key
            var lines = ["\(metric!.rawValue) (\(metric!.higherIsBetter ? "higher" : "lower") is better)"]
            for split in Split.allCases {
                let value = ScoreFormat(decimals: precision).string(outcome.score.score(split))
                let name = split.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                let range =
                    interval(outcome, split).map {
                        "  95% interval \(ScoreFormat(decimals: precision).string($0.low))–\(ScoreFormat(decimals: precision).string($0.high))"
                    } ?? ""
                lines.append(
                    "  \(name) \(value.padding(toLength: 20, withPad: " ", startingAt: 0)) \(key.count(split)) rows\(range)"
                )
            }
            Output.line(lines.joined(separator: "\n"))
        }

        /// Prints the failure (problems on stderr, or one JSON object on stdout) and picks the exit code.
        private func report(_ error: ScoringError) -> ExitCode {
            switch error {
            case .invalidSubmission(let report):
                if json {
                    let count = report.problems.count + report.more
                    Output.json(
                        ErrorBody(
                            .init(
                                code: "invalid_submission",
                                message: "\(report.file) has \(count) problem\(count == 1 ? "" : "s")"
                                    + (report.more > 0 ? " (the first \(report.problems.count) listed)" : ""),
                                details: report.problems.map {
                                    .init(line: $0.line, column: $0.column, message: $0.message)
                                })))
                } else {
                    Output.error(report.description)
                }
                return ExitCode(1)
            default:
                if json {
                    Output.json(ErrorBody(.init(code: code(of: error), message: error.description)))
                } else {
                    Output.error("error: \(error)")
                }
                return ExitCode(2)
            }
        }

        private func code(of error: ScoringError) -> String {
            switch error {
            case .invalidSubmission: return "invalid_submission"
            case .invalidAnswerKey: return "invalid_solution"
            case .invalidTask: return "invalid_task"
            case .undefinedMetric: return "undefined_metric"
            case .scorerFailed: return "scorer_failed"
            }
        }
    }
}

extension BuiltinMetric: ExpressibleByArgument {}
extension AnswerNormalization: ExpressibleByArgument {}

extension TaskFormat: ExpressibleByArgument {}
