import Foundation
import Sandbox

/// Real programs written into a fresh folder for one test, run in the real sandbox.
struct ProgramFolder {
    let path: String

    /// A folder whose `run` is `script` (a shell or Python script with its #! line).
    init(run script: String, files: [String: String] = [:]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-sandbox-test-\(UUID())").path
        try FileManager.default.createDirectory(
            atPath: "\(path)/code", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        chmod(path, 0o755)
        try write(script, to: "code/run", mode: 0o755)
        for (name, text) in files { try write(text, to: name, mode: 0o644) }
    }

    var code: String { "\(path)/code" }

    func write(_ text: String, to name: String, mode: Int) throws {
        let target = "\(path)/\(name)"
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        chmod(target, mode_t(mode))
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: "\(path)/\(name)", encoding: .utf8)) ?? ""
    }

    /// Runs `./run` on `input` (a file of this folder) with `limits`.
    /// Without `controlGroup`, as where no cgroup can be made: rlimits, and the tree's memory sampled.
    func run(
        input: String? = nil, limits: SandboxLimits = .init(wallSeconds: 20, memoryMB: 256),
        controlGroup: Bool = Sandbox.usesControlGroups
    ) throws -> Sandbox.Run {
        try Sandbox.run(
            Sandbox.Request(
                code: code, arguments: ["./run", "--batch-size", "1"], input: input.map { "\(path)/\($0)" },
                output: "\(path)/stdout", limits: limits), controlGroup: controlGroup)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Whether the sandbox runs here (bubblewrap installed, namespaces allowed): the tests need it.
let sandboxRuns = Sandbox.unavailableReason == nil
