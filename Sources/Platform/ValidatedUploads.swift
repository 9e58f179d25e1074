import MLMetrics
import Synchronization

/// Uploads this process has just validated, kept for its own workers: a submission accepted and scored by one
/// process (a lone `podium serve`) is then parsed once, while the file is still fresh, not once to accept it
/// and again to score it. Keyed by the file's and the answer key's SHA-256, so a worker only reuses
/// predictions of exactly the bytes it would read; each is taken once, and the oldest go first.
final class ValidatedUploads: Sendable {
    private let capacity: Int
    private let entries = Mutex<[(key: String, predictions: PredictedValues)]>([])

    /// Keeps at most `capacity` validated uploads (a million-row file's predictions are a few MB).
    init(capacity: Int = 8) { self.capacity = capacity }

    /// Keeps the predictions validated from the file `fileSHA256` against the key `keySHA256`.
    func keep(_ predictions: PredictedValues, file fileSHA256: String, key keySHA256: String) {
        entries.withLock { entries in
            entries.append(("\(fileSHA256)|\(keySHA256)", predictions))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
    }

    /// The predictions kept for that file and key, removed from the cache; nil when none are.
    func take(file fileSHA256: String, key keySHA256: String) -> PredictedValues? {
        let key = "\(fileSHA256)|\(keySHA256)"
        return entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
            return entries.remove(at: index).predictions
        }
    }
}
