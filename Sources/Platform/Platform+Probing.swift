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

/// Probing rounds (RuSentEval's protocol; see `ProbingConfig`): a submission answers each task layer by layer,
/// with prediction files or with embeddings Podium fits the round's probe on; each task's board score is its best
/// layer's, chosen on the Public part.
extension Platform {
    /// A probing upload unpacked, sorted by task and layer and every file checked (predictions against the task's
    /// key, embeddings for their shape and finite values) before anything is charged; by stored task name.
    func checkedProbingFiles(
        _ uploads: [Upload], round: RoundConfig, config: CompetitionConfig, folder: String, scratch: String
    ) throws -> [String: Upload] {
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
        var byTask: [String: Upload] = [:]
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
            let (key, _) = try answerKey(folder: folder, round: round, task: task)
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
                    byTask[ProbingFiles.storedTask(task.id, layer: layer)] = Upload(name: name, path: path)
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
                let train = try probeTrainKey(task, folder: folder)
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
                    byTask[ProbingFiles.storedTask(task.id, layer: layer, split: "train")] = Upload(
                        name: trainName, path: pair.train)
                    byTask[ProbingFiles.storedTask(task.id, layer: layer, split: "test")] = Upload(
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

    /// A probing task's train sentences: its `probe_train` file read as an answer key (ids and labels).
    func probeTrainKey(_ task: TaskConfig, folder: String) throws -> AnswerKey {
        guard let train = task.probeTrain else {
            throw PlatformError(.internalError, "task \(task.id) has no probe_train")
        }
        do {
            return try loadedKey(path: "\(folder)/\(train)", spec: task.spec()).key
        } catch {
            throw PlatformError(.internalError, "the train file of \(task.id) cannot be read: \(error)")
        }
    }

    /// A probing task scored layer by layer: each layer's predictions (read, or made by the probe) scored on both
    /// parts, the layers two at a time (one per core), and the predictions of the layer the board takes, with the
    /// scores of all.
    func probedLayers(
        _ task: TaskConfig, key: AnswerKey, probing: ProbingConfig, stored: [SubmissionFileRecord], folder: String
    ) throws -> (predictions: PredictedValues, layers: LayerScores) {
        let names = Set(stored.map(\.task))
        // The stored layers run from 0 without gaps (even past the round's `layers`, if an organiser lowered it).
        let count = (0...).first { layer in
            !names.contains(ProbingFiles.storedTask(task.id, layer: layer))
                && !names.contains(ProbingFiles.storedTask(task.id, layer: layer, split: "test"))
        }!
        guard count > 0 else {
            throw PlatformError(.internalError, "the submission has no stored layers for \(task.id)")
        }
        let results = Mutex<[Int: Result<PredictedValues, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { layer in
            let result = Result {
                try layerPredictions(task, layer: layer, key: key, probing: probing, stored: stored, folder: folder)
            }
            results.withLock { $0[layer] = result }
        }
        let layers = try results.withLock { all in try (0..<count).map { try all[$0]!.get() } }
        let scores = layers.map { try? TaskScorer.score($0, key: key) }
        let publicScores = scores.map { $0?.score(.public) }
        let privateScores = scores.map { $0?.score(.private) }
        let chosen = probing.layer ?? LayerScores.best(publicScores) ?? 0
        let hasPrivate = key.isPrivate.contains(true)
        return (
            layers[min(chosen, layers.count - 1)],
            LayerScores(layer: chosen, public: publicScores, private: hasPrivate ? privateScores : nil)
        )
    }

    /// One layer's predictions: its stored file validated, or the probe fitted on its stored embeddings.
    private func layerPredictions(
        _ task: TaskConfig, layer: Int, key: AnswerKey, probing: ProbingConfig, stored: [SubmissionFileRecord],
        folder: String
    ) throws -> PredictedValues {
        func file(_ split: String?) -> SubmissionFileRecord? {
            stored.first { $0.task == ProbingFiles.storedTask(task.id, layer: layer, split: split) }
        }
        if let predictions = file(nil) {
            return try SubmissionValidator.validate(path: try localPath(of: predictions.sha256), key: key)
        }
        guard let trainFile = file("train"), let testFile = file("test") else {
            throw PlatformError(.internalError, "the submission has no stored layer \(layer) of \(task.id)")
        }
        let train = try probeTrainKey(task, folder: folder)
        guard case .labels(let trainCodes) = train.truth else {
            throw PlatformError(.internalError, "the probe of \(task.id) needs class labels")
        }
        let codes = try train.classes.map { name in
            guard let code = key.classes.firstIndex(of: name) else {
                throw PlatformError(
                    .internalError, "\(task.id): the train class \(name) is not among the test classes \(key.classes)")
            }
            return Int32(code)
        }
        let predicted = try Probe.predict(
            train: try NumPyMatrix.read(path: try localPath(of: trainFile.sha256)), labels: trainCodes,
            classCount: train.classes.count,
            test: try NumPyMatrix.read(path: try localPath(of: testFile.sha256)),
            inverseRegularization: probing.inverseRegularization)
        return .labels(predicted.map { codes[Int($0)] })
    }
}
