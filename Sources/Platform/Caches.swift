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

/// Competition configs by folder, reread when competition.yaml changes.
final class ConfigCache: Sendable {
    private let configs = Mutex<[String: (stamp: FileStamp?, config: CompetitionConfig)]>([:])

    func config(folder: String) throws -> CompetitionConfig {
        let path = "\(folder)/competition.yaml"
        let modified = FileStamp(path: path)
        if let cached = configs.withLock({ $0[folder] }), cached.stamp == modified { return cached.config }
        let (loaded, problems) = ConfigLoader.load(path: path)
        guard let config = loaded, problems.isEmpty else {
            throw PlatformError(.invalidCompetition, "\(path) has problems: \(problems.joined(separator: "; "))")
        }
        configs.withLock { $0[folder] = (modified, config) }
        return config
    }
}
