import Competitions
import Foundation
import Scoring
import Storage

/// Answer keys loaded once per solution file content, shared by the workers of a process.
final class AnswerKeyCache: @unchecked Sendable {
    private var keys: [String: (sha256: String, key: AnswerKey)] = [:]
    private let lock = NSLock()

    /// The key of the solution at `path`, reloaded when its content changes, with the content's hash.
    func key(path: String, spec: TaskSpec) throws -> (AnswerKey, String) {
        let sha256 = try FileStore.hash(of: path)
        lock.lock()
        if let cached = keys[path], cached.sha256 == sha256 {
            lock.unlock()
            return (cached.key, sha256)
        }
        lock.unlock()
        let key = try AnswerKey.load(path: path, spec: spec)
        lock.lock()
        keys[path] = (sha256, key)
        lock.unlock()
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
