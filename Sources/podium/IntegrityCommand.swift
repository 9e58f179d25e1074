import ArgumentParser
import Foundation
import Platform
import PodiumAPI

extension Podium {
    /// `podium integrity`.
    struct Integrity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fair play: a round's cases with their evidence; clear or uphold one.",
            subcommands: [List.self, Decide.self], defaultSubcommand: List.self)

        /// `podium integrity list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "A round's fair-play cases, newest first.")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let report = try platform.integrity.report(competition: slug, round: round)
                    if options.json { return Output.json(report) }
                    let decimals = try platform.competition(slug).config.scoreFormat.decimals
                    if report.cases.isEmpty { Output.line("no cases in \(slug)/\(round)") }
                    for item in report.cases {
                        Output.line(
                            "#\(item.id)  \(item.kind)  \(item.teams.joined(separator: " · "))  \(item.state)"
                                + (item.reason.map { " (\($0))" } ?? ""))
                        for line in item.evidence.lines(decimals: decimals) { Output.line("    \(line)") }
                        if !item.evidence.submissions.isEmpty {
                            Output.line(
                                "    submissions \(item.evidence.submissions.map { "#\($0)" }.joined(separator: " "))")
                        }
                    }
                }
            }
        }

        /// `podium integrity decide`.
        struct Decide: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Clear or uphold a case, with a reason for the audit log; an upheld one may disqualify.")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @Argument(help: "The case's number.") var id: Int64
            @Option(help: "cleared or upheld.") var state: String
            @Option(help: "Why (required).") var reason: String
            @Option(help: "Upheld only: none, submissions (the case's) or teams (all theirs in the round).")
            var disqualify = "none"
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let (decided, what) = try IntegrityService.decision(state, disqualify)
                    let item = try options.platform().integrity.decide(
                        competition: slug, round: round, case: id, state: decided, reason: reason, disqualify: what,
                        actor: Round.actor)
                    if options.json { return Output.json(item) }
                    Output.line(
                        "case #\(item.id) (\(item.kind), \(item.teams.joined(separator: " · "))): \(item.state)")
                }
            }
        }
    }
}
