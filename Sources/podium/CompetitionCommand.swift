import ArgumentParser
import Competitions
import Foundation
import Platform
import PodiumAPI
import Tabular

extension Podium {
    /// `podium competition`.
    struct CompetitionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "competition", abstract: "Load and list competitions.", subcommands: [Load.self, List.self])

        /// `podium competition load`.
        struct Load: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check and load (or reload) a competition folder; a changed solution is reported.")

            @Argument(help: "The competition folder, e.g. competitions/wine.")
            var folder: String

            @Option(
                help: ArgumentHelp(
                    "Move every date by whole days so that the first dated round opens DAYS days from now (negative: "
                        + "opened DAYS days ago); a rehearsal on today's date. Kept by later loads.",
                    valueName: "days"))
            var opensIn: Int?

            @Option(
                help: ArgumentHelp(
                    "Move every date by exactly DAYS days (0: the dates as the folder writes them). Kept by later loads.",
                    valueName: "days"))
            var shiftDays: Int?

            @OptionGroup var options: PlatformOptions

            func validate() throws {
                if opensIn != nil && shiftDays != nil {
                    throw ValidationError("give --opens-in or --shift-days, not both")
                }
            }

            /// Where the options put the calendar (nil: as an earlier load left it).
            var placement: Platform.CalendarPlacement? {
                if let opensIn { return .firstOpening(inDays: opensIn) }
                return shiftDays.map { .shifted(CalendarShift(days: $0)) }
            }

            func run() throws {
                try options.run {
                    let result = try options.platform().loadCompetition(folder: folder, calendar: placement)
                    if options.json {
                        Output.json([
                            "slug": .string(result.slug), "title": .string(result.title),
                            "created": .bool(result.created),
                            "rescore_needed": .texts(result.rescoreNeeded),
                            "calendar_shift_days": .number(String(result.calendarShift.days)),
                        ])
                    } else {
                        var lines = ["\(result.created ? "loaded" : "reloaded") \(result.slug): \(result.title)"]
                        if result.calendarShift != .none {
                            lines.append(CalendarText.summary(of: result.config, shift: result.calendarShift))
                        }
                        if !result.rescoreNeeded.isEmpty {
                            lines.append(
                                "solution changed for \(result.rescoreNeeded.joined(separator: ", ")) with scored submissions: "
                                    + "run podium rescore \(result.slug)")
                        }
                        Output.line(lines.joined(separator: "\n"))
                    }
                }
            }
        }

        /// `podium competition list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List loaded competitions.")

            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let records = try options.platform().competitions()
                    if options.json {
                        Output.json([
                            "competitions": .array(
                                records.map {
                                    [
                                        "slug": .string($0.slug), "title": .string($0.title),
                                        "folder": .string($0.folder),
                                    ]
                                })
                        ])
                    } else {
                        Output.line(records.map { "\($0.slug)  \($0.title)" }.joined(separator: "\n"))
                    }
                }
            }
        }
    }

    /// `podium team`.
    struct Team: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Teams: add and list them on this box (organisers); found, join and manage yours on a server.",
            subcommands: [
                Add.self, List.self, TeamCreate.self, TeamJoin.self, TeamShow.self, TeamLeave.self, TeamRemove.self,
                TeamInvite.self, TeamMerge.self, TeamAnswer.self,
            ])

        /// `podium team add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a team and print its token (shown once; only its hash is stored).")

            @Argument(help: "The competition.")
            var slug: String

            @Argument(help: "The team's name.")
            var name: String

            @Flag(help: "A baseline (shown on the board, not ranked), like TF-IDF or the majority class.")
            var baseline = false

            @Option(help: "A baseline's model card (YAML or JSON), shown on the board like a submission's.")
            var card: String?

            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let modelCard = try card.map { path -> ModelCard in
                        do { return try ModelCard.load(path: path) } catch {
                            throw PlatformError(.invalidInput, "--card \(error)")
                        }
                    }
                    let (team, token) = try options.platform().organisers.addTeam(
                        competition: slug, name: name.trimmingCharacters(in: .whitespacesAndNewlines),
                        baseline: baseline, card: modelCard)
                    if options.json {
                        Output.json(TeamCreatedResource(team: team.name, token: token, baseline: team.isBaseline))
                    } else {
                        Output.line(
                            "team \(team.name) added\(team.isBaseline ? " (baseline)" : ""); token (shown once):\n\(token)"
                        )
                    }
                }
            }
        }

        /// `podium team list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a competition's teams.")

            @Argument(help: "The competition.")
            var slug: String

            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let teams = try options.platform().participation.teams(competition: slug)
                    if options.json {
                        Output.json([
                            "teams": .array(
                                teams.map {
                                    [
                                        "team": .string($0.name), "baseline": .bool($0.isBaseline),
                                        "disqualified": .bool($0.disqualified), "created_at": .date($0.createdAt),
                                    ]
                                })
                        ])
                    } else {
                        Output.line(
                            teams.map { "\($0.name)\($0.isBaseline ? "  (baseline)" : "")" }.joined(separator: "\n"))
                    }
                }
            }
        }
    }
}
