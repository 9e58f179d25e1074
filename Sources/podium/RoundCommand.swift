import ArgumentParser
import Competitions
import Foundation
import Platform
import PodiumAPI
import Tabular

extension Podium {
    /// `podium round`.
    struct Round: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open, close, reveal and advance rounds; list their states.",
            subcommands: [Open.self, Close.self, Reveal.self, Advance.self, List.self])

        /// The actor recorded with an action.
        static var actor: String { ProcessInfo.processInfo.environment["USER"].map { "cli:\($0)" } ?? "cli" }

        /// Shared body of open / close / reveal.
        static func act(_ kind: String, _ slug: String, _ round: String, _ options: PlatformOptions) throws {
            try options.run {
                let state = try options.platform().organisers.act(kind, competition: slug, round: round, actor: actor)
                if options.json {
                    Output.json(RoundActionResource(round: round, action: kind, state: state.rawValue))
                } else {
                    Output.line(
                        "\(slug)/\(round): \(kind == "reveal" ? "private leaderboard revealed" : state.rawValue)")
                }
            }
        }

        /// `podium round open`.
        struct Open: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Open a round now.")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @OptionGroup var options: PlatformOptions
            func run() throws { try Round.act("open", slug, round, options) }
        }

        /// `podium round close`.
        struct Close: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Close a round now.")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @OptionGroup var options: PlatformOptions
            func run() throws { try Round.act("close", slug, round, options) }
        }

        /// `podium round reveal`.
        struct Reveal: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Publish a closed round's private leaderboard (recorded with who and when).")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round.") var round: String
            @OptionGroup var options: PlatformOptions
            func run() throws { try Round.act("reveal", slug, round, options) }
        }

        /// `podium round advance`.
        struct Advance: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Admit the top teams of one round to the next (private board if revealed, else public).")
            @Argument(help: "The competition.") var slug: String
            @Argument(help: "The round the teams come from.") var from: String
            @Argument(help: "The round they may now submit to.") var to: String
            @Option(help: "How many teams (default: the round's advance rule).") var top: Int?
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let (teams, board) = try options.platform().organisers.advance(
                        competition: slug, from: from, to: to, top: top, actor: Round.actor)
                    if options.json {
                        Output.json(AdvanceResource(from: from, to: to, board: board.rawValue, teams: teams))
                    } else {
                        Output.line(
                            "advanced to \(to) by the \(board.rawValue) board of \(from): \(teams.joined(separator: ", "))"
                        )
                    }
                }
            }
        }

        /// `podium round list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The rounds of a competition and their states.")
            @Argument(help: "The competition.") var slug: String
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let rounds = try options.platform().competitionResource(slug).rounds
                    if options.json {
                        Output.json([
                            "rounds": JSONValue.array(
                                rounds.map { round in
                                    [
                                        "id": .string(round.id), "title": .text(round.title),
                                        "state": .string(round.state),
                                        "opens": .date(round.opens), "closes": .date(round.closes),
                                        "revealed": .bool(round.revealed),
                                    ]
                                })
                        ])
                    } else {
                        Output.line(
                            rounds.map { "\($0.id)  \($0.state)\($0.revealed ? "  revealed" : "")" }
                                .joined(separator: "\n"))
                    }
                }
            }
        }
    }
}
