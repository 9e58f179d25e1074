import Competitions
import Foundation
import Scoring
import Storage
import Synchronization

/// Answer keys loaded once per solution file, shared by the workers of a process. A file is read and
/// hashed again only when its modification time or size changes (as `ConfigCache` does for YAML), so
/// accepting and scoring do not re-hash a large solution every time.
final class AnswerKeyCache: Sendable {
    private let keys = Mutex<[String: (stamp: FileStamp, sha256: String, key: AnswerKey)]>([:])

    /// The key of the solution at `path` with the hash of the content it was loaded from.
    func key(path: String, spec: TaskSpec) throws -> (AnswerKey, String) {
        guard let stamp = FileStamp(path: path) else {
            throw PlatformError(
                .internalError, "cannot read the solution file \(path); check the task's solution in competition.yaml")
        }
        if let cached = keys.withLock({ $0[path] }), cached.stamp == stamp { return (cached.key, cached.sha256) }
        let sha256 = try FileStore.hash(of: path)
        let key = try AnswerKey.load(path: path, spec: spec)
        keys.withLock { $0[path] = (stamp, sha256, key) }
        return (key, sha256)
    }
}

/// Competition configs by folder and calendar shift (kept moved, so a request does not move them again), reread
/// when competition.yaml changes.
final class ConfigCache: Sendable {
    private struct Key: Hashable {
        let folder: String
        let shift: CalendarShift
    }

    private let configs = Mutex<[Key: (stamp: FileStamp?, config: CompetitionConfig)]>([:])

    /// The config in `folder` with its calendar moved by `shift`.
    func config(folder: String, shift: CalendarShift) throws -> CompetitionConfig {
        let key = Key(folder: folder, shift: shift)
        let path = "\(folder)/competition.yaml"
        let modified = FileStamp(path: path)
        if let cached = configs.withLock({ $0[key] }), cached.stamp == modified { return cached.config }
        let (loaded, problems) = ConfigLoader.load(path: path)
        guard let config = loaded?.shifted(by: shift), problems.isEmpty else {
            throw PlatformError(.invalidCompetition, "\(path) has problems: \(problems.joined(separator: "; "))")
        }
        configs.withLock { $0[key] = (modified, config) }
        return config
    }
}
