import ArgumentParser
import EventArchive
import Foundation
import Platform
import PodiumAPI
import Storage

extension Podium {
    /// `podium export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the event (or one competition) to an archive: every table, file and competition folder.",
            discussion: """
                The archive (.tar.gz) is read from one snapshot of the store, so a live server may keep running; it \
                appears under its name only once whole. Move an event from SQLite to PostgreSQL with it:
                  podium export -o event.tar.gz
                  podium import event.tar.gz --database postgres://…
                """)

        @Option(name: .shortAndLong, help: "The archive to write (.tar.gz).")
        var output: String

        @Option(help: "Only this competition (its teams, submissions, events; organiser accounts are kept whole).")
        var competition: String?

        @OptionGroup var options: PlatformOptions

        func run() throws {
            try options.run {
                let manifest = try options.platform().exportEvent(to: output, competition: competition)
                let rows = manifest.tables.reduce(0) { $0 + $1.rows }
                let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? NSNumber)?.int64Value
                if options.json {
                    Output.json([
                        "archive": .string(output), "rows": .int(rows), "parts": .int(manifest.parts.count),
                        "bytes": .int(Int(size ?? 0)),
                        "competitions": .array(manifest.competitions.map { .string($0) }),
                    ])
                } else {
                    Output.line(
                        "exported \(manifest.competitions.joined(separator: ", ")) to \(output): \(rows) rows, \(manifest.parts.count) parts, \(size ?? 0) bytes"
                    )
                }
            }
        }
    }

    /// `podium import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an event archive into an empty data folder or database (SQLite or PostgreSQL).",
            discussion: """
                The archive is verified whole first; a damaged or unfinished one is refused naming its first bad part, \
                before anything is written. Everything goes in in one transaction.
                """)

        @Argument(help: "The archive (.tar.gz) that podium export wrote.")
        var archive: String

        @Flag(help: "Delete the event the data folder or database holds, in the same transaction, instead of refusing.")
        var replace = false

        @OptionGroup var options: PlatformOptions

        func run() throws {
            try options.run {
                let result = try options.platform().importEvent(from: archive, replace: replace)
                let rows = result.manifest.tables.reduce(0) { $0 + $1.rows }
                if options.json {
                    Output.json([
                        "archive": .string(archive), "rows": .int(rows), "files": .int(result.files),
                        "competitions": .array(result.manifest.competitions.map { .string($0) }),
                    ])
                } else {
                    Output.line(
                        "imported \(result.manifest.competitions.joined(separator: ", ")) from \(archive): \(rows) rows, \(result.files) files"
                    )
                }
            }
        }
    }

    /// `podium verify`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether an event archive or a backup folder is whole (exit status 1 when not).")

        @Argument(help: "An archive (.tar.gz) or a backup folder.")
        var path: String

        @Flag(help: "Print exactly one JSON object on stdout.")
        var json = false

        func run() throws {
            var isFolder: ObjCBool = false
            let problems: [String]
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                problems = try SQLiteBackup.problems(in: path)
            } else {
                do {
                    let manifest = try Platform.verifiedArchive(path)
                    problems = []
                    if !json {
                        Output.line(
                            "\(path): whole — \(manifest.parts.count) parts, \(manifest.competitions.joined(separator: ", ")), exported from \(manifest.source) at \(Output.iso(manifest.createdAt))"
                        )
                    }
                } catch let error as PlatformError {
                    problems = [error.message]
                }
            }
            if json {
                Output.json([
                    "path": .string(path), "whole": .bool(problems.isEmpty),
                    "problems": .array(problems.map { .string($0) }),
                ])
            } else if isFolder.boolValue, problems.isEmpty {
                Output.line("\(path): whole")
            }
            if !problems.isEmpty {
                if !json { for problem in problems { Output.error(problem) } }
                throw ExitCode(1)
            }
        }
    }

    /// `podium backup`.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a live SQLite event into a new data folder without stopping its server.",
            discussion: """
                SQLite's online backup API copies the database while the server goes on; the files its submissions \
                name are linked beside it. Serve the copy with podium serve --data FOLDER. On PostgreSQL, back up with \
                pg_dump (and the --files folder, if any), or with podium export.
                """)

        @Option(name: .shortAndLong, help: "The new folder to write the backup to.")
        var output: String

        @OptionGroup var options: PlatformOptions

        func run() throws {
            try options.run {
                let platform = try options.platform()
                guard let database = platform.database else {
                    throw PlatformError(
                        .notAllowed,
                        "podium backup copies SQLite; on PostgreSQL use pg_dump (and the --files folder), or podium export"
                    )
                }
                let summary = try SQLiteBackup.take(of: database, files: platform.files, into: output)
                if options.json {
                    Output.json([
                        "backup": .string(output), "submissions": .int(summary.submissions),
                        "files": .int(summary.files),
                    ])
                } else {
                    Output.line("backed up to \(output): \(summary.submissions) submissions, \(summary.files) files")
                }
            }
        }
    }
}
