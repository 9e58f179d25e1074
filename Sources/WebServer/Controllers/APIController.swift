import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Platform
import PodiumAPI
import Storage
import Tabular

/// The JSON API under /api/v1. Handlers stay thin: every rule lives in `Platform`.
struct APIController: Sendable {
    let platform: Platform
    let auth: Auth
    let configuration: ServerConfiguration
    let uploads: URL
    let boards: BoardCache

    func addRoutes(to router: Router<PodiumContext>) {
        let api = router.group("api/v1").add(middleware: APIErrorMiddleware())
        api.get("openapi.json", use: openAPI)
        api.get("competitions", use: listCompetitions)
        api.get("competitions/:slug", use: competition)
        api.get("competitions/:slug/files/:name", use: file)
        api.post("competitions/:slug/rounds/:round/submissions", use: submit)
        api.post("competitions/:slug/rounds/:round/practice-runs", use: practiceRun)
        api.get("competitions/:slug/rounds/:round/submissions", use: ownSubmissions)
        api.get("competitions/:slug/rounds/:round/leaderboard", use: leaderboard)
        api.get("competitions/:slug/rounds/:round/leaderboard.csv", use: leaderboardCSV)
        api.put("competitions/:slug/rounds/:round/selection", use: select)
        api.get("submissions/:id", use: submission)
        api.post("competitions/:slug/rounds/:round/:action", use: roundAction)
        api.post("submissions/:id/rescore", use: rescore)
        api.post("submissions/:id/disqualify", use: disqualify)
        api.post("competitions/:slug/teams", use: addTeam)
        api.get("admin/deliveries", use: deliveries)
        addIntegrityRoutes(to: api)
        ParticipationAPI(platform: platform, auth: auth).addRoutes(to: api)
        ChatAPI(platform: platform, environment: configuration.environment).addRoutes(to: api)
    }

    /// GET /api/v1/competitions
    func listCompetitions(_ request: Request, context: PodiumContext) async throws -> Response {
        let records = try await blocking { try platform.competitions() }
        return JSON.response(CompetitionList(competitions: records.map { .init(slug: $0.slug, title: $0.title) }))
    }

    /// GET /api/v1/competitions/{slug}
    func competition(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        return try await run { JSON.response(try platform.competitionResource(slug)) }
    }

    /// GET /api/v1/competitions/{slug}/files/{name} — public files only.
    func file(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let name = try context.parameters.require("name")
        return try await run {
            let (record, _) = try platform.competition(slug)
            guard let relative = try platform.organisers.publicFiles(competition: slug)[name] else {
                throw PlatformError(.notFound, "no public file \(name) in \(slug)")
            }
            // Defence in depth: the resolved path (symlinks followed) must stay inside the folder, outside hidden/.
            let root = URL(fileURLWithPath: record.folder).resolvingSymlinksInPath().path
            let path = URL(fileURLWithPath: "\(record.folder)/\(relative)").resolvingSymlinksInPath().path
            guard path.hasPrefix(root + "/"), !path.hasPrefix(root + "/hidden/"),
                let data = FileManager.default.contents(atPath: path)
            else { throw PlatformError(.notFound, "no public file \(name) in \(slug)") }
            let type =
                name.hasSuffix(".csv")
                ? "text/csv; charset=utf-8"
                : name.hasSuffix(".md") ? "text/markdown; charset=utf-8" : "application/octet-stream"
            return Response(
                status: .ok,
                headers: [
                    .contentType: type,
                    .contentDisposition: "attachment; filename=\"\(name.replacingOccurrences(of: "\"", with: ""))\"",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// POST /api/v1/competitions/{slug}/rounds/{round}/submissions — multipart `file` (one per task) and `message`.
    func submit(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        // An early refusal, before the upload is read, by the rule accept applies again on its own read.
        let (team, member) = try await blocking {
            let caller = try auth.team(request, competition: slug)
            if let member = caller.member { try platform.submissions.checkMaySubmit(member, for: caller.0) }
            return caller
        }
        let (form, failure) = try await SubmissionUpload.receive(
            request, limit: configuration.maxUploadBytes, folder: uploads)
        if let failure { return failure.json }
        defer { SubmissionUpload.discard(form) }
        return try await run {
            // accept reads the card after finding the round: an unknown round is a 404, not the card's 422.
            let accepted = try platform.submissions.accept(
                competition: slug, round: round, team: team, uploads: SubmissionUpload.uploads(form),
                message: form.fields["message"].flatMap { $0.isEmpty ? nil : $0 }, by: member,
                card: try CardFields.card(form.fields))
            ClientTrace.record(
                platform, competition: slug, participantId: member?.id, action: "submit",
                client: ClientTrace.client(request, context, page: false))
            return JSON.response(AcceptedResource(accepted), status: .accepted)
        }
    }

    /// POST /api/v1/competitions/{slug}/rounds/{round}/practice-runs — a code archive run on the round's public
    /// samples now; not stored, not charged, rate-limited per team.
    func practiceRun(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let (team, member) = try await blocking {
            let caller = try auth.team(request, competition: slug)
            if let member = caller.member { try platform.submissions.checkMaySubmit(member, for: caller.0) }
            return caller
        }
        let (form, failure) = try await SubmissionUpload.receive(
            request, limit: configuration.maxUploadBytes, folder: uploads)
        if let failure { return failure.json }
        defer { SubmissionUpload.discard(form) }
        return try await run {
            let uploads = SubmissionUpload.uploads(form)
            guard uploads.count == 1 else {
                throw PlatformError(.invalidSubmission, "a practice run takes one archive, not \(uploads.count) files")
            }
            let result = try platform.submissions.practiceRun(
                competition: slug, round: round, team: team, upload: uploads[0], by: member)
            return JSON.response(result)
        }
    }

    /// GET /api/v1/competitions/{slug}/rounds/{round}/submissions — the caller's team's own.
    func ownSubmissions(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        return try await run {
            let (team, _) = try auth.team(request, competition: slug)
            let records = try platform.submissions.list(competition: slug, round: round, team: team)
            let quota = try platform.submissions.quota(competition: slug, round: round, team: team)
            let view = try platform.boards.teamScoreView(competition: slug, round: round, teamId: team.id!)
            return JSON.response(
                SubmissionList(
                    submissions: try records.map {
                        try platform.submissions.submissionResource($0, organiser: false, view: view)
                    },
                    quota: QuotaResource(quota)))
        }
    }

    /// GET /api/v1/submissions/{id} — the owner's team only; 404 to everyone else.
    func submission(_ request: Request, context: PodiumContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        return try await run {
            guard let record = try platform.submissions.submission(id) else {
                throw PlatformError(.notFound, "no submission \(id)")
            }
            switch try auth.caller(request, competition: record.competition) {
            case .team(let team, _) where team.id == record.teamId:
                return JSON.response(try platform.submissions.submissionResource(record, organiser: false))
            case .organiser: return JSON.response(try platform.submissions.submissionResource(record, organiser: true))
            case .anonymous: throw APIFailure(.unauthorized, "send Authorization: Bearer <team token>")
            default: throw PlatformError(.notFound, "no submission \(id)")
            }
        }
    }

    /// The board a request names (`?board=private` for the private one), as the cache holds it: the
    /// private board only after reveal, or for organisers.
    func snapshot(_ request: Request, _ context: PodiumContext) async throws -> BoardSnapshot {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let requested = request.uri.queryParameters["board"].map(String.init)
        guard let board = requested.map(Board.init(rawValue:)) ?? .public else {
            throw APIFailure(.badRequest, "board must be public or private, not \"\(requested ?? "")\"")
        }
        // Organisers see a frozen public board live, and the private one before reveal. (Asked only of a request
        // that carries credentials: an anonymous reader costs no look-up.)
        let credentials = request.headers[.authorization] != nil || request.cookie(Sessions.cookieName) != nil
        var organiser = false
        if credentials, case .organiser = try await blocking({ try auth.caller(request, competition: slug) }) {
            organiser = true
        }
        let snapshot = try await boards.snapshot(.init(slug: slug, round: round, board: board, live: organiser))
        if board == .private, !snapshot.revealed, !organiser {
            throw APIFailure(.forbidden, "the private leaderboard of \(round) is not revealed yet")
        }
        return snapshot
    }

    /// A board's encoding, made once per board version and page.
    func boardResponse(
        _ request: Request, _ context: PodiumContext, type: String,
        encode: @escaping @Sendable (BoardSnapshot, Pagination) throws -> ByteBuffer
    ) async throws -> Response {
        do {
            let page = try Pagination.parse(request, defaultLimit: Int(Int32.max), maxLimit: Int(Int32.max))
            let snapshot = try await snapshot(request, context)
            let body = try boards.encoding("\(type) \(page.offset) \(page.limit)", of: snapshot) {
                try encode(snapshot, page)
            }
            return Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: body))
        } catch let error as PlatformError {
            return JSON.error(error)
        }
    }

    /// GET …/leaderboard[?board=private][&offset=N&limit=M]
    func leaderboard(_ request: Request, context: PodiumContext) async throws -> Response {
        try await boardResponse(request, context, type: "application/json; charset=utf-8") { snapshot, page in
            ByteBuffer(
                bytes: APICoding.data(
                    Platform.leaderboardResource(
                        snapshot.rows, round: snapshot.key.round, board: snapshot.key.board,
                        displayPrecision: snapshot.config.scoreFormat.decimals, offset: page.offset, limit: page.limit,
                        frozenAt: snapshot.frozenAt, cards: snapshot.cards, slices: snapshot.slices,
                        layers: snapshot.layers, rule: snapshot.roundConfig.publicBoardRule))
            )
        }
    }

    /// GET …/leaderboard.csv[?board=private][&offset=N&limit=M]
    func leaderboardCSV(_ request: Request, context: PodiumContext) async throws -> Response {
        try await boardResponse(request, context, type: "text/csv; charset=utf-8") { snapshot, page in
            let sliceColumns = snapshot.sliceColumns
            let layerCounts = snapshot.layerCounts
            var writer = CSVWriter(
                header: ["rank", "team", "score"] + snapshot.tasks
                    + ["entries", "submitted_at", "group", "interval_low", "interval_high"]
                    + sliceColumns.flatMap {
                        ["\($0.task):\($0.slice)", "\($0.task):\($0.slice):low", "\($0.task):\($0.slice):high"]
                    }
                    + layerCounts.flatMap { task, count in
                        ["\(task):layer"] + (0..<count).map { "\(task):layer_\($0)" }
                    })
            for row in snapshot.rows(page) {
                let head: [String] = [row.rank.map(String.init) ?? "", row.team, "\(row.score)"]
                let tasks: [String] = snapshot.tasks.map { task in row.tasks[task].map { "\($0)" } ?? "" }
                let interval: [String] = row.interval.map { ["\($0.low)", "\($0.high)"] } ?? ["", ""]
                let tail: [String] = [String(row.entries), JSON.iso(row.submittedAt), row.group.map(String.init) ?? ""]
                let slices: [String] = sliceColumns.flatMap { column -> [String] in
                    let result = snapshot.slices[row.team]?[column.task]?.first { $0.name == column.slice }
                    return [result?.score, result?.low, result?.high].map { $0.map { "\($0)" } ?? "" }
                }
                let layers: [String] = layerCounts.flatMap { task, count -> [String] in
                    let scores = snapshot.layers[row.team]?[task]
                    let shown = snapshot.key.board == .private ? scores?.private : scores?.public
                    return [scores.map { String($0.layer) } ?? ""]
                        + (0..<count).map { layer in
                            (shown.flatMap { $0.indices.contains(layer) ? $0[layer] : nil }).map { "\($0)" } ?? ""
                        }
                }
                writer.appendRow(head + tasks + tail + interval + slices + layers)
            }
            return ByteBuffer(bytes: writer.bytes)
        }
    }

    /// PUT …/selection with {"submissions": [ids]}.
    func select(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let body = try await request.decode(as: SelectionRequest.self, context: context)
        return try await run {
            let (team, _) = try auth.team(request, competition: slug)
            try platform.submissions.select(competition: slug, round: round, team: team, submissions: body.submissions)
            return JSON.response(SelectionResource(selected: body.submissions))
        }
    }

    /// POST …/rounds/{round}/{open|close|reveal|advance} — organisers.
    func roundAction(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let action = try context.parameters.require("action")
        guard ["open", "close", "reveal", "advance"].contains(action) else {
            throw APIFailure(.notFound, "no action \(action); one of open, close, reveal, advance")
        }
        let actor = try auth.requireOrganiser(request)
        // The round must exist before the body matters (404, not 400, for a round that is not there).
        let config = try await blocking { try platform.competition(slug).config }
        guard let index = config.rounds.firstIndex(where: { $0.id == round }) else {
            throw PlatformError(.notFound, "no round \(round) in \(slug)")
        }
        let body = try await Self.body(RoundActionRequest.self, request, context, empty: RoundActionRequest())
        return try await run {
            if action == "advance" {
                let advance = body
                // Without "to", the round after this one.
                guard let to = advance.to ?? (index + 1 < config.rounds.count ? config.rounds[index + 1].id : nil)
                else { throw PlatformError(.notAllowed, "\(round) is the last round; there is none to advance to") }
                let result = try platform.organisers.advance(
                    competition: slug, from: round, to: to, top: advance.top, actor: actor)
                return JSON.response(
                    AdvanceResource(from: round, to: to, board: result.board.rawValue, teams: result.teams))
            }
            let state = try platform.organisers.act(
                action, competition: slug, round: round, actor: actor, reason: body.reason)
            return JSON.response(RoundActionResource(round: round, action: action, state: state.rawValue))
        }
    }

    /// POST /api/v1/submissions/{id}/rescore with an optional {"reason"} — organisers.
    func rescore(_ request: Request, context: PodiumContext) async throws -> Response {
        try await submissionAction("rescore", request, context) { [platform] id, actor, reason in
            try platform.organisers.requeue(submission: id, actor: actor, reason: reason)
        }
    }

    /// POST /api/v1/submissions/{id}/disqualify with {"reason"} (required: it goes to the audit log) — organisers.
    func disqualify(_ request: Request, context: PodiumContext) async throws -> Response {
        try await submissionAction("disqualify", request, context) { [platform] id, actor, reason in
            try platform.organisers.disqualify(submission: id, actor: actor, reason: reason)
        }
    }

    /// An organiser's `action` on the submission of the route's id, with the body's optional reason.
    private func submissionAction(
        _ action: String, _ request: Request, _ context: PodiumContext,
        perform: @escaping @Sendable (_ id: Int64, _ actor: String, _ reason: String?) throws -> Void
    ) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let actor = try auth.requireOrganiser(request)
        let body = try await Self.body(ReasonRequest.self, request, context, empty: ReasonRequest())
        return try await run {
            try perform(id, actor, body.reason)
            return JSON.response(SubmissionActionResource(submission: id, action: action))
        }
    }

    /// POST /api/v1/competitions/{slug}/teams with {"name", "baseline"}: an organiser adds a team (its token is
    /// shown once); a participant in no team founds one and becomes its captain (with its first invite code).
    func addTeam(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let caller = try await blocking { try auth.caller(request, competition: slug) }
        let body = try await request.decode(as: NewTeamRequest.self, context: context)
        return try await run {
            switch caller {
            case .organiser(let actor):
                let (team, token) = try platform.organisers.addTeam(
                    competition: slug, name: body.name, baseline: body.baseline ?? false, actor: actor)
                return JSON.response(
                    TeamCreatedResource(team: team.name, token: token, baseline: team.isBaseline), status: .created)
            case .participant(let participant), .team(_, member: let participant?):
                let view = try platform.participation.createTeam(
                    competition: slug, participant: participant, name: body.name)
                return JSON.response(try platform.participation.membershipResource(view), status: .created)
            case .team: throw APIFailure(.forbidden, "a team's token cannot found a team: use a participant token")
            case .anonymous:
                throw APIFailure(.unauthorized, "send Authorization: Bearer <participant or organiser token>")
            }
        }
    }

    /// The JSON body of `request` as `T`, or `empty` when it has none.
    static func body<T: Decodable>(_ type: T.Type, _ request: Request, _ context: PodiumContext, empty: T)
        async throws -> T
    {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        guard buffer.readableBytes > 0 else { return empty }
        do {
            return try JSONDecoder().decode(T.self, from: buffer)
        } catch {
            throw HTTPError(.badRequest, message: "The given data was not valid input: \(error)")
        }
    }

    /// GET /api/v1/admin/deliveries — organisers: each chat delivery (pending, delivered, dead with its
    /// last response) and the newest events.
    func deliveries(_ request: Request, context: PodiumContext) async throws -> Response {
        try auth.requireOrganiser(request)
        return try await run { JSON.response(try platform.organisers.deliveriesResource()) }
    }

    /// GET /api/v1/openapi.json — the API's contract (OpenAPI 3.1), kept in web/static/openapi.json.
    func openAPI(_ request: Request, context: PodiumContext) async throws -> Response {
        guard let document = FileManager.default.contents(atPath: "\(configuration.staticFiles)/openapi.json") else {
            throw APIFailure(.notFound, "openapi.json is not installed beside the static files")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
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
