import Foundation

/// A competition folder in a temp dir, written by a test and removed after it.
final class CompetitionFolder {
    let path: String

    init(yaml: String, files: [String: String] = [:]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("competition-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try yaml.write(toFile: "\(path)/competition.yaml", atomically: true, encoding: .utf8)
        for (name, contents) in files {
            let url = URL(fileURLWithPath: "\(path)/\(name)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
