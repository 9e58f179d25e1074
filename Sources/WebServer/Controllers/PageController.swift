import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import Platform
import Storage

/// Server-rendered pages (Mustache, no JavaScript) in English and Russian: competitions, leaderboards, logging in,
/// submitting. Every form carries the session's CSRF token and every POST checks it. The team pages
/// (`TeamPages`) and the organiser's (`AdminPages`) share the same renderer.
struct PageController: Sendable {
    let platform: Platform
    let auth: Auth
    let pages: PageRenderer
    let configuration: ServerConfiguration
    let uploads: URL
    let boards: BoardCache
    /// Values and whole pages kept between requests, at their competition's version.
    let caches: PageCaches

    var sessions: Sessions { pages.sessions }
    var localizer: Localizer { pages.localizer }

    func addRoutes(to router: Router<PodiumContext>) {
        router.get("/", use: index)
        router.get("c/:slug", use: competition)
        router.get("c/:slug/:round/leaderboard", use: leaderboard)
        router.get("c/:slug/:round/card/:id", use: cardPage)
        router.get("c/:slug/:round/pareto.svg", use: pareto)
        router.get("c/:slug/:round/diagnostics", use: diagnostics)
        router.get("login", use: loginPage)
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("c/:slug/my", use: mySubmissions)
        router.get("c/:slug/:round/submit", use: submitPage)
        router.post("c/:slug/:round/submit", use: submit)
        router.post("c/:slug/:round/select", use: select)
        TeamPages(platform: platform, pages: pages).addRoutes(to: router)
        AdminPages(platform: platform, auth: auth, pages: pages).addRoutes(to: router)
        IntegrityPages(platform: platform, pages: pages).addRoutes(to: router)
    }

    /// The language a competition is written in (nil: no such competition).
    func competitionLanguage(_ slug: String) async -> String? {
        guard let checked = try? await caches.versions.check(slug) else { return nil }
        return checked.config.language ?? "en"
    }

    // MARK: Public pages

    func index(_ request: Request, context: PodiumContext) async throws -> Response {
        let visit = pages.visit(request)
        let records = try await blocking { try platform.competitions() }
        return pages.render(
            "index",
            IndexView(
                title: localizer.text("title_competitions", visit.language),
                competitions: records.map { .init(slug: $0.slug, title: $0.title) }), visit)
    }

    func competition(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let visit = pages.visit(request, competition: await competitionLanguage(slug))
        let version = try await caches.versions.check(slug).version
        let key = PageCaches.RenderedPage(
            slug: slug, kind: .competition, language: visit.language, session: visit.session.value,
            switchLink: visit.switchLink)
        let body = try await caches.pages.value(key, at: version) {
            try await competitionPage(slug, visit, version: version)
        }
        return pages.page(body, visit)
    }

    /// The competition page of `slug` for `visit`, rendered.
    private func competitionPage(_ slug: String, _ visit: Visit, version: CompetitionVersion) async throws
        -> ByteBuffer
    {
        let language = visit.language
        let key = PageCaches.CompetitionPage(slug: slug, language: language)
        let view = try await caches.competitionViews.value(key, at: version) {
            try await blocking { try competitionView(slug, language) }
        }
        return ByteBuffer(string: pages.html("competition", view, visit))
    }

    /// What every visitor of `slug`'s page in `language` sees (blocking: reads the store).
    private func competitionView(_ slug: String, _ language: Language) throws -> CompetitionView {
        let (record, config) = try platform.competition(slug)
        let markdown =
            config.description.flatMap { try? String(contentsOfFile: "\(record.folder)/\($0)", encoding: .utf8) }
            ?? ""
        var rounds: [CompetitionView.Round] = []
        let now = Date()
        for round in config.rounds {
            let state = try platform.roundState(competition: slug, round: round.id)
            let window = [
                round.opens.map {
                    localizer.text(
                        now < $0 ? "round_opens" : "round_opened", language,
                        ["when": PageRenderer.when($0, now: now, language)])
                },
                round.closes.map {
                    localizer.text(
                        now < $0 ? "round_closes" : "round_closed_at", language,
                        ["when": PageRenderer.when($0, now: now, language)])
                },
            ]
            .compactMap { $0 }.joined(separator: " · ")
            rounds.append(
                .init(
                    id: round.id, name: round.title ?? round.id, state: state.rawValue,
                    stateText: localizer.text("state_\(state.rawValue)", language), open: state == .open,
                    window: window.isEmpty ? localizer.text("round_by_hand", language) : window, slug: slug,
                    revealed: try platform.revealed(competition: slug, round: round.id) != nil))
        }
        let registration = pages.registration(config, language)
        return CompetitionView(
            title: config.title, competitionTitle: config.title, slug: slug,
            description: Markdown.html(Markdown.droppingTitle(markdown)), rounds: rounds,
            files: try platform.organisers.publicFiles(competition: slug).keys.sorted().map { .init(name: $0) },
            signUp: registration != nil, registration: registration?.registration,
            teamSize: registration?.teamSize, rules: registration?.rules)
    }

    /// GET /c/{slug}/{round}/leaderboard[?board=private][&offset=N&limit=M] — the board, 100 teams a page.
    /// The table is built once per board change, page and language; only the header (who is logged in) and the
    /// visitor's own-row notice are made per request, and an anonymous visitor's whole page is kept.
    func leaderboard(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let board: Board = request.uri.queryParameters["board"] == "private" ? .private : .public
        let page = try Pagination.parse(request, defaultLimit: 100, maxLimit: 1_000)
        let session = pages.session(request)
        let snapshot: BoardSnapshot
        do {
            let live = session.0.isOrganiser  // organisers see a frozen board live
            snapshot = try await boards.snapshot(.init(slug: slug, round: round, board: board, live: live))
        } catch let error as PlatformError where error.code == .notFound {
            throw HTTPError(.notFound, message: error.message)
        }
        let visit = pages.visit(request, session: session, competition: snapshot.config.language)
        let language = visit.language
        if board == .private && !snapshot.revealed && !visit.session.isOrganiser {
            throw HTTPError(.forbidden, message: "the private leaderboard is not revealed yet")
        }
        let header = HeaderView(title: "\(snapshot.config.title) — \(snapshot.roundConfig.title ?? round)", slug: slug)
        let table = boards.encoding("table \(language) \(page.offset) \(page.limit)", of: snapshot) {
            ByteBuffer(
                string: pages.html("leaderboard", BoardPage.view(snapshot, page: page, language, localizer), visit))
        }
        if visit.session.owner == .anonymous {
            let whole = boards.encoding("anonymous page \(language) \(page.offset) \(page.limit)", of: snapshot) {
                var buffer = ByteBuffer(string: pages.html("header", header, visit))
                buffer.writeImmutableBuffer(table)
                buffer.writeString(pages.html("footer", EmptyView(), visit))
                return buffer
            }
            return pages.page(whole, visit)
        }
        // A logged-in visitor's frame and row notice, rendered once per session and board version.
        let shown = "\(slug)|\(round)|\(board.rawValue)|\(snapshot.key.live)|\(snapshot.version)"
        var buffer = ByteBuffer(string: pages.frame("header", visit, distinct: shown) { header })
        if let name = try await loggedInTeamName(visit.session, slug: slug) {
            let key = "\(shown)|\(page.offset)|\(page.limit)|\(name)"
            buffer.writeString(
                pages.frame("leaderboard-you", visit, distinct: key) {
                    BoardPage.you(name, in: snapshot, page: page, language, localizer)
                })
        }
        buffer.writeImmutableBuffer(table)
        buffer.writeString(pages.frame("footer", visit, distinct: "") { EmptyView() })
        return pages.page(buffer, visit)
    }

    // MARK: Logging in and submitting

    func loginPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = request.uri.queryParameters["c"].map(String.init) ?? ""
        let visit = pages.visit(request, anonymous: false, competition: await competitionLanguage(slug))
        let title = (try? await blocking { try platform.competition(slug).config.title }) ?? slug
        let heading = localizer.text("title_log_in", visit.language, ["competition": title])
        return pages.render("login", LoginView(title: heading, heading: heading, slug: slug), visit)
    }

    func login(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request)
        let old = try pages.checkedSession(request, csrf: form.csrf)
        let slug = form.c ?? ""
        let token = form.token ?? ""
        let found = try await blocking { () -> (owner: Sessions.Owner, inTeam: Bool)? in
            if let team = try? platform.participation.team(competition: slug, token: token) {
                return (.team(competition: slug, teamID: team.id!, name: team.name), true)
            }
            return try platform.participation.participant(competition: slug, token: token).map {
                (.participant(competition: slug, id: $0.id!, name: $0.name), $0.teamId != nil)
            }
        }
        guard let (owner, inTeam) = found else {
            let visit = pages.visit(request, competition: await competitionLanguage(slug))
            let heading = localizer.text("title_log_in", visit.language, ["competition": slug])
            return pages.render(
                "login",
                LoginView(
                    title: heading, heading: heading, slug: slug, problem: localizer.text("login_wrong", visit.language)
                ),
                visit, session: old, status: .unauthorized)
        }
        // A new session, with a new id, at login: no fixation.
        let session = sessions.create(owner)
        let open = try await blocking { () -> String? in
            let (_, config) = try platform.competition(slug)
            return try config.rounds.first { try platform.roundState(competition: slug, round: $0.id) == .open }?.id
        }
        // A participant in no team yet founds or joins one first.
        if !inTeam { return pages.redirect("/c/\(slug)/team", session: session) }
        return pages.redirect(open.map { "/c/\(slug)/\($0)/submit" } ?? "/c/\(slug)", session: session)
    }

    func logout(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(CSRFForm.self, from: request)
        _ = try pages.checkedSession(request, csrf: form.csrf)
        var response = pages.redirect("/")
        response.headers[.setCookie] = Sessions.deletion(secure: configuration.secureCookies)
        return response
    }

    /// GET /c/{slug}/my — the logged-in team's submissions: the open round's submit page, or else the latest
    /// round that has opened (a closed round's page still lists the team's submissions and scores).
    func mySubmissions(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let visit = pages.visit(request, anonymous: false)
        // Both kept like shared page values: a team refreshing /my reads nothing from the store while they hold.
        guard try await loggedInTeamName(visit.session, slug: slug) != nil else {
            return pages.redirect("/login?c=\(PageRenderer.percent(slug))", session: visit.session)
        }
        let version = try await caches.versions.check(slug).version
        let latest = try await caches.latestRounds.value(slug, at: version) {
            try await blocking { [platform] in try Self.latestRound(slug, platform) }
        }
        return pages.redirect("/c/\(slug)/\(latest)/submit")
    }

    /// The open round of `slug`, or the last closed one, or the first.
    private static func latestRound(_ slug: String, _ platform: Platform) throws -> String {
        let (_, config) = try platform.competition(slug)
        let states = try config.rounds.map { ($0.id, try platform.roundState(competition: slug, round: $0.id)) }
        return states.first { $0.1 == .open }?.0 ?? states.last { $0.1 == .closed }?.0 ?? config.rounds[0].id
    }

    /// The logged-in team of `slug` (a team's session, or the team of a participant's), or nil.
    func loggedInTeam(_ session: Sessions.Session, slug: String) async throws -> TeamRecord? {
        guard session.owner != .anonymous else { return nil }
        return try await blocking { try loggedInTeamNow(session, slug: slug) }
    }

    /// `loggedInTeam`, read on the calling thread (for a page that reads everything in one blocking call).
    func loggedInTeamNow(_ session: Sessions.Session, slug: String) throws -> TeamRecord? {
        switch session.owner {
        case .team(let competition, let id, _) where competition == slug: return try platform.participation.team(id: id)
        case .participant(let competition, let id, _) where competition == slug:
            return try platform.participation.participant(id: id)?.teamId.flatMap {
                try platform.participation.team(id: $0)
            }
        default: return nil
        }
    }

    /// The name of the logged-in visitor's team in `slug`, or nil, kept at the competition's version (a board
    /// page refreshed by a logged-in team then reads nothing from the store while nothing changed).
    func loggedInTeamName(_ session: Sessions.Session, slug: String) async throws -> String? {
        let key: PageCaches.Visitor
        switch session.owner {
        case .team(let competition, let id, _) where competition == slug:
            key = .init(slug: slug, team: id, participant: nil)
        case .participant(let competition, let id, _) where competition == slug:
            key = .init(slug: slug, team: nil, participant: id)
        default: return nil
        }
        let version = try await caches.versions.check(slug).version
        return try await caches.teamNames.value(key, at: version) {
            try await blocking { [self] in try loggedInTeamNow(session, slug: slug)?.name }
        }
    }

    /// The logged-in participant of `slug`, or nil (a team's session, or none).
    func loggedInMember(_ session: Sessions.Session, slug: String) async throws -> ParticipantRecord? {
        guard case .participant(let competition, let id, _) = session.owner, competition == slug else { return nil }
        return try await blocking { try platform.participation.participant(id: id) }
    }

    func submitPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let visit = pages.visit(request, anonymous: false, competition: await competitionLanguage(slug))
        var flash: String?
        if let ok = request.uri.queryParameters["ok"] {
            flash = localizer.text("accepted_flash", visit.language, ["id": String(ok)])
        }
        if request.uri.queryParameters["saved"] != nil { flash = localizer.text("saved_flash", visit.language) }
        let render = { () async throws -> (body: ByteBuffer, staleAt: Date?)? in
            // One trip to the thread pool for the team and everything the page shows of it.
            let values = try await blocking { () -> (view: SubmitView, staleAt: Date?)? in
                guard let team = try loggedInTeamNow(visit.session, slug: slug) else { return nil }
                return try submitPageValues(slug: slug, round: round, team: team, visit.language)
            }
            guard var view = values?.view else { return nil }
            view.flash = flash
            return (ByteBuffer(string: pages.html("submit", view, visit)), values?.staleAt)
        }
        // A page with a flash (after a submission or a selection) is rendered for that request alone.
        let body: ByteBuffer?
        if flash != nil {
            body = try await render()?.body
        } else {
            let version = try await caches.versions.check(slug).version
            let key = PageCaches.RenderedPage(
                slug: slug, kind: .submit(round: round), language: visit.language, session: visit.session.value,
                switchLink: visit.switchLink)
            if let kept = caches.pages.value(key, at: version) {
                body = kept
            } else if let made = try await render() {
                caches.pages.keep(made.body, as: key, at: version, until: made.staleAt)
                body = made.body
            } else {
                body = nil
            }
        }
        guard let body, body.readableBytes > 0 else {
            return pages.redirect("/login?c=\(PageRenderer.percent(slug))", session: visit.session)
        }
        return pages.page(body, visit)
    }

    func submit(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        // The session and its CSRF token (in the form's address) are checked before a byte of the upload
        // is read; refusals are pages, as a browser expects.
        guard let session = sessions.find(request.cookie(Sessions.cookieName)) else {
            return pages.redirect("/login?c=\(PageRenderer.percent(slug))")
        }
        let visit = pages.visit(request, competition: await competitionLanguage(slug))
        guard let csrf = request.uri.queryParameters["csrf"].map(String.init),
            Auth.constantTimeEqual(csrf, session.csrf)
        else {
            return pages.problem(
                localizer.text("form_expired_title", visit.language), localizer.text("form_expired", visit.language),
                back: "/c/\(slug)/\(round)/submit", visit, status: .forbidden)
        }
        guard let team = try await loggedInTeam(session, slug: slug) else {
            return pages.redirect("/login?c=\(PageRenderer.percent(slug))")
        }
        let member = try await loggedInMember(session, slug: slug)
        let (form, failure) = try await SubmissionUpload.receive(
            request, limit: configuration.maxUploadBytes, folder: uploads)
        defer { SubmissionUpload.discard(form) }
        if let failure {
            var view = try await blocking { try submitView(slug: slug, round: round, team: team, visit.language) }
            view.problem = failure.message
            return pages.render("submit", view, visit, status: failure.status)
        }
        do {
            let client = ClientTrace.client(request, context, page: true)
            let accepted = try await blocking {
                let accepted = try platform.submissions.accept(
                    competition: slug, round: round, team: team, uploads: SubmissionUpload.uploads(form),
                    message: form.fields["message"].flatMap { $0.isEmpty ? nil : $0 }, by: member,
                    card: try CardFields.card(form.fields))
                ClientTrace.record(
                    platform, competition: slug, participantId: member?.id, action: "submit", client: client)
                return accepted
            }
            caches.versions.changed(slug)
            return pages.redirect("/c/\(slug)/\(round)/submit?ok=\(accepted.id)")
        } catch let error as PlatformError {
            let view = try await blocking { try submitView(slug: slug, round: round, team: team, visit.language) }
            let status: HTTPResponse.Status =
                error.code == .invalidSubmission
                ? .unprocessableContent : error.code == .quotaExceeded ? .tooManyRequests : .forbidden
            return pages.render(
                "submit", view.refusedUpload(pages.refusal(error, visit.language)), visit, status: status)
        }
    }

    func select(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let form = try await FormBody.decode(SelectForm.self, from: request)
        let session = try pages.checkedSession(request, csrf: form.csrf)
        guard let team = try await loggedInTeam(session, slug: slug) else {
            return pages.redirect("/login?c=\(PageRenderer.percent(slug))")
        }
        let ids = form.select ?? []
        do {
            try await blocking {
                try platform.submissions.select(competition: slug, round: round, team: team, submissions: ids)
            }
            caches.versions.changed(slug)
        } catch let error as PlatformError {
            let visit = pages.visit(request, competition: await competitionLanguage(slug))
            let view = try await blocking { try submitView(slug: slug, round: round, team: team, visit.language) }
            return pages.render("submit", view.refused(pages.refusal(error, visit.language)), visit, status: .forbidden)
        }
        let saved = ids.map(String.init).joined(separator: ",")
        return pages.redirect("/c/\(slug)/\(round)/submit?saved=\(saved.isEmpty ? "default" : saved)")
    }
}
