import ArgumentParser
import Competitions
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Options of the participant client commands.
struct ClientOptions: ParsableArguments {
    @Option(help: "The Podium server, e.g. http://127.0.0.1:8080.") var server: String
    @Option(help: "The team token (default: $PODIUM_TOKEN).") var token: String?
    @Flag(help: "Print the server's JSON.") var json = false

    var bearer: String? { token ?? ProcessInfo.processInfo.environment["PODIUM_TOKEN"] }

    /// Sends a request; returns status and body.
    func send(_ path: String, method: String = "GET", body: Data? = nil, contentType: String? = nil) async throws -> (
        Int, Data
    ) {
        guard let url = URL(string: server.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path) else {
            throw ValidationError("--server \(server) is not a URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 300
        request.setValue("", forHTTPHeaderField: "Expect")  // libcurl's 100-continue would stall large uploads
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// The score format a server response names (`display_precision`), or four decimals.
    static func scoreFormat(_ object: [String: Any]) -> ScoreFormat {
        (object["display_precision"] as? NSNumber).map { ScoreFormat(decimals: $0.intValue) } ?? .standard
    }

    /// The JSON object of a response, or a clear failure with the server's message.
    func object(_ status: Int, _ data: Data) throws -> [String: Any] {
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        guard (200..<300).contains(status) else {
            if json { Output.line(String(decoding: data, as: UTF8.self)) }
            let error = object["error"] as? [String: Any]
            var lines = [
                "error (\(status) \(error?["code"] ?? "")): \(error?["message"] ?? String(decoding: data, as: UTF8.self))"
            ]
            for detail in error?["details"] as? [[String: Any]] ?? [] {
                let line = detail["line"].flatMap { $0 is NSNull ? nil : "line \($0), " } ?? ""
                let column = detail["column"].flatMap { $0 is NSNull ? nil : "column \"\($0)\": " } ?? ""
                lines.append("  \(line)\(column)\(detail["message"] ?? "")")
            }
            Output.error(lines.joined(separator: "\n"))
            throw ExitCode(1)
        }
        return object
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
        @Argument(help: "The prediction file(s): one, one per task (<task>.csv, RCB.jsonl…), or a zip of them.")
        var files: [String]
        @Option(name: [.customShort("m"), .long], help: "A note kept with the submission.") var message: String?
        @Flag(help: "Wait until it is scored and print the score.") var wait = false

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
                let type =
                    name.lowercased().hasSuffix(".zip")
                    ? "application/zip" : name.lowercased().hasSuffix(".jsonl") ? "application/jsonl" : "text/csv"
                part(
                    "Content-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(type)",
                    content)
            }
            if let message { part("Content-Disposition: form-data; name=\"message\"", Data(message.utf8)) }
            body.append(Data("--\(boundary)--\r\n".utf8))
            let (status, data) = try await client.send(
                "/api/v1/competitions/\(slug)/rounds/\(round)/submissions", method: "POST", body: body,
                contentType: "multipart/form-data; boundary=\(boundary)")
            let accepted = try client.object(status, data)
            if client.json && !wait { Output.line(String(decoding: data, as: UTF8.self)) }
            let id = accepted["id"] as? Int ?? 0
            if !client.json {
                let quota = accepted["quota"] as? [String: Any]
                Output.line(
                    "submission \(id) accepted (queue position \(accepted["queue_position"] ?? "?"); quota used \(quota?["used"] ?? "?") of \(quota?["limit"] ?? "—"))"
                )
            }
            guard wait else { return }
            while true {
                try await Task.sleep(for: .milliseconds(500))
                let (status, data) = try await client.send("/api/v1/submissions/\(id)")
                let object = try client.object(status, data)
                let state = object["status"] as? String ?? ""
                if state == "scored" || state == "failed" {
                    if client.json {
                        Output.line(String(decoding: data, as: UTF8.self))
                    } else if state == "scored" {
                        Output.line(
                            "scored: public \(ClientOptions.scoreFormat(object).string(number(object["public_score"])))"
                        )
                    } else {
                        Output.error("failed: \(object["error"] ?? "")")
                    }
                    if state == "failed" { throw ExitCode(1) }
                    return
                }
            }
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
            let object = try client.object(status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            var lines = ["\(slug) / \(round) — \(object["board"] ?? "") leaderboard"]
            let format = ClientOptions.scoreFormat(object)
            for row in object["rows"] as? [[String: Any]] ?? [] {
                let rank = row["rank"] is NSNull ? "—" : "\(row["rank"] ?? "")"
                lines.append(
                    "\(rank.padding(toLength: 4, withPad: " ", startingAt: 0)) \(("\(row["team"] ?? "")").padding(toLength: 24, withPad: " ", startingAt: 0)) \(format.string(number(row["score"])))"
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
            let object = try client.object(status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            Output.line(
                "submission \(id): \(object["status"] ?? "") public \(ClientOptions.scoreFormat(object).string(number(object["public_score"])))\((object["error"] as? String).map { " — \($0)" } ?? "")"
            )
        }
    }
}

/// A JSON number as a double (JSONSerialization hands numbers over as NSNumber, 0 and 1 even as Bool on Linux).
private func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
