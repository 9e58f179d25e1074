import ArgumentParser
import Foundation
import Platform
import PodiumAPI
import Storage
import Tabular

extension Podium {
    /// `podium organiser add|list`.
    struct Organiser: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Organiser accounts: personal tokens, named in the audit log.",
            subcommands: [Add.self, List.self])

        /// `podium organiser add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add an organiser and print their personal token (shown once; only its hash is stored).")
            @Argument(help: "The organiser's name.") var name: String
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let (organiser, token) = try options.platform().organisers.addOrganiser(
                        name: name.trimmingCharacters(in: .whitespacesAndNewlines))
                    if options.json {
                        Output.json(["organiser": .string(organiser.name), "token": .string(token)])
                    } else {
                        Output.line("organiser \(organiser.name) added; token (shown once):\n\(token)")
                    }
                }
            }
        }

        /// `podium organiser list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the organiser accounts.")
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let organisers = try options.platform().organisers.list()
                    if options.json {
                        Output.json([
                            "organisers": .array(
                                organisers.map { ["name": .string($0.name), "created_at": .date($0.createdAt)] })
                        ])
                    } else {
                        Output.line(organisers.map(\.name).joined(separator: "\n"))
                    }
                }
            }
        }
    }

    /// `podium participant list|approve`.
    struct Participant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Participants who signed up: list them, approve them (registration: approval).",
            subcommands: [List.self, Approve.self])

        /// `podium participant list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a competition's participants.")
            @Argument(help: "The competition.") var slug: String
            @Flag(help: "Only those waiting for approval.") var pending = false
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let participants = try platform.participation.participants(competition: slug).filter {
                        !pending || $0.status == .pending
                    }
                    let resources = try participants.map(platform.participation.participantResource)
                    if options.json { return Output.json(ParticipantList(participants: resources)) }
                    Output.line(
                        resources.map { "\($0.name)  \($0.status)\($0.team.map { "  team \($0)" } ?? "")" }
                            .joined(separator: "\n"))
                }
            }
        }

        /// `podium participant approve`.
        struct Approve: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Let participants submit (registration: approval).")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "Their names.") var names: [String]
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    for name in names {
                        let participant = try platform.organisers.approve(
                            competition: slug, participant: name, actor: Platform.localActor)
                        if !options.json { Output.line("\(participant.name) approved") }
                    }
                    if options.json { Output.json(["approved": .texts(names)]) }
                }
            }
        }
    }

    /// `podium audit`.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The audit log of organiser actions, newest first: who, when, what, on what, why.")
        @Option(help: "One competition's entries.") var competition: String?
        @Option(help: "Entries at most (default 50).") var limit = 50
        @Flag(help: "The whole log as CSV (to a file with > audit.csv).") var csv = false
        @OptionGroup var options: PlatformOptions

        func run() throws {
            try options.run {
                let platform = try options.platform()
                if csv {
                    return FileHandle.standardOutput.write(
                        Data(try platform.organisers.auditCSV(competition: competition)))
                }
                let entries = try platform.organisers.auditLog(competition: competition, limit: limit)
                if options.json {
                    return Output.json(AuditLogResource(entries: entries.map(Platform.auditResource), nextBefore: nil))
                }
                Output.line(
                    entries.map { entry in
                        let reason = entry.reason.map { " — \($0)" } ?? ""
                        let scope = entry.competition.map { "\($0): " } ?? ""
                        return
                            "\(entry.at.formatted(.iso8601))  \(entry.actor)  \(entry.action)  \(scope)\(entry.subject)\(reason)"
                    }.joined(separator: "\n"))
            }
        }
    }
}
