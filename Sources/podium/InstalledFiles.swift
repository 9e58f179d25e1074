import Foundation

/// Finds the folders `podium` ships with (web/templates, web/static, scorers, competitions): in the
/// current folder when run from a checkout, else beside an installed binary in `<prefix>/share/podium`
/// (where `make install` copies them), so an installed `podium serve` or `podium demo` works from any
/// folder.
enum InstalledFiles {
    /// `relative` when it exists here, else its installed copy when that exists, else `relative`
    /// (so the error names the path a user would expect).
    static func path(_ relative: String) -> String {
        let manager = FileManager.default
        if manager.fileExists(atPath: relative) { return relative }
        let installed = shareDirectory.appendingPathComponent(relative).path
        return manager.fileExists(atPath: installed) ? installed : relative
    }

    /// `<prefix>/share/podium` for a binary in `<prefix>/bin`.
    static var shareDirectory: URL {
        executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/podium")
    }

    /// This binary, symlinks resolved.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0].contains("/") ? CommandLine.arguments[0] : which("podium") ?? "")
            .resolvingSymlinksInPath()
    }

    /// The first `name` on the PATH, like `command -v`.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// How a person should type `podium` in another terminal: `podium` when that name on the PATH is this
    /// binary, else this binary's absolute path (so printed commands work as printed).
    static var invocation: String {
        let me = executable.path
        if let onPath = which("podium"), URL(fileURLWithPath: onPath).resolvingSymlinksInPath().path == me {
            return "podium"
        }
        return me
    }
}
