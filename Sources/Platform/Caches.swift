import Competitions
import Foundation
import Scoring
import Storage

/// Answer keys loaded once per solution file, shared by the workers of a process. A file is read and
/// hashed again only when its modification time or size changes (as `ConfigCache` does for YAML), so
/// accepting and scoring do not re-hash a large solution every time.
final class AnswerKeyCache: @unchecked Sendable {
    private var keys: [String: (modified: Date, size: Int64, sha256: String, key: AnswerKey)] = [:]
    private let lock = NSLock()

    /// The key of the solution at `path` with the hash of the content it was loaded from.
    func key(path: String, spec: TaskSpec) throws -> (AnswerKey, String) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let modified = attributes[.modificationDate] as? Date ?? .distantPast
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        if let cached = lock.withLock({ keys[path] }), cached.modified == modified, cached.size == size {
            return (cached.key, cached.sha256)
        }
        let sha256 = try FileStore.hash(of: path)
        let key = try AnswerKey.load(path: path, spec: spec)
        lock.withLock { keys[path] = (modified, size, sha256, key) }
        return (key, sha256)
    }
}

/// Competition configs by folder, reread when competition.yaml changes.
final class ConfigCache: @unchecked Sendable {
    private var configs: [String: (modified: Date, config: CompetitionConfig)] = [:]
    private let lock = NSLock()

    func config(folder: String) throws -> CompetitionConfig {
        let path = "\(folder)/competition.yaml"
        let modified =
            (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
        lock.lock()
        if let cached = configs[folder], cached.modified == modified {
            lock.unlock()
            return cached.config
        }
        lock.unlock()
        let (loaded, problems) = ConfigLoader.load(path: path)
        guard let config = loaded, problems.isEmpty else {
            throw PlatformError(.invalidCompetition, "\(path) has problems: \(problems.joined(separator: "; "))")
        }
        lock.lock()
        configs[folder] = (modified, config)
        lock.unlock()
        return config
    }
}
