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
extension ScoringService {
    /// A probing task's train sentences: its `probe_train` file read as an answer key (ids and labels).
    func probeTrainKey(_ task: TaskConfig, folder: String) throws -> AnswerKey {
        guard let train = task.probeTrain else {
            throw PlatformError(.internalError, "task \(task.id) has no probe_train")
        }
        do {
            return try platform.loadedKey(path: "\(folder)/\(train)", spec: task.spec()).key
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
            return try SubmissionValidator.validate(path: try platform.localPath(of: predictions.sha256), key: key)
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
            train: try NumPyMatrix.read(path: try platform.localPath(of: trainFile.sha256)), labels: trainCodes,
            classCount: train.classes.count,
            test: try NumPyMatrix.read(path: try platform.localPath(of: testFile.sha256)),
            inverseRegularization: probing.inverseRegularization)
        return .labels(predicted.map { codes[Int($0)] })
    }
}
