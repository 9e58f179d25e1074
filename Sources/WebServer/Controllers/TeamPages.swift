import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import Platform
import Storage

/// The participant's pages: signing up for a competition, and their team — founding or joining one, its members
/// and invite link, leaving, removing members, merges. Every rule lives in `Platform`; a refusal re-renders the
/// page with a sentence in the visitor's language and the platform's precise message.
struct TeamPages: Sendable {
    let platform: Platform
    let pages: PageRenderer

    var localizer: Localizer { pages.localizer }

    func addRoutes(to router: Router<PodiumContext>) {
        router.get("c/:slug/rules", use: rulesPage)
        router.get("c/:slug/signup", use: signUpPage)
        router.post("c/:slug/signup", use: signUp)
        router.get("c/:slug/team", use: teamPage)
        router.post("c/:slug/team/:action", use: teamAction)
    }

    func competition(_ slug: String) async throws -> CompetitionConfig {
        do {
            return try await blocking { try platform.competition(slug).config }
        } catch let error as PlatformError where error.code == .notFound {
            throw HTTPError(.notFound, message: error.message)
        }
    }

    /// GET /c/{slug}/rules — the competition's rules, which a participant accepts when signing up.
    func rulesPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let config = try await competition(slug)
        let visit = pages.visit(request, competition: config.language)
        guard let rules = config.rules else { throw HTTPError(.notFound, message: "\(slug) has no rules") }
        let markdown = try await blocking { () -> String in
            let folder = try platform.competition(slug).record.folder
            return (try? String(contentsOfFile: "\(folder)/\(rules)", encoding: .utf8)) ?? ""
        }
        let heading = localizer.text("title_rules", visit.language, ["competition": config.title])
        return pages.render(
            "rules",
            RulesView(
                title: heading, heading: heading, slug: slug, rules: Markdown.html(Markdown.droppingTitle(markdown)),
                signUp: config.registrationMode != .closed), visit)
    }

    /// GET /c/{slug}/signup — the form (or, with registration closed, why there is none).
    func signUpPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let config = try await competition(slug)
        let visit = pages.visit(request, anonymous: false, competition: config.language)
        let view = signUpView(config, slug: slug, visit.language)
        if config.registrationMode == .closed {
            let refusal = pages.refusal(PlatformError(.registrationClosed, "registration: closed"), visit.language)
            return pages.render("signup", view.refused(refusal), visit, status: .forbidden)
        }
        return pages.render("signup", view, visit)
    }

    func signUpView(_ config: CompetitionConfig, slug: String, _ language: Language) -> SignUpView {
        let heading = localizer.text("title_sign_up", language, ["competition": config.title])
        let registration = pages.registration(config, language)
        return SignUpView(
            title: heading, heading: heading, slug: slug, open: registration != nil,
            registration: registration?.registration, teamSize: registration?.teamSize, rules: registration?.rules)
    }

    /// POST /c/{slug}/signup — signs up, logs the participant in and shows their token once.
    func signUp(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let form = try await FormBody.decode(SignUpForm.self, from: request)
        _ = try pages.checkedSession(request, csrf: form.csrf)
        let config = try await competition(slug)
        let visit = pages.visit(request, competition: config.language)
        var view = signUpView(config, slug: slug, visit.language)
        do {
            let client = ClientTrace.client(request, context, page: true)
            let (participant, token) = try await blocking {
                let signedUp = try platform.participation.signUp(
                    competition: slug, name: FormBody.typed(form.name), acceptRules: form.acceptRules == "true")
                ClientTrace.record(
                    platform, competition: slug, participantId: signedUp.0.id, action: "sign_up", client: client)
                return signedUp
            }
            // Logged in at once, with a new session (no fixation).
            let session = pages.sessions.create(
                .participant(competition: slug, id: participant.id!, name: participant.name))
            view.token = token
            view.pending = participant.status == .pending
            return pages.render("signup", view, visit, session: session, status: .created)
        } catch let error as PlatformError {
            return pages.render(
                "signup", view.refused(pages.refusal(error, visit.language)), visit, status: JSON.status(of: error.code)
            )
        }
    }

    /// GET /c/{slug}/team[?invite=CODE] — the logged-in participant's team, or the forms to found or join one.
    func teamPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let config = try await competition(slug)
        let visit = pages.visit(request, anonymous: false, competition: config.language)
        guard let participant = try await member(visit.session, slug: slug) else {
            return pages.redirect("/login?c=\(PageRenderer.percent(slug))", session: visit.session)
        }
        var view = try await blocking { try teamView(participant, config: config, slug: slug, visit.language) }
        view.invite = request.uri.queryParameters["invite"].map(String.init) ?? ""
        // The link to send a teammate, whole: the address this page was asked for.
        if let link = view.inviteLink, let host = request.head.authority {
            view.inviteLink = "\(pages.configuration.secureCookies ? "https" : "http")://\(host)\(link)"
        }
        return pages.render("team", view, visit)
    }

    /// POST /c/{slug}/team/{create|join|leave|remove|invite|merge|merge-answer}.
    func teamAction(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let action = try context.parameters.require("action")
        let form = try await FormBody.decode(TeamForm.self, from: request)
        let session = try pages.checkedSession(request, csrf: form.csrf)
        guard let participant = try await member(session, slug: slug) else {
            return pages.redirect("/login?c=\(PageRenderer.percent(slug))")
        }
        let config = try await competition(slug)
        if action == "chat-code" {
            let visit = pages.visit(request, competition: config.language)
            var view = try await blocking { try teamView(participant, config: config, slug: slug, visit.language) }
            view.chatCode = try await blocking { try platform.chat.linkCode(for: participant).code }
            return pages.render("team", view, visit)
        }
        do {
            try await blocking {
                switch action {
                case "chat-unlink": try platform.chat.unlinkAll(participant)
                case "alerts":
                    try platform.chat.setAlerts(Set((form.alerts ?? []).compactMap(AlertKind.init)), for: participant)
                case "create":
                    _ = try platform.participation.createTeam(
                        competition: slug, participant: participant, name: FormBody.typed(form.name))
                case "join":
                    _ = try platform.participation.joinTeam(
                        competition: slug, participant: participant, inviteCode: form.code ?? "")
                case "leave": try platform.participation.leaveTeam(competition: slug, participant: participant)
                case "remove":
                    try platform.participation.removeMember(
                        competition: slug, captain: participant, member: form.member ?? "")
                case "invite": _ = try platform.participation.rotateInvite(competition: slug, captain: participant)
                case "merge":
                    _ = try platform.participation.requestMerge(
                        competition: slug, captain: participant, into: FormBody.typed(form.into))
                case "merge-answer":
                    try platform.participation.answerMerge(
                        competition: slug, captain: participant, request: form.id ?? -1, accept: form.answer == "accept"
                    )
                default: throw PlatformError(.notFound, "no team action \(action)")
                }
            }
        } catch let error as PlatformError {
            let visit = pages.visit(request, competition: config.language)
            let current =
                try await blocking { try platform.participation.participant(id: participant.id!) } ?? participant
            var view = try await blocking { try teamView(current, config: config, slug: slug, visit.language) }
            view.invite = form.code ?? ""
            return pages.render(
                "team", view.refused(pages.refusal(error, visit.language)), visit, status: JSON.status(of: error.code))
        }
        return pages.redirect("/c/\(slug)/team")
    }

    /// The logged-in participant of `slug` as stored now, or nil.
    func member(_ session: Sessions.Session, slug: String) async throws -> ParticipantRecord? {
        guard case .participant(let competition, let id, _) = session.owner, competition == slug else { return nil }
        return try await blocking { try platform.participation.participant(id: id) }
    }

    /// The team page of `participant`, in `language`.
    func teamView(_ participant: ParticipantRecord, config: CompetitionConfig, slug: String, _ language: Language)
        throws -> TeamView
    {
        let heading = localizer.text("title_team", language, ["competition": config.title])
        var page = TeamView(title: heading, heading: heading, slug: slug)
        let links = try platform.chat.links(of: participant).map(\.transport)
        page.chatLinks = links.isEmpty ? nil : Array(Set(links)).sorted().joined(separator: ", ")
        let chosen = try platform.chat.alerts(of: participant)
        page.alerts = AlertKind.allCases.map { kind in
            .init(
                kind: kind.rawValue, label: localizer.text("alert_\(kind.rawValue)", language),
                chosen: chosen.contains(kind))
        }
        guard participant.teamId != nil else { return page }
        let team = try platform.participation.teamView(of: participant)
        let isCaptain = team.team.captainId == participant.id
        page.inTeam = true
        page.teamName = team.team.name
        page.isCaptain = isCaptain
        page.membersText = localizer.plural(
            "team_members", count: team.members.count, language, ["max": String(config.teamSizeLimit)])
        page.members = team.members.map { member in
            .init(
                name: member.name, captain: member.id == team.team.captainId, pending: member.status == .pending,
                removable: isCaptain && member.id != participant.id)
        }
        page.inviteLink = team.inviteCode.map { "/c/\(slug)/team?invite=\($0)" }
        page.merges = team.merges.map { merge in
            let incoming = merge.request.intoTeam == team.team.id
            return .init(
                id: merge.request.id!, incoming: incoming, canAnswer: isCaptain,
                text: localizer.text(incoming ? "merge_in" : "merge_out", language, ["team": merge.otherTeam]))
        }
        page.mergeHint =
            config.mergeDeadline.map {
                localizer.text("merge_hint", language, ["deadline": TimeText.absolute($0, language)])
            } ?? localizer.text("merge_hint_open", language)
        return page
    }
}
