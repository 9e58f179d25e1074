import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import Platform
import Storage

/// Server-rendered pages (Mustache, no JavaScript): competitions, leaderboards, team login, submitting,
/// the organiser's page. Every form carries the session's CSRF token and every POST checks it.
struct PageController: Sendable {
    let platform: Platform
    let auth: Auth
    let sessions: Sessions
    let configuration: ServerConfiguration
    let library: MustacheLibrary
    let uploads: URL
    let boards: BoardCache

    func addRoutes(to router: Router<PodiumContext>) {
        router.get("/", use: index)
        router.get("c/:slug", use: competition)
        router.get("c/:slug/:round/leaderboard", use: leaderboard)
        router.get("login", use: loginPage)
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("c/:slug/my", use: mySubmissions)
        router.get("c/:slug/:round/submit", use: submitPage)
        router.post("c/:slug/:round/submit", use: submit)
        router.post("c/:slug/:round/select", use: select)
        router.get("admin", use: adminPage)
        router.post("admin/login", use: adminLogin)
        router.post("admin/action", use: adminAction)
    }

    // MARK: Sessions, CSRF, rendering

    /// The request's session, creating an anonymous one (and its cookie) when there is none.
    func session(_ request: Request) -> (Sessions.Session, isNew: Bool) {
        // Seen again: a re-signed cookie keeps an active visitor's session from idling out.
        sessions.resume(request.cookies[Sessions.cookieName]?.value) ?? (sessions.create(.anonymous), true)
    }

    /// The request's session for a page without a form for anonymous visitors (competitions, a competition,
    /// a leaderboard): a logged-in visitor's session, or none at all — no cookie is made, signed and sent to
    /// every anonymous reader of a board.
    func visitor(_ request: Request) -> (Sessions.Session, isNew: Bool) {
        sessions.resume(request.cookies[Sessions.cookieName]?.value) ?? (Sessions.visitor, false)
    }

    /// The session of a POST whose form echoes its CSRF token; 403 otherwise.
    func checkedSession(_ request: Request, csrf: String?) throws -> Sessions.Session {
        guard let session = sessions.find(request.cookies[Sessions.cookieName]?.value), let csrf,
            Auth.constantTimeEqual(csrf, session.csrf)
        else {
            throw HTTPError(
                .forbidden, message: "the form's CSRF token is missing or wrong; reload the page and try again")
        }
        return session
    }

    /// `values` with what every page's header shows for `session`: who is logged in, the CSRF token.
    func pageValues(_ values: [String: Any], session: Sessions.Session) -> [String: Any] {
        var context = values
        context["csrf"] = session.csrf
        context["lang"] = values["lang"] ?? "en"
        switch session.owner {
        case .team(let competition, _, let name):
            context["team"] = context["team"] ?? name
            context["teamSlug"] = competition
        case .participant(let competition, _, let name):
            context["team"] = context["team"] ?? name
            context["teamSlug"] = competition
        case .organiser: context["organiser"] = true
        case .anonymous: break
        }
        return context
    }

    /// Renders `template` with `values` (missing templates say so on the page).
    func html(_ template: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: template) ?? "template \(template) is missing"
    }

    func render(
        _ template: String, _ values: [String: Any], session: Sessions.Session, isNew: Bool,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        page(
            ByteBuffer(string: html(template, pageValues(values, session: session))), session: session, isNew: isNew,
            status: status)
    }

    /// An HTML page of `body`.
    func page(
        _ body: ByteBuffer, session: Sessions.Session, isNew: Bool, status: HTTPResponse.Status = .ok
    ) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: body))
        if isNew { response.headers[.setCookie] = Sessions.cookie(session, secure: configuration.secureCookies) }
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }

    /// A page that says what went wrong and links back.
    func problem(
        _ heading: String, _ message: String, back: String?, session: Sessions.Session, status: HTTPResponse.Status
    ) -> Response {
        render(
            "problem", ["title": heading, "heading": heading, "problem": message, "back": Self.orNull(back)],
            session: session, isNew: false, status: status)
    }

    func redirect(_ location: String, session: Sessions.Session? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let session { response.headers[.setCookie] = Sessions.cookie(session, secure: configuration.secureCookies) }
        return response
    }

    /// A template value that may be missing (Mustache treats NSNull as false).
    static func orNull(_ value: Any?) -> Any { value ?? NSNull() }

    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// A date on a page with its distance from now: `28 Nov 2026, 21:00 UTC (in 3 h)`, as HTML.
    static func when(_ date: Date, now: Date) -> String {
        "\(TimeText.html(date, now: now)) (\(TimeText.relative(date, now: now)))"
    }

    // MARK: Public pages

    func index(_ request: Request, context: PodiumContext) async throws -> Response {
        let (session, isNew) = visitor(request)
        let records = try await blocking { try platform.competitions() }
        return render(
            "index", ["title": "Competitions", "competitions": records.map { ["slug": $0.slug, "title": $0.title] }],
            session: session,
            isNew: isNew)
    }

    func competition(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let (session, isNew) = visitor(request)
        let values = try await blocking { () -> [String: Any] in
            let (record, config) = try platform.competition(slug)
            let markdown =
                config.description.flatMap { try? String(contentsOfFile: "\(record.folder)/\($0)", encoding: .utf8) }
                ?? ""
            var rounds: [[String: Any]] = []
            let now = Date()
            for round in config.rounds {
                let state = try platform.roundState(competition: slug, round: round.id)
                let window = [
                    round.opens.map { (now < $0 ? "opens " : "opened ") + Self.when($0, now: now) },
                    round.closes.map { (now < $0 ? "closes " : "closed ") + Self.when($0, now: now) },
                ]
                .compactMap { $0 }.joined(separator: " · ")
                rounds.append([
                    "id": round.id, "name": round.title ?? round.id, "state": state.rawValue, "open": state == .open,
                    "window": window.isEmpty ? "opened by the organisers" : window, "slug": slug,
                    "revealed": try platform.revealed(competition: slug, round: round.id) != nil,
                ])
            }
            return [
                "title": config.title, "competitionTitle": config.title, "slug": slug, "lang": config.language ?? "en",
                "description": Markdown.html(Markdown.droppingTitle(markdown)), "rounds": rounds,
                "files": try platform.publicFiles(competition: slug).keys.sorted().map { ["name": $0] },
            ]
        }
        return render("competition", values, session: session, isNew: isNew)
    }

    /// GET /c/{slug}/{round}/leaderboard[?board=private][&offset=N&limit=M] — the board, 100 teams a page.
    /// The table is built once per board change and page; only the header (who is logged in) and the
    /// visitor's own-row notice are made per request, and an anonymous visitor's whole page is kept.
    func leaderboard(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let board: Board = request.uri.queryParameters["board"] == "private" ? .private : .public
        let (session, isNew) = visitor(request)
        let page = try Pagination.parse(request, defaultLimit: 100, maxLimit: 1_000)
        let snapshot: BoardSnapshot
        do {
            snapshot = try await boards.snapshot(.init(slug: slug, round: round, board: board))
        } catch let error as PlatformError where error.code == .notFound {
            throw HTTPError(.notFound, message: error.message)
        }
        if board == .private && !snapshot.revealed && !session.isOrganiser {
            throw HTTPError(.forbidden, message: "the private leaderboard is not revealed yet")
        }
        let header = [
            "title": "\(snapshot.config.title) — \(snapshot.roundConfig.title ?? round)", "slug": slug,
        ]
        let table = boards.encoding("table \(page.offset) \(page.limit)", of: snapshot) {
            ByteBuffer(string: html("leaderboard", BoardPage.values(snapshot, page: page)))
        }
        if session.owner == .anonymous {
            let whole = boards.encoding("anonymous page \(page.offset) \(page.limit)", of: snapshot) {
                var buffer = ByteBuffer(string: html("header", pageValues(header, session: session)))
                buffer.writeImmutableBuffer(table)
                buffer.writeString(html("footer", [:]))
                return buffer
            }
            return self.page(whole, session: session, isNew: isNew)
        }
        var buffer = ByteBuffer(string: html("header", pageValues(header, session: session)))
        if let name = try await loggedInTeam(session, slug: slug)?.name {
            buffer.writeString(html("leaderboard-you", BoardPage.you(name, in: snapshot, page: page)))
        }
        buffer.writeImmutableBuffer(table)
        buffer.writeString(html("footer", [:]))
        return self.page(buffer, session: session, isNew: isNew)
    }

    // MARK: Team login and submitting

    func loginPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = request.uri.queryParameters["c"].map(String.init) ?? ""
        let (session, isNew) = self.session(request)
        let title = (try? await blocking { try platform.competition(slug).config.title }) ?? slug
        return render(
            "login", ["title": "Log in", "competitionTitle": title, "slug": slug], session: session, isNew: isNew)
    }

    func login(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request)
        let old = try checkedSession(request, csrf: form.csrf)
        let slug = form.c ?? ""
        let token = form.token ?? ""
        let owner = try await blocking { () -> Sessions.Owner? in
            if let team = try? platform.team(competition: slug, token: token) {
                return .team(competition: slug, teamID: team.id!, name: team.name)
            }
            return try platform.participant(competition: slug, token: token).map {
                .participant(competition: slug, id: $0.id!, name: $0.name)
            }
        }
        guard let owner else {
            return render(
                "login",
                [
                    "title": "Log in", "competitionTitle": slug, "slug": slug,
                    "problem": "That token is neither a team's nor a participant's in this competition.",
                ],
                session: old, isNew: false, status: .unauthorized)
        }
        // A new session, with a new id, at login: no fixation.
        let session = sessions.create(owner)
        let open = try await blocking { () -> String? in
            let (_, config) = try platform.competition(slug)
            return try config.rounds.first { try platform.roundState(competition: slug, round: $0.id) == .open }?.id
        }
        return redirect(open.map { "/c/\(slug)/\($0)/submit" } ?? "/c/\(slug)", session: session)
    }

    func logout(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(CSRFForm.self, from: request)
        _ = try checkedSession(request, csrf: form.csrf)
        var response = redirect("/")
        response.headers[.setCookie] = Sessions.deletion(secure: configuration.secureCookies)
        return response
    }

    /// The submit page's values for the logged-in `team`.
    func submitValues(slug: String, round: String, team: TeamRecord) throws -> [String: Any] {
        let (_, config) = try platform.competition(slug)
        guard let roundConfig = config.round(round) else { throw HTTPError(.notFound) }
        let quota = try platform.quota(competition: slug, round: round, team: team)
        let records = try platform.submissions(competition: slug, round: round, team: team)
        let tasks = config.tasks(of: roundConfig)
        return [
            "title": "Submit — \(config.title)", "competitionTitle": config.title, "slug": slug, "round": round,
            "roundName": roundConfig.title ?? round, "team": team.name, "quotaUsed": quota.used,
            "quotaLimit": Self.orNull(quota.limit),
            "resetsAt": Self.orNull(quota.resetsAt.map { Self.when($0, now: Date()) }),
            "finalSelections": roundConfig.finalSelections ?? 1,
            "multiTask": tasks.count > 1, "taskFiles": tasks.map(\.fileName).joined(separator: ", "),
            "refresh": records.contains { $0.status.isPending },
            "submissions": try records.map { record -> [String: Any] in
                var status = record.status.rawValue
                if record.status == .queued, let position = try platform.queue.position(of: record.id!) {
                    status = "queued (#\(position))"
                }
                if record.status == .failed { status = "failed: \(record.error ?? "")" }
                return [
                    "id": record.id!, "submittedAt": TimeText.html(record.createdAt), "status": record.status.rawValue,
                    "statusText": status,
                    "score": config.scoreFormat.string(record.publicScore), "message": record.message ?? "",
                    "selected": record.selected,
                    "scored": record.status == .scored,
                ]
            },
        ]
    }

    /// GET /c/{slug}/my — the logged-in team's submissions: the open round's submit page, or else the latest
    /// round that has opened (a closed round's page still lists the team's submissions and scores).
    func mySubmissions(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let (session, _) = self.session(request)
        guard try await loggedInTeam(session, slug: slug) != nil else {
            return redirect("/login?c=\(Self.percent(slug))", session: session)
        }
        let round = try await blocking { () -> String in
            let (_, config) = try platform.competition(slug)
            let states = try config.rounds.map { ($0.id, try platform.roundState(competition: slug, round: $0.id)) }
            return states.first { $0.1 == .open }?.0 ?? states.last { $0.1 == .closed }?.0 ?? config.rounds[0].id
        }
        return redirect("/c/\(slug)/\(round)/submit")
    }

    /// The logged-in team of `slug` (a team's session, or the team of a participant's), or nil.
    func loggedInTeam(_ session: Sessions.Session, slug: String) async throws -> TeamRecord? {
        switch session.owner {
        case .team(let competition, let id, _) where competition == slug:
            return try await blocking { try platform.team(id: id) }
        case .participant(let competition, _, _) where competition == slug:
            guard let member = try await loggedInMember(session, slug: slug), let team = member.teamId else {
                return nil
            }
            return try await blocking { try platform.team(id: team) }
        default: return nil
        }
    }

    /// The logged-in participant of `slug`, or nil (a team's session, or none).
    func loggedInMember(_ session: Sessions.Session, slug: String) async throws -> ParticipantRecord? {
        guard case .participant(let competition, let id, _) = session.owner, competition == slug else { return nil }
        return try await blocking { try platform.participant(id: id) }
    }

    func submitPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let (session, isNew) = self.session(request)
        guard let team = try await loggedInTeam(session, slug: slug) else {
            return redirect("/login?c=\(Self.percent(slug))", session: session)
        }
        var values = try await blocking { try submitValues(slug: slug, round: round, team: team) }
        if let ok = request.uri.queryParameters["ok"] {
            values["flash"] = "Submission \(ok) accepted and queued for scoring."
        }
        if let saved = request.uri.queryParameters["saved"] { values["flash"] = "Final selection saved (\(saved))." }
        return render("submit", values, session: session, isNew: isNew)
    }

    func submit(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        // The session and its CSRF token (in the form's address) are checked before a byte of the upload
        // is read; refusals are pages, as a browser expects.
        guard let session = sessions.find(request.cookies[Sessions.cookieName]?.value) else {
            return redirect("/login?c=\(Self.percent(slug))")
        }
        guard let csrf = request.uri.queryParameters["csrf"].map(String.init),
            Auth.constantTimeEqual(csrf, session.csrf)
        else {
            return problem(
                "The form has expired",
                "Its security token is missing or old: reload the submit page and send the file again.",
                back: "/c/\(slug)/\(round)/submit", session: session, status: .forbidden)
        }
        guard let team = try await loggedInTeam(session, slug: slug) else {
            return redirect("/login?c=\(Self.percent(slug))")
        }
        let member = try await loggedInMember(session, slug: slug)
        let (form, failure) = try await SubmissionUpload.receive(
            request, limit: configuration.maxUploadBytes, folder: uploads)
        defer { SubmissionUpload.discard(form) }
        if let failure {
            var values = try await blocking { try submitValues(slug: slug, round: round, team: team) }
            values["problem"] = failure.message
            return render("submit", values, session: session, isNew: false, status: failure.status)
        }
        do {
            let accepted = try await blocking {
                try platform.accept(
                    competition: slug, round: round, team: team, uploads: SubmissionUpload.uploads(form),
                    message: form.fields["message"].flatMap { $0.isEmpty ? nil : $0 }, by: member)
            }
            return redirect("/c/\(slug)/\(round)/submit?ok=\(accepted.id)")
        } catch let error as PlatformError {
            var values = try await blocking { try submitValues(slug: slug, round: round, team: team) }
            values["problem"] = error.message
            values["details"] = error.details.map(\.description)
            values["hasDetails"] = !error.details.isEmpty
            let status: HTTPResponse.Status =
                error.code == .invalidSubmission
                ? .unprocessableContent : error.code == .quotaExceeded ? .tooManyRequests : .forbidden
            return render("submit", values, session: session, isNew: false, status: status)
        }
    }

    func select(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let form = try await FormBody.decode(SelectForm.self, from: request)
        let session = try checkedSession(request, csrf: form.csrf)
        guard let team = try await loggedInTeam(session, slug: slug) else {
            return redirect("/login?c=\(Self.percent(slug))")
        }
        let ids = form.select ?? []
        do {
            try await blocking { try platform.select(competition: slug, round: round, team: team, submissions: ids) }
        } catch let error as PlatformError {
            var values = try await blocking { try submitValues(slug: slug, round: round, team: team) }
            values["problem"] = error.message
            return render("submit", values, session: session, isNew: false, status: .forbidden)
        }
        return redirect(
            "/c/\(slug)/\(round)/submit?saved=\(ids.map(String.init).joined(separator: ",").isEmpty ? "default" : ids.map(String.init).joined(separator: ","))"
        )
    }

    // MARK: Organiser

    func adminPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let (session, isNew) = self.session(request)
        guard session.isOrganiser else {
            return render("admin", ["title": "Organiser"], session: session, isNew: isNew)
        }
        let values = try await blocking { () -> [String: Any] in
            var competitions: [[String: Any]] = []
            for record in try platform.competitions() {
                let (_, config) = try platform.competition(record.slug)
                var rounds: [[String: Any]] = []
                for (index, round) in config.rounds.enumerated() {
                    let next = index + 1 < config.rounds.count ? config.rounds[index + 1].id : nil
                    var actions = ["open", "close", "reveal"].map {
                        ["action": $0, "slug": record.slug, "round": round.id] as [String: Any]
                    }
                    if let next, round.advance != nil {
                        actions.append(["action": "advance", "slug": record.slug, "round": round.id, "next": next])
                    }
                    rounds.append([
                        "id": round.id,
                        "state": try platform.roundState(competition: record.slug, round: round.id).rawValue,
                        "revealed": try platform.revealed(competition: record.slug, round: round.id) != nil,
                        "actions": actions,
                    ])
                }
                let teams = try platform.teams(competition: record.slug)
                let names = Dictionary(uniqueKeysWithValues: teams.map { ($0.id!, $0.name) })
                competitions.append([
                    "title": record.title, "slug": record.slug, "rounds": rounds,
                    "teams": teams.map { ["name": $0.name, "baseline": $0.isBaseline] },
                    "submissions": try platform.recentSubmissions(competition: record.slug).map {
                        [
                            "id": $0.id!, "round": $0.round, "team": names[$0.teamId] ?? "?",
                            "status": $0.status.rawValue,
                            "disqualified": $0.disqualified,
                            "public": config.scoreFormat.string($0.publicScore),
                            "private": config.scoreFormat.string($0.privateScore),
                            "detail": $0.errorDetail ?? "",
                            "slug": record.slug,
                        ] as [String: Any]
                    },
                ])
            }
            let events = try platform.events(limit: 50).map {
                [
                    "id": $0.id!, "competition": $0.competition, "type": $0.type.rawValue,
                    "at": TimeText.html($0.createdAt),
                    "data": $0.payload,
                ]
            }
            let deliveries = try Outbox(store: platform.store).recent(limit: 50).map {
                [
                    "event": $0.eventId, "target": $0.target, "state": $0.state.rawValue, "attempts": $0.attempts,
                    "response": "\($0.lastStatus ?? 0) \($0.lastResponse ?? "")",
                ] as [String: Any]
            }
            return ["title": "Organiser", "competitions": competitions, "events": events, "deliveries": deliveries]
        }
        return render("admin", values, session: session, isNew: isNew)
    }

    func adminLogin(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request)
        let old = try checkedSession(request, csrf: form.csrf)
        let token = form.token ?? ""
        guard let name = try await blocking({ try auth.organiser(token: token) }) else {
            return render(
                "admin", ["title": "Organiser", "problem": "That is not an organiser's token."], session: old,
                isNew: false, status: .unauthorized)
        }
        return redirect("/admin", session: sessions.create(.organiser(name: name)))
    }

    func adminAction(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(AdminActionForm.self, from: request)
        let session = try checkedSession(request, csrf: form.csrf)
        guard case .organiser(let actor) = session.owner else {
            throw HTTPError(.forbidden, message: "organisers only")
        }
        let (action, slug, round) = (form.action ?? "", form.c ?? "", form.round ?? "")
        let (next, id, reason) = (form.to ?? "", form.id ?? -1, form.reason)
        do {
            try await blocking {
                switch action {
                case "open", "close", "reveal":
                    _ = try platform.act(action, competition: slug, round: round, actor: actor, reason: reason)
                case "advance":
                    _ = try platform.advance(competition: slug, from: round, to: next, actor: actor)
                case "rescore": try platform.requeue(submission: id, actor: actor, reason: reason)
                case "disqualify": try platform.disqualify(submission: id, actor: actor, reason: reason)
                default: throw PlatformError(.notFound, "unknown action")
                }
            }
        } catch let error as PlatformError {
            return render(
                "admin", ["title": "Organiser", "problem": error.message, "organiser": true], session: session,
                isNew: false, status: .forbidden)
        }
        return redirect("/admin")
    }
}
