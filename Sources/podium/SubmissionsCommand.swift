import ArgumentParser
import Foundation
import Platform
import PodiumAPI
import Storage
import Tabular

extension Podium {
    /// `podium submissions`.
    struct Submissions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit for a team, list its submissions, pick its final selections.",
            subcommands: [Add.self, List.self, Select.self])

        /// `podium submissions add`.
        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract:
                    "Submit files for a team through the same checks as the web (one file, a file per task, or a zip of them)."
            )
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @Option(help: "The team's name.") var team: String
            @Option(name: [.customShort("m"), .long], help: "A note kept with the submission.") var message: String?
            @Argument(help: "The prediction file(s).") var files: [String]
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let teamRecord = try platform.participation.team(competition: slug, name: team)
                    let uploads = files.map {
                        Platform.Upload(name: URL(fileURLWithPath: $0).lastPathComponent, path: $0)
                    }
                    let accepted = try platform.submissions.accept(
                        competition: slug, round: round, team: teamRecord, uploads: uploads, message: message)
                    if options.json {
                        Output.json(AcceptedResource(accepted))
                    } else {
                        let limit = accepted.quota.limit.map { " of \($0)" } ?? ""
                        Output.line(
                            "submission \(accepted.id) queued (position \(accepted.queuePosition ?? 0)); quota used \(accepted.quota.used)\(limit)"
                        )
                    }
                }
            }
        }

        /// `podium submissions list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A team's submissions in a round, newest first.")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @Option(help: "The team's name.") var team: String
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let records = try platform.submissions.list(
                        competition: slug, round: round,
                        team: try platform.participation.team(competition: slug, name: team))
                    if options.json {
                        let teamRecord = try platform.participation.team(competition: slug, name: team)
                        Output.json(
                            SubmissionList(
                                submissions: try records.map {
                                    try platform.submissions.submissionResource($0, organiser: true)
                                },
                                quota: QuotaResource(
                                    try platform.submissions.quota(competition: slug, round: round, team: teamRecord))))
                    } else {
                        Output.line(
                            records.map { r in
                                "\(r.id!)  \(r.status.rawValue)  \(r.publicScore.map { "\($0)" } ?? "—")\(r.selected ? "  selected" : "")\(r.error.map { "  \($0)" } ?? "")"
                            }.joined(separator: "\n"))
                    }
                }
            }
        }

        /// `podium submissions select`.
        struct Select: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Pick a team's final submissions for the private board.")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @Option(help: "The team's name.") var team: String
            @Argument(help: "Submission ids (none: back to the default, the best public one).") var ids: [Int64] = []
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    try platform.submissions.select(
                        competition: slug, round: round,
                        team: try platform.participation.team(competition: slug, name: team),
                        submissions: ids)
                    if options.json {
                        Output.json(SelectionResource(selected: ids))
                    } else {
                        Output.line("selected: \(ids.map(String.init).joined(separator: ", "))")
                    }
                }
            }
        }
    }
}
