import ArgumentParser
import Competitions
import Foundation
import Platform
import Sandbox
import Storage
import WebServer

extension Podium {
    /// `podium demo`.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A fresh demo: competitions loaded, demo teams, qualifying open, baselines scored, then serve.")

        @Option(help: "The demo's data folder, emptied first (default: podium-demo).") var data = "podium-demo"
        @Option(help: "Port (default: 8080).") var port = 8080
        @Option(help: "Address to bind (default: 127.0.0.1).") var host = "127.0.0.1"
        @Option(
            help:
                "A chat target KIND=URL to hear the demo's events (repeatable), e.g. webhook=http://127.0.0.1:9000/hook."
        )
        var notify: [String] = []
        @Flag(
            help:
                "Run NTI's chat too: a fake Telegram on this machine prints what the bot says; talk to it with podium chat say."
        )
        var fakeChat = false

        /// When the demo's qualifying round opens by its schedule, in days from today (negative: it opened that long ago).
        static let qualifyingOpensInDays = -3

        /// The merge deadline as the demo prints it.
        static func mergeDeadline(_ config: CompetitionConfig) -> String {
            config.mergeDeadline.map { "\(CalendarText.minute($0)) UTC" } ?? "the round closes"
        }

        func run() async throws {
            try? FileManager.default.removeItem(atPath: data)
            var options = Platform.Options()
            options.scorersDirectory = InstalledFiles.path("scorers")
            // Absolute, so the commands printed below work from any folder.
            let competitions = URL(fileURLWithPath: InstalledFiles.path("competitions")).standardizedFileURL.path
            let platform = try Platform(dataDirectory: data, options: options)
            // The story is told on today's date, whatever it is: NTI's calendar moves by whole days so that its
            // qualifying round opened a few days ago (and closes in about ten; merges go on for about a week).
            let chat = fakeChat ? try await Self.startFakeChat(copying: "\(competitions)/nti-digits", into: data) : nil
            let nti = try platform.loadCompetition(
                folder: chat?.folder ?? "\(competitions)/nti-digits",
                calendar: .firstOpening(inDays: Self.qualifyingOpensInDays))
            _ = try platform.loadCompetition(folder: "\(competitions)/russian-superglue")
            _ = try platform.loadCompetition(folder: "\(competitions)/rusenteval-probing")
            var lines = [
                "Podium demo — data in \(data)/ (deleted and made anew each run)",
                "NTI's \(CalendarText.summary(of: nti.config, shift: nti.calendarShift))", "",
            ]
            var tokens: [String: String] = [:]
            for name in ["alpha", "beta", "gamma"] {
                tokens[name] = try platform.organisers.addTeam(competition: "nti-digits", name: name).1
            }
            let examples = "\(competitions)/nti-digits/examples"
            let base = "http://\(host):\(port)"
            // With model cards (self-reported, illustrative values): the board's
            // card columns and its chart of score against inference speed.
            let cards = [
                "logreg": ModelCard(model: "logistic regression", parameters: 650, inferenceSpeed: 210_000),
                "forest": ModelCard(model: "random forest, 100 trees", parameters: 190_000, inferenceSpeed: 9_000),
            ]
            for (team, model) in [("alpha", "logreg"), ("beta", "forest")] {
                let record = try platform.participation.team(competition: "nti-digits", name: team)
                _ = try platform.submissions.accept(
                    competition: "nti-digits", round: "qualifying", team: record,
                    uploads: [Platform.Upload(name: "\(model).csv", path: "\(examples)/\(model)/qualifying.csv")],
                    message: model, card: cards[model])
            }
            // Russian SuperGLUE's baselines, as participants send a submission: one zip of nine JSON Lines files.
            _ = try platform.organisers.act(
                "open", competition: "russian-superglue", round: "leaderboard", actor: "demo")
            let superGLUE = "\(competitions)/russian-superglue"
            for (baseline, archive) in [
                ("majority class", "examples/majority.zip"), ("random", "public/sample_submission.zip"),
                ("diagnosed (synthetic)", "examples/diagnosed.zip"),
            ] {
                let (team, _) = try platform.organisers.addTeam(
                    competition: "russian-superglue", name: baseline, baseline: true)
                _ = try platform.submissions.accept(
                    competition: "russian-superglue", round: "leaderboard", team: team,
                    uploads: [Platform.Upload(name: "submission.zip", path: "\(superGLUE)/\(archive)")])
            }
            // The probing board's baselines: one sends its layers' embeddings (Podium fits the probe), one predictions.
            _ = try platform.organisers.act("open", competition: "rusenteval-probing", round: "layers", actor: "demo")
            for model in ["rubert-like", "shallow"] {
                let (team, _) = try platform.organisers.addTeam(
                    competition: "rusenteval-probing", name: model, baseline: true)
                _ = try platform.submissions.accept(
                    competition: "rusenteval-probing", round: "layers", team: team,
                    uploads: [
                        Platform.Upload(
                            name: "\(model).zip", path: "\(competitions)/rusenteval-probing/examples/\(model).zip")
                    ])
            }
            // The efficiency round runs the teams' programs: alpha's nearest-centroid classifier, measured in the sandbox.
            var codeRound =
                "The efficiency round runs programs in the sandbox: \(base)/c/nti-digits/efficiency/leaderboard"
            _ = try platform.organisers.act("open", competition: "nti-digits", round: "efficiency", actor: "demo")
            if let reason = Sandbox.unavailableReason {
                codeRound = "The efficiency round is open, but this machine cannot run its programs: \(reason)."
            } else {
                _ = try platform.submissions.accept(
                    competition: "nti-digits", round: "efficiency",
                    team: try platform.participation.team(competition: "nti-digits", name: "alpha"),
                    uploads: [
                        Platform.Upload(name: "nearest-centroid.zip", path: "\(examples)/code/nearest-centroid.zip")
                    ],
                    message: "nearest centroid", card: ModelCard(model: "nearest centroid (standard library Python)"))
            }
            try platform.scoring.work(worker: "demo", once: true, kinds: JobKind.allCases)
            var organiser = SystemRandomNumberGenerator()
            let organiserToken =
                "org_" + (0..<2).map { _ in String(format: "%016llx", organiser.next() as UInt64) }.joined()
            lines += [
                "Open \(base)/ — competitions; \(base)/c/nti-digits/qualifying/leaderboard — the live board.",
                "Log in as a team at \(base)/login?c=nti-digits with a token:",
            ]
            for name in ["alpha", "beta", "gamma"] { lines.append("  \(name): \(tokens[name]!)") }
            lines += [
                "  then upload e.g. \(examples)/knn/qualifying.csv (or \(examples)/broken.csv to see the errors).",
                "Or sign up as a participant at \(base)/c/nti-digits/signup (teams of two: found one, send the invite",
                "  link to a teammate; merge teams until \(Self.mergeDeadline(nti.config))), in English or Russian (the switch",
                "  at the top right).",
                "  Russian SuperGLUE takes sign-ups with approval: approve people on the organiser page.",
                "  Its LiDiRus diagnostic, slice by slice: \(base)/c/russian-superglue/leaderboard/diagnostics",
                "What each layer of a model knows (RuSentEval's probing, best layer per task): \(base)/c/rusenteval-probing/layers/leaderboard",
                codeRound,
                "  (upload \(examples)/code/nearest-centroid.zip, or your own zip whose root holds an executable run).",
                "Organiser page: \(base)/admin with the token \(organiserToken)",
                "From a shell: \(InstalledFiles.invocation) submit --server \(base) --token \(tokens["gamma"]!) nti-digits qualifying \(examples)/boosting/qualifying.csv --wait",
                "  or as a participant: \(InstalledFiles.invocation) join nti-digits --server \(base) --name Alice --accept-rules,",
                "  then \(InstalledFiles.invocation) team create nti-digits \"Digit Hunters\" --server \(base) --token <your token>.",
            ]
            if let chat {
                lines += [
                    "NTI's chat runs on a fake Telegram here: what the bot says is printed as [chat …] lines. Ask it:",
                    "  \(InstalledFiles.invocation) chat say nti-digits /top --server \(base) --secret \(chat.secret)",
                    "  (/rank, /last and /quota need /link CODE first, with the code from your team page; /help lists all.)",
                ]
            }
            if InstalledFiles.invocation != "podium" {
                lines.append("(`make install` puts podium and ensemble on the PATH, as /usr/local/bin/podium.)")
            }
            lines += ["", "Ctrl-C stops the server.", ""]
            Output.line(lines.joined(separator: "\n"))
            var configuration = ServerConfiguration()
            configuration.host = host
            configuration.port = port
            configuration.organiserToken = organiserToken
            configuration.templates = InstalledFiles.path("web/templates")
            configuration.staticFiles = InstalledFiles.path("web/static")
            try await Serve.serve(platform: platform, configuration: configuration, competitions: nil, notify: notify)
        }

        /// NTI's folder copied into the demo's data folder with its chat answering commands, and a fake Telegram started
        /// for the bot to talk to (its token, secret and address set in this process's environment); the copy's folder
        /// and the webhook's secret.
        static func startFakeChat(copying folder: String, into data: String) async throws -> (
            folder: String, secret: String
        ) {
            let copy = "\(data)/chat/nti-digits"
            try FileManager.default.createDirectory(atPath: "\(data)/chat", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: folder, toPath: copy)
            let yaml = try String(contentsOfFile: "\(copy)/competition.yaml", encoding: .utf8)
            try
                (yaml + """

                    notify:
                      - telegram: { chat_id: "-1001", token_env: PODIUM_TELEGRAM_TOKEN, commands: true, secret_env: PODIUM_TELEGRAM_SECRET }

                    """).write(toFile: "\(copy)/competition.yaml", atomically: true, encoding: .utf8)
            let secret = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            setenv("PODIUM_TELEGRAM_API", try await FakeTelegram.start(), 1)
            setenv("PODIUM_TELEGRAM_TOKEN", "demo", 1)
            setenv("PODIUM_TELEGRAM_SECRET", secret, 1)
            return (copy, secret)
        }
    }
}
