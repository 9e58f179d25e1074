import ArgumentParser

/// The `podium` command: runs competitions and scores submissions.
@main
struct Podium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Machine-learning competitions and benchmark leaderboards from one binary.",
        version: "0.1.0",
        subcommands: [
            Score.self, Check.self, CompetitionCommand.self, Team.self, Round.self, Submissions.self, Work.self,
            Standings.self, Rescore.self, Scorers.self, Serve.self, Demo.self, Submit.self, LeaderboardCommand.self,
            Status.self, Notify.self, Join.self, Organiser.self, Participant.self, Audit.self, Measure.self,
            Export.self, Import.self, Verify.self, Backup.self, Chat.self, Integrity.self,
        ]
    )
}
