import ArgumentParser
import Competitions
import Ensembling
import Foundation
import MLMetrics

extension Ensemble {
    /// `ensemble tasks`.
    struct Tasks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Several tasks at once (the Golden Transformer way): per task, the best model or a blend.",
            discussion: """
                Each MODEL folder holds valid/<file> and test/<file> per task; --labels holds the tasks' \
                validation labels under the same names. A task's file is <task>.csv or <task>.jsonl — or, with \
                --competition DIR, the name and format its competition.yaml declares (Russian SuperGLUE's \
                RCB.jsonl, MuSeRC's nested passages…), with the task's first metric. Per task, the best single \
                model on validation competes with a blend of the task's models (ensemble selection for scores \
                and probabilities, a vote for labels); the better one's test predictions go to <out>/<file> in \
                the task's format, and --zip also writes <out>.zip, which the platform takes as it is.
                """)

        @Argument(help: "Model folders.")
        var models: [String]

        @Option(help: "Folder of validation labels, one file per task (<task>.csv, <task>.jsonl or the task's file).")
        var labels: String

        @Option(help: "A competition folder: its tasks' file names, formats, id fields and metrics.")
        var competition: String?

        @Option(name: .shortAndLong, help: "Output folder for the submission (one file per task).")
        var output: String

        @Option(help: "A task's metric as TASK=NAME; repeatable (others use --default-metric).")
        var metric: [String] = []

        @Option(help: "The metric of tasks without --metric (default: accuracy).")
        var defaultMetric: BuiltinMetric = .accuracy

        @Option(help: "Rounds of ensemble selection per task (default: 50).")
        var rounds = 50

        @Flag(help: "Write labels (the class of the largest probability) instead of class probabilities.")
        var argmax = false

        @Flag(help: "Also write <output>.zip holding the task files.")
        var zip = false

        @Option(help: "The positive label for binary metrics on score files (default: 1).")
        var positiveLabel = "1"

        @OptionGroup var common: CommonOptions

        func validate() throws {
            for entry in metric {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, BuiltinMetric(rawValue: parts[1]) != nil else {
                    throw ValidationError("--metric takes TASK=NAME with a podium score metric name; got \(entry)")
                }
            }
        }

        func run() throws {
            try reporting(json: common.json) { () throws(EnsembleError) in
                var options = TaskEnsemble.Options()
                for entry in metric {
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    options.metrics[parts[0]] = BuiltinMetric(rawValue: parts[1])
                }
                options.defaultMetric = defaultMetric
                options.selection.rounds = rounds
                options.argmax = argmax
                options.positiveLabel = positiveLabel
                // --id-column left at its default lets each format use its own (`id` for CSV, `idx` for JSON Lines).
                options.idColumn = common.idColumn == "id" ? nil : common.idColumn
                if let competition { options.tasks = try Self.tasks(of: competition) }
                let reports = try TaskEnsemble.run(
                    models: models, labelsDirectory: labels, outDirectory: output, options: options)
                if zip {
                    var entries: [(name: String, data: Data)] = []
                    for report in reports {
                        let path = "\(output)/\(report.file)"
                        guard let data = FileManager.default.contents(atPath: path) else {
                            throw EnsembleError(file: path, "cannot read back the written file")
                        }
                        entries.append((name: report.file, data: data))
                    }
                    try ZipArchive.write(
                        entries, to: output.hasSuffix("/") ? String(output.dropLast()) + ".zip" : output + ".zip")
                }
                if common.json {
                    Report.json(
                        TasksReport(
                            output: output,
                            tasks: reports.map { report in
                                .init(
                                    task: report.task, metric: report.metric.rawValue, choice: report.choice,
                                    blendScore: report.blendScore,
                                    scores: Dictionary(uniqueKeysWithValues: Swift.zip(report.models, report.scores)),
                                    weights: Dictionary(uniqueKeysWithValues: Swift.zip(report.models, report.weights)))
                            }))
                } else {
                    var lines: [String] = []
                    for report in reports {
                        let singles = Swift.zip(report.models, report.scores).map { "\($0) \(Report.number($1))" }
                            .joined(separator: ", ")
                        lines.append(
                            "\(report.task) [\(report.metric.rawValue)]: \(singles); blend \(Report.number(report.blendScore)) → \(report.choice)"
                        )
                    }
                    lines.append("submission written to \(output)\(zip ? " and \(output).zip" : "")")
                    Report.human(lines)
                }
            }
        }

        /// The tasks of the competition in `folder`, as `competition.yaml` declares them.
        static func tasks(of folder: String) throws(EnsembleError) -> [TaskEnsemble.TaskFile] {
            let (loaded, problems) = ConfigLoader.load(path: "\(folder)/competition.yaml")
            guard let config = loaded, problems.isEmpty else {
                throw EnsembleError(file: "\(folder)/competition.yaml", problems.joined(separator: "; "))
            }
            return config.tasks.map { task in
                TaskEnsemble.TaskFile(
                    id: task.id, file: task.fileName, format: task.taskFormat, idColumn: task.spec().idColumn,
                    metric: task.metricList.first.flatMap(BuiltinMetric.init(rawValue:)))
            }
        }
    }
}
