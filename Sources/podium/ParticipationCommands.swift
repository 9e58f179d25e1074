import ArgumentParser
import Foundation
import PodiumAPI
import Tabular

extension Podium {
    /// `podium join`: sign up for a competition on a server.
    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign up for a competition on a server and print your token (shown once).",
            discussion: "Then found a team (podium team create) or join one (podium team join CODE).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Option(help: "Your name, as the board and your team will show it.") var name: String
        @Flag(help: "Accept the competition's rules (required when it has rules: read them on its page).")
        var acceptRules = false

        func run() async throws {
            let typed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            let body = APICoding.data(SignUpRequest(name: typed, acceptRules: acceptRules))
            let (status, data) = try await client.send(
                "/api/v1/competitions/\(Self.path(slug))/participants", method: "POST", body: body,
                contentType: "application/json")
            let answer = try client.decode(SignUpResource.self, status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            let waiting =
                answer.participant.status == "pending" ? "\nAn organiser approves you before you may submit." : ""
            Output.line(
                "signed up as \(answer.participant.name); your token (shown once; export PODIUM_TOKEN=…):\n\(answer.token)\(waiting)"
            )
        }

        static func path(_ segment: String) -> String {
            segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? segment
        }
    }

    /// `podium team create|join|show|leave|remove|invite|merge|accept|decline`: your team on a server.
    struct TeamClient {
        /// Sends `method path` with an optional JSON body and prints the team the server answers with.
        static func team(
            _ client: ClientOptions, _ slug: String, _ path: String, method: String = "GET",
            body: (any Encodable)? = nil
        ) async throws {
            let (status, data) = try await client.send(
                "/api/v1/competitions/\(Join.path(slug))\(path)", method: method,
                body: body.map { APICoding.data($0) },
                contentType: body == nil ? nil : "application/json")
            let answer = try client.decode(TeamMembershipResource.self, status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            Output.line(describe(answer))
        }

        /// The team as lines of text.
        static func describe(_ answer: TeamMembershipResource) -> String {
            let team = answer.team
            var lines = ["team \(team.name) (\(team.members.count) of \(team.maxSize))"]
            for member in team.members {
                let notes = [member.captain ? "captain" : nil, member.status == "pending" ? "awaiting approval" : nil]
                    .compactMap { $0 }
                lines.append("  \(member.name)\(notes.isEmpty ? "" : "  (\(notes.joined(separator: ", ")))")")
            }
            lines.append(
                answer.inviteCode.map { "invite code (admits one member): \($0)" } ?? "the team is full: no invite code"
            )
            for merge in team.merges {
                lines.append("merge request \(merge.id): \(merge.from) into \(merge.into), \(merge.state)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// `podium team create`.
    struct TeamCreate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Found a team on a server; you become its captain.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Argument(help: "The team's name.") var name: String

        func run() async throws {
            let typed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            try await TeamClient.team(client, slug, "/teams", method: "POST", body: NewTeamRequest(name: typed))
        }
    }

    /// `podium team join`.
    struct TeamJoin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "join", abstract: "Join a team on a server with the invite code its captain gave you.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Argument(help: "The invite code.") var code: String

        func run() async throws {
            try await TeamClient.team(client, slug, "/teams/join", method: "POST", body: JoinRequest(inviteCode: code))
        }
    }

    /// `podium team show`.
    struct TeamShow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Your team on a server: members, invite code, merge requests.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String

        func run() async throws { try await TeamClient.team(client, slug, "/team") }
    }

    /// `podium team leave`.
    struct TeamLeave: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "leave", abstract: "Leave your team (only before your first submission in it).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String

        func run() async throws {
            let (status, data) = try await client.send(
                "/api/v1/competitions/\(Join.path(slug))/team/leave", method: "POST")
            let answer = try client.decode(ParticipantResource.self, status, data)
            if client.json { return Output.line(String(decoding: data, as: UTF8.self)) }
            Output.line("\(answer.name) left the team")
        }
    }

    /// `podium team remove`.
    struct TeamRemove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Captains: remove a member who has not submitted in the team.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Argument(help: "The member's name.") var member: String

        func run() async throws {
            try await TeamClient.team(client, slug, "/team/members/\(Join.path(member))", method: "DELETE")
        }
    }

    /// `podium team invite`.
    struct TeamInvite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invite", abstract: "Captains: replace the team's invite code (the old one stops working).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String

        func run() async throws { try await TeamClient.team(client, slug, "/team/invite", method: "POST") }
    }

    /// `podium team merge`.
    struct TeamMerge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Captains: ask to merge your team into another (its captain accepts; before the merge deadline).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Argument(help: "The team to merge into (it keeps its name).") var into: String

        func run() async throws {
            let typed = into.trimmingCharacters(in: .whitespacesAndNewlines)
            try await TeamClient.team(client, slug, "/team/merges", method: "POST", body: MergeRequestBody(into: typed))
        }
    }

    /// `podium team accept` and `podium team decline`.
    struct TeamAnswer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answer",
            abstract: "Captains: accept or decline a merge request (the asking captain may decline: withdraw).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The competition.") var slug: String
        @Argument(help: "The merge request's id (podium team show lists them).") var id: Int64
        @Argument(help: "accept or decline.") var answer: String

        func validate() throws {
            guard ["accept", "decline"].contains(answer) else { throw ValidationError("answer accept or decline") }
        }

        func run() async throws {
            try await TeamClient.team(client, slug, "/team/merges/\(id)/\(answer)", method: "POST")
        }
    }
}
