import Competitions
import Dispatch
import Ensembling
import Foundation
import MLMetrics
import PodiumAPI
import Scoring
import Storage
import Synchronization
import Tabular

extension SubmissionService {
    /// A probing upload unpacked, sorted by task and layer and every file checked (predictions against the task's
    /// key, embeddings for their shape and finite values) before anything is charged; by stored task name.
    func checkedProbingFiles(
        _ uploads: [Platform.Upload], round: RoundConfig, config: CompetitionConfig, folder: String, scratch: String
    ) throws -> [String: Platform.Upload] {
        guard let probing = round.probingRun else {
            throw PlatformError(.internalError, "round \(round.id) has no probing block")  // `podium check` refuses it
        }
        let unpacked = try unpackArchives(
            uploads, into: scratch, maxTotalBytes: options.maxUploadBytes * 2 * Int64(probing.layers))
        let names = Dictionary(unpacked.map { ($0.path, $0.name) }, uniquingKeysWith: { first, _ in first })
        let tasks = config.tasks(of: round)
        let (assigned, refusals) = ProbingFiles.assign(
            unpacked.map { ($0.name, $0.path) }, tasks: tasks.map(\.id), maxLayers: probing.layers)
        guard let assigned else {
            throw PlatformError(
                .invalidSubmission,
                "a probing submission is a zip of each task's layers (<task>/layer_<n>.csv, or <task>/layer_<n>.train.npy "
                    + "and .test.npy); nothing was charged",
                details: refusals.map { CSVProblem(line: nil, column: nil, message: $0) })
        }
        var byTask: [String: Platform.Upload] = [:]
        var problems: [CSVProblem] = []
        for task in tasks {
            guard let files = assigned.tasks[task.id] else { continue }
            if let fixed = probing.layer, files.layerCount <= fixed {
                problems.append(
                    CSVProblem(
                        line: nil, column: nil,
                        message:
                            "\(task.id): the board takes layer \(fixed); the submission has layers 0–\(files.layerCount - 1)"
                    ))
            }
            let (key, _) = try platform.answerKey(folder: folder, round: round, task: task)
            switch files {
            case .predictions(let paths):
                for (layer, path) in paths.enumerated() {
                    let name = names[path] ?? path
                    do {
                        _ = try SubmissionValidator.validate(path: path, key: key)
                    } catch .invalidSubmission(let report) {
                        problems += report.problems.map {
                            CSVProblem(line: $0.line, column: $0.column, message: "\(name): \($0.message)")
                        }
                    } catch {
                        throw PlatformError(.internalError, "the answer key of \(task.id) is unusable: \(error)")
                    }
                    byTask[ProbingFiles.storedTask(task.id, layer: layer)] = Platform.Upload(name: name, path: path)
                }
            case .embeddings(let layers):
                guard task.probeTrain != nil else {
                    problems.append(
                        CSVProblem(
                            line: nil, column: nil,
                            message:
                                "\(task.id) takes prediction files (layer_<n>.csv), not embeddings: the round has no train sentences for it"
                        ))
                    continue
                }
                let train = try platform.scoring.probeTrainKey(task, folder: folder)
                for (layer, pair) in layers.enumerated() {
                    let trainName = names[pair.train] ?? pair.train
                    let testName = names[pair.test] ?? pair.test
                    do {
                        let trainMatrix = try NumPyMatrix.read(
                            path: pair.train, name: trainName, rows: train.ids.count, maxWidth: probing.maxWidth)
                        let testMatrix = try NumPyMatrix.read(
                            path: pair.test, name: testName, rows: key.ids.count, maxWidth: probing.maxWidth)
                        if trainMatrix.width != testMatrix.width {
                            problems.append(
                                CSVProblem(
                                    line: nil, column: nil,
                                    message:
                                        "\(testName): \(testMatrix.width) wide, but \(trainName) is \(trainMatrix.width); a layer's embeddings have one width"
                                ))
                        }
                    } catch {
                        problems.append(
                            CSVProblem(
                                line: error.row, column: error.column.map { "#\($0)" }, message: error.description))
                    }
                    byTask[ProbingFiles.storedTask(task.id, layer: layer, split: "train")] = Platform.Upload(
                        name: trainName, path: pair.train)
                    byTask[ProbingFiles.storedTask(task.id, layer: layer, split: "test")] = Platform.Upload(
                        name: testName, path: pair.test)
                }
            }
        }
        guard problems.isEmpty else {
            throw PlatformError(
                .invalidSubmission,
                "the submission has \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was charged",
                details: problems)
        }
        return byTask
    }
}
