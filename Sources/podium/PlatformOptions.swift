import ArgumentParser
import Foundation
import Platform
import PodiumAPI

/// Options of every platform subcommand.
struct PlatformOptions: ParsableArguments {
    @Option(help: "The data folder (database and stored files). Default: $PODIUM_DATA or ./podium-data.")
    var data: String?

    @Option(
        help: ArgumentHelp(
            "The database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE or sqlite:PATH.",
            discussion: "Default: $PODIUM_DATABASE_URL, else podium.sqlite in the data folder."))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "A folder every process of the event shares for submitted and competition files.",
            discussion: "Default: the data folder on SQLite; the database itself on PostgreSQL."))
    var files: String?

    @Option(
        help: "The scorers/ folder for tasks scored by a scorer program (default: ./scorers, else the installed one).")
    var scorers = InstalledFiles.path("scorers")

    @Flag(help: "Print exactly one JSON object on stdout.")
    var json = false

    /// The database URL in effect (nil: SQLite in the data folder).
    var databaseURL: String? { database ?? ProcessInfo.processInfo.environment["PODIUM_DATABASE_URL"] }

    /// The data folder in effect.
    var dataDirectory: String { data ?? ProcessInfo.processInfo.environment["PODIUM_DATA"] ?? "podium-data" }

    /// Opens the platform (`lease`: the scoring lease in seconds; `maxUploadBytes`: the largest file it accepts,
    /// also unpacked from an archive — `serve --max-upload-mb`, so the server's limit and the platform's agree).
    func platform(lease: Double? = nil, maxUploadBytes: Int64? = nil) throws -> Platform {
        var options = Platform.Options()
        options.scorersDirectory = scorers
        if let lease { options.leaseDuration = lease }
        if let maxUploadBytes { options.maxUploadBytes = maxUploadBytes }
        options.databaseURL = databaseURL
        options.filesDirectory = files
        return try Platform(dataDirectory: dataDirectory, options: options)
    }

    /// Runs `body`, printing a `PlatformError` (or any error) the way `--json` asks, with exit status 1.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as PlatformError {
            if json {
                Output.json(ErrorBody(error))
            } else {
                Output.error("error (\(error.code.rawValue)): \(error.description)")
            }
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            if json {
                Output.json(ErrorBody(.init(code: "internal_error", message: "\(error)")))
            } else {
                Output.error("error: \(error)")
            }
            throw ExitCode(1)
        }
    }
}

extension Output {
    /// ISO 8601 in UTC.
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
