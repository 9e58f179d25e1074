import ArgumentParser
import Competitions
import Foundation
import Notifications
import PodiumAPI
import Timekeeping

/// Options of the participant client commands.
struct ClientOptions: ParsableArguments {
    @Option(help: "The Podium server, e.g. http://127.0.0.1:8080.") var server: String
    @Option(help: "Your token: a participant's or a team's (default: $PODIUM_TOKEN).") var token: String?
    @Flag(help: "Print the server's JSON.") var json = false

    var bearer: String? { token ?? ProcessInfo.processInfo.environment["PODIUM_TOKEN"] }

    /// Sends a request; returns status and body. libcurl waits in `poll`: a server that does not answer costs no CPU
    /// while the client waits for it (up to 300 s).
    func send(_ path: String, method: String = "GET", body: Data? = nil, contentType: String? = nil) async throws -> (
        Int, Data
    ) {
        let base = server.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard let url = URL(string: base + path), url.scheme == "http" || url.scheme == "https" else {
            throw ValidationError("--server \(server) is not an http(s) URL")
        }
        var headers: [String] = []
        if let contentType { headers.append("Content-Type: \(contentType)") }
        if let bearer { headers.append("Authorization: Bearer \(bearer)") }
        let answer = HTTPPoster.send(
            method, url: url.absoluteString, headers: headers, body: body, connectTimeout: 10, totalTimeout: 300)
        guard answer.status != 0 else {
            Output.error("error: no answer from \(server): \(answer.failure ?? "the connection failed")")
            throw ExitCode(1)
        }
        return (answer.status, answer.body)
    }

    /// The resource a response holds, or a clear failure with the server's message (its error shape).
    func decode<Resource: Decodable>(_ type: Resource.Type, _ status: Int, _ data: Data) throws -> Resource {
        guard (200..<300).contains(status) else {
            if json { Output.line(String(decoding: data, as: UTF8.self)) }
            guard let body = try? APICoding.decoder().decode(ErrorBody.self, from: data) else {
                Output.error("error (\(status)): \(String(decoding: data.prefix(2000), as: UTF8.self))")
                throw ExitCode(1)
            }
            var lines = ["error (\(status) \(body.error.code)): \(body.error.message)"]
            for detail in body.error.details {
                let line = detail.line.map { "line \($0), " } ?? ""
                let column = detail.column.map { "column \"\($0)\": " } ?? ""
                lines.append("  \(line)\(column)\(detail.message)")
            }
            Output.error(lines.joined(separator: "\n"))
            throw ExitCode(1)
        }
        do {
            return try APICoding.decoder().decode(type, from: data)
        } catch {
            Output.error("the server's answer is not a \(type): \(error)")
            throw ExitCode(1)
        }
    }
}

extension Podium {
    /// `podium submit`.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit prediction files to a Podium server, like `kaggle competitions submit`.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Argument(help: "The round.") var round: String
        @Argument(
            help:
                "The prediction file(s): one, one per task (<task>.csv, RCB.jsonl…), or a zip of them; in a code round, a zip or tar.gz whose root holds an executable run."
        )
        var files: [String]
        @Flag(help: "A code round: run the archive on the public sample now and print what it did (not charged).")
        var practice = false
        @Option(name: [.customShort("m"), .long], help: "A note kept with the submission.") var message: String?
        @Flag(help: "Wait until it is scored and print the score.") var wait = false
        @Option(help: "With --wait: give up after this many seconds, exit 2 (default 900).") var waitTimeout = 900.0
        @Option(
            help:
                "A model card (YAML or JSON: model, url, paper, description, parameters, inference_speed, gpu_memory_gb, hardware)."
        )
        var card: String?

        func validate() throws {
            guard waitTimeout > 0 else { throw ValidationError("--wait-timeout must be a positive number of seconds") }
        }

        func run() async throws {
            let boundary = "podium-\(UUID().uuidString)"
            var body = Data()
            func part(_ headers: String, _ content: Data) {
                body.append(Data("--\(boundary)\r\n\(headers)\r\n\r\n".utf8))
                body.append(content)
                body.append(Data("\r\n".utf8))
            }
            for file in files {
                guard let content = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("cannot read \(file)")
                }
                let name = URL(fileURLWithPath: file).lastPathComponent
                let lower = name.lowercased()
                let type =
                    lower.hasSuffix(".zip")
                    ? "application/zip"
                    : lower.hasSuffix(".gz") || lower.hasSuffix(".tgz")
                        ? "application/gzip" : lower.hasSuffix(".jsonl") ? "application/jsonl" : "text/csv"
                part(
                    "Content-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(type)",
                    content)
            }
            if let message { part("Content-Disposition: form-data; name=\"message\"", Data(message.utf8)) }
            if let card {
                // Read and checked here, so a misspelt field is told before anything is sent.
                do {
                    let parsed = try ModelCard.load(path: card)
                    if let problem = parsed.problems.first { throw ModelCardError("\(card): \(problem)") }
                    part("Content-Disposition: form-data; name=\"model_card\"", APICoding.data(parsed))
                } catch let error as ModelCardError {
                    throw ValidationError("--card \(error)")
                }
            }
            body.append(Data("--\(boundary)--\r\n".utf8))
            if practice { return try await practise(body, boundary: boundary) }
            let (status, data) = try await client.send(
                "/api/v1/competitions/\(slug)/rounds/\(round)/submissions", method: "POST", body: body,
                contentType: "multipart/form-data; boundary=\(boundary)")
            let accepted = try client.decode(AcceptedResource.self, status, data)
            if client.json && !wait { Output.line(String(decoding: data, as: UTF8.self)) }
            let id = accepted.id
            if !client.json {
                Output.line(
                    "submission \(id) accepted (queue position \(accepted.queuePosition.map(String.init) ?? "?"); quota used \(accepted.quota.used) of \(accepted.quota.limit.map(String.init) ?? "—"))"
                )
            }
            guard wait else { return }
            let deadline = Deadline.after(seconds: waitTimeout)
            while true {
                guard !deadline.hasPassed else {
                    Output.error(
                        "submission \(id) is not scored after \(Int(waitTimeout)) s; check it later with \(InstalledFiles.invocation) status \(id)"
                    )
                    throw ExitCode(2)
                }
                try await Task.sleep(for: .milliseconds(500))
                let (status, data) = try await client.send("/api/v1/submissions/\(id)")
                let submission = try client.decode(SubmissionResource.self, status, data)
                let state = submission.status
                if let stage = submission.stage, !client.json { Output.error("running: \(stage)") }
                if state == "scored" || state == "failed" {
                    if client.json {
                        Output.line(String(decoding: data, as: UTF8.self))
                    } else if state == "scored" {
                        Output.line(
                            "scored: public \(ScoreFormat(decimals: submission.displayPrecision).string(submission.publicScore))"
                        )
                        for (task, measured) in (submission.measurements ?? [:]).sorted(by: { $0.key < $1.key }) {
                            Output.line("measured (\(task)): \(Self.describe(measured))")
                        }
                    } else {
                        Output.error("failed: \(submission.error ?? "")")
                    }
                    if state == "failed" { throw ExitCode(1) }
                    return
                }
            }
        }

        /// `podium submit --practice`: the run on the public sample, printed.
        private func practise(_ body: Data, boundary: String) async throws {
            let (status, data) = try await client.send(
                "/api/v1/competitions/\(slug)/rounds/\(round)/practice-runs", method: "POST", body: body,
                contentType: "multipart/form-data; boundary=\(boundary)")
            let result = try client.decode(PracticeRunResource.self, status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            for run in result.tasks {
                var lines = ["\(run.task): \(run.outcome) — \(run.message) (\(String(format: "%.2f", run.seconds)) s)"]
                if let score = run.score { lines.append("  score on the sample: \(score)") }
                lines += run.problems.prefix(10).map { "  problem: \($0)" }
                lines.append("  output:")
                lines += run.output.split(separator: "\n").prefix(20).map { "    \($0)" }
                lines.append(
                    "  answers: "
                        + run.answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
                if !run.stderr.isEmpty {
                    lines.append("  standard error:")
                    lines += run.stderr.split(separator: "\n").suffix(20).map { "    \($0)" }
                }
                Output.line(lines.joined(separator: "\n"))
            }
            Output.line("practice runs left this hour: \(result.runsLeft)")
            if result.tasks.contains(where: { $0.outcome != "ok" }) { throw ExitCode(1) }
        }

        /// `1234 records/s at batch size 32, start-up 0.03 s, peak 6 MB`.
        static func describe(_ measured: CodeMeasurements) -> String {
            let speed = measured.scoredRecordsPerSecond.map { String(format: "%.0f records/s", $0) } ?? "?"
            let memory = measured.peakMemoryMB.map { String(format: ", peak %.0f MB", $0) } ?? ""
            return "\(speed) at batch size \(measured.scoredBatchSize), start-up "
                + String(format: "%.3f s", measured.startupSeconds) + memory + " (\(measured.hardware.cpu))"
        }
    }

    /// `podium leaderboard`.
    struct LeaderboardCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "leaderboard", abstract: "A round's public leaderboard from a server.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Argument(help: "The round.") var round: String
        @Flag(name: .customLong("private"), help: "The private board (after reveal).") var privateBoard = false

        func run() async throws {
            let (status, data) = try await client.send(
                "/api/v1/competitions/\(slug)/rounds/\(round)/leaderboard\(privateBoard ? "?board=private" : "")")
            let board = try client.decode(LeaderboardResource.self, status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            var lines = ["\(slug) / \(round) — \(board.board) leaderboard"]
            let format = ScoreFormat(decimals: board.displayPrecision)
            for row in board.rows {
                let rank = row.rank.map(String.init) ?? "—"
                lines.append(
                    "\(rank.padding(toLength: 4, withPad: " ", startingAt: 0)) \(row.team.padding(toLength: 24, withPad: " ", startingAt: 0)) \(format.string(row.score))"
                )
            }
            Output.line(lines.joined(separator: "\n"))
        }
    }

    /// `podium status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One of your team's submissions on a server.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The submission id.") var id: Int

        func run() async throws {
            let (status, data) = try await client.send("/api/v1/submissions/\(id)")
            let submission = try client.decode(SubmissionResource.self, status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            Output.line(
                "submission \(id): \(submission.status) public \(ScoreFormat(decimals: submission.displayPrecision).string(submission.publicScore))\(submission.error.map { " — \($0)" } ?? "")"
            )
        }
    }
}
