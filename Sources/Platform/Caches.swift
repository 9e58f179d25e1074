import Competitions
import Foundation
import Scoring
import Storage
import Synchronization

/// Values built from a file, kept until the file's stamp (modification time and size) changes: the one rule of
/// every cache of what lies in files — competition configs, answer keys. A process reads and hashes a large
/// solution again only when it changes, not on every accept and score.
final class FileStampedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: (stamp: FileStamp?, value: Value)]>([:])

    /// The value of `key`, built from the file at `path` by `build` when missing or when the file changed since.
    func value(_ key: Key, file path: String, build: () throws -> Value) throws -> Value {
        let stamp = FileStamp(path: path)
        if let cached = entries.withLock({ $0[key] }), cached.stamp == stamp { return cached.value }
        let value = try build()
        entries.withLock { $0[key] = (stamp, value) }
        return value
    }
}

/// An answer key with the SHA-256 of the file it was loaded from.
struct LoadedAnswerKey: Sendable {
    let key: AnswerKey
    let sha256: String
}

/// A competition's folder and calendar shift: its config is kept moved, so a request does not move it again.
struct ConfigKey: Hashable, Sendable {
    let folder: String
    let shift: CalendarShift
}

extension Platform {
    /// The answer key of the solution at `path` and the hash of the content it was loaded from.
    func loadedKey(path: String, spec: TaskSpec) throws -> LoadedAnswerKey {
        guard FileStamp(path: path) != nil else {
            throw PlatformError(
                .internalError, "cannot read the solution file \(path); check the task's solution in competition.yaml")
        }
        return try answerKeys.value(path, file: path) {
            LoadedAnswerKey(key: try AnswerKey.load(path: path, spec: spec), sha256: try FileStore.hash(of: path))
        }
    }

    /// The config in `folder` with its calendar moved by `shift`.
    func config(folder: String, shift: CalendarShift) throws -> CompetitionConfig {
        let path = "\(folder)/competition.yaml"
        return try configs.value(ConfigKey(folder: folder, shift: shift), file: path) {
            let (loaded, problems) = ConfigLoader.load(path: path)
            guard let config = loaded?.shifted(by: shift), problems.isEmpty else {
                throw PlatformError(.invalidCompetition, "\(path) has problems: \(problems.joined(separator: "; "))")
            }
            return config
        }
    }
}
