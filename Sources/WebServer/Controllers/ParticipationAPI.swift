import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Platform
import PodiumAPI
import Storage
import Tabular

/// The API of self-service participation — signing up, teams, invite codes, merges — and the organisers'
/// approvals and audit log. Every rule lives in `Platform`.
struct ParticipationAPI: Sendable {
    let platform: Platform
    let auth: Auth

    func addRoutes(to api: RouterGroup<PodiumContext>) {
        api.post("competitions/:slug/participants", use: signUp)
        api.get("competitions/:slug/participants", use: participants)
        api.get("competitions/:slug/participants/me", use: me)
        api.post("competitions/:slug/participants/:name/approve", use: approve)
        api.get("competitions/:slug/team", use: team)
        api.post("competitions/:slug/teams/join", use: join)
        api.post("competitions/:slug/team/leave", use: leave)
        api.delete("competitions/:slug/team/members/:name", use: removeMember)
        api.post("competitions/:slug/team/invite", use: rotateInvite)
        api.post("competitions/:slug/team/merges", use: requestMerge)
        api.post("competitions/:slug/team/merges/:id/:answer", use: answerMerge)
        api.get("admin/audit", use: audit)
        api.get("admin/audit.csv", use: auditCSV)
    }

    /// POST …/participants with {"name", "accept_rules"}: 201 with the participant and their token, shown once.
    func signUp(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let body = try await request.decode(as: SignUpRequest.self, context: context)
        return try await run {
            let (participant, token) = try platform.participation.signUp(
                competition: slug, name: body.name, acceptRules: body.acceptRules ?? false)
            ClientTrace.record(
                platform, competition: slug, participantId: participant.id, action: "sign_up",
                client: ClientTrace.client(request, context, page: false))
            return JSON.response(
                SignUpResource(participant: try platform.participation.participantResource(participant), token: token),
                status: .created)
        }
    }

    /// GET …/participants — organisers: everyone who signed up, by name.
    func participants(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        try auth.requireOrganiser(request)
        return try await run {
            JSON.response(
                ParticipantList(
                    participants: try platform.participation.participants(competition: slug).map(
                        platform.participation.participantResource)))
        }
    }

    /// GET …/participants/me — the calling participant.
    func me(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        return try await run {
            JSON.response(
                try platform.participation.participantResource(try auth.participant(request, competition: slug)))
        }
    }

    /// POST …/participants/{name}/approve — organisers: the participant may submit from now on.
    func approve(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let name = try context.parameters.require("name")
        let actor = try auth.requireOrganiser(request)
        return try await run {
            let participant = try platform.organisers.approve(competition: slug, participant: name, actor: actor)
            return JSON.response(try platform.participation.participantResource(participant))
        }
    }

    /// GET …/team — the caller's team, its members, invite code and pending merges.
    func team(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        return try await run {
            let participant = try auth.participant(request, competition: slug)
            return JSON.response(
                try platform.participation.membershipResource(try platform.participation.teamView(of: participant)))
        }
    }

    /// POST …/teams/join with {"invite_code"}.
    func join(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let body = try await request.decode(as: JoinRequest.self, context: context)
        return try await run {
            let participant = try auth.participant(request, competition: slug)
            let view = try platform.participation.joinTeam(
                competition: slug, participant: participant, inviteCode: body.inviteCode)
            return JSON.response(try platform.participation.membershipResource(view))
        }
    }

    /// POST …/team/leave — before the caller's first submission in the team.
    func leave(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        return try await run {
            let participant = try auth.participant(request, competition: slug)
            try platform.participation.leaveTeam(competition: slug, participant: participant)
            return JSON.response(
                try platform.participation.participantResource(
                    try platform.participation.participant(competition: slug, name: participant.name)))
        }
    }

    /// DELETE …/team/members/{name} — the captain removes a member who has not submitted in the team.
    func removeMember(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let name = try context.parameters.require("name")
        return try await run {
            let captain = try auth.participant(request, competition: slug)
            try platform.participation.removeMember(competition: slug, captain: captain, member: name)
            return JSON.response(
                try platform.participation.membershipResource(try platform.participation.teamView(of: captain)))
        }
    }

    /// POST …/team/invite — the captain replaces the invite code (the old one is revoked).
    func rotateInvite(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        return try await run {
            let captain = try auth.participant(request, competition: slug)
            _ = try platform.participation.rotateInvite(competition: slug, captain: captain)
            return JSON.response(
                try platform.participation.membershipResource(try platform.participation.teamView(of: captain)))
        }
    }

    /// POST …/team/merges with {"into": team name} — the captain asks to merge the team into another.
    func requestMerge(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let body = try await request.decode(as: MergeRequestBody.self, context: context)
        return try await run {
            let captain = try auth.participant(request, competition: slug)
            _ = try platform.participation.requestMerge(competition: slug, captain: captain, into: body.into)
            return JSON.response(
                try platform.participation.membershipResource(try platform.participation.teamView(of: captain)),
                status: .created)
        }
    }

    /// POST …/team/merges/{id}/{accept|decline} — the asked captain answers (the asking one may decline: withdraw).
    func answerMerge(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let id = try context.parameters.require("id", as: Int64.self)
        let answer = try context.parameters.require("answer")
        guard ["accept", "decline"].contains(answer) else {
            throw APIFailure(.notFound, "no answer \(answer); accept or decline")
        }
        return try await run {
            let captain = try auth.participant(request, competition: slug)
            try platform.participation.answerMerge(
                competition: slug, captain: captain, request: id, accept: answer == "accept")
            let current = try platform.participation.participant(competition: slug, name: captain.name)
            return JSON.response(
                try platform.participation.membershipResource(try platform.participation.teamView(of: current)))
        }
    }

    /// GET /api/v1/admin/audit?competition=&before=&limit= — organisers: the audit log, newest first.
    func audit(_ request: Request, context: PodiumContext) async throws -> Response {
        try auth.requireOrganiser(request)
        let (competition, before, limit) = try Self.auditQuery(request)
        return try await run {
            let entries = try platform.organisers.auditLog(competition: competition, before: before, limit: limit)
            return JSON.response(
                AuditLogResource(
                    entries: entries.map(Platform.auditResource),
                    nextBefore: entries.count == limit ? entries.last?.id : nil))
        }
    }

    /// GET /api/v1/admin/audit.csv — organisers: the whole log (or one competition's), newest first.
    func auditCSV(_ request: Request, context: PodiumContext) async throws -> Response {
        try auth.requireOrganiser(request)
        let (competition, _, _) = try Self.auditQuery(request)
        return try await run {
            let csv = try platform.organisers.auditCSV(competition: competition)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"audit.csv\"",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: csv)))
        }
    }

    /// `competition`, `before` and `limit` (1–1000, default 100) of an audit request; a bad value is a 400.
    static func auditQuery(_ request: Request) throws -> (String?, Int64?, Int) {
        let query = request.uri.queryParameters
        let competition = query["competition"].map(String.init)
        var before: Int64?
        if let text = query["before"] {
            guard let value = Int64(text), value > 0 else {
                throw APIFailure(.badRequest, "before must be a positive entry id")
            }
            before = value
        }
        var limit = 100
        if let text = query["limit"] {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw APIFailure(.badRequest, "limit must be a number from 1 to 1000")
            }
            limit = value
        }
        return (competition, before, limit)
    }

    /// Runs platform work off the event loop and turns refusals into their HTTP answers.
    func run(_ body: @escaping @Sendable () throws -> Response) async throws -> Response {
        do {
            return try await blocking(body)
        } catch let error as PlatformError {
            return JSON.error(error)
        }
    }
}
