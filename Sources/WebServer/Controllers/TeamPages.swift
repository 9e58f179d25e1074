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
            [
                "title": heading, "heading": heading, "slug": slug,
                "rules": Markdown.html(Markdown.droppingTitle(markdown)),
                "signUp": config.registrationMode != .closed,
            ], visit)
    }

    /// GET /c/{slug}/signup — the form (or, with registration closed, why there is none).
    func signUpPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let config = try await competition(slug)
        let visit = pages.visit(request, anonymous: false, competition: config.language)
        var values = signUpValues(config, slug: slug, visit.language)
        if config.registrationMode == .closed {
            values.merge(pages.refusal(PlatformError(.registrationClosed, "registration: closed"), visit.language)) {
                $1
            }
            return pages.render("signup", values, visit, status: .forbidden)
        }
        return pages.render("signup", values, visit)
    }

    func signUpValues(_ config: CompetitionConfig, slug: String, _ language: Language) -> [String: Any] {
        let heading = localizer.text("title_sign_up", language, ["competition": config.title])
        var values: [String: Any] = [
            "title": heading, "heading": heading, "slug": slug, "open": config.registrationMode != .closed,
        ]
        guard config.registrationMode != .closed else { return values }
        values["registration"] = localizer.text(
            config.registrationMode == .open ? "registration_open" : "registration_approval", language)
        values["teamSize"] = localizer.plural("team_size", count: config.teamSizeLimit, language)
        values["rules"] = PageRenderer.orNull(config.rules.map { URL(fileURLWithPath: $0).lastPathComponent })
        return values
    }

    /// POST /c/{slug}/signup — signs up, logs the participant in and shows their token once.
    func signUp(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let form = try await FormBody.decode(SignUpForm.self, from: request)
        _ = try pages.checkedSession(request, csrf: form.csrf)
        let config = try await competition(slug)
        let visit = pages.visit(request, competition: config.language)
        var values = signUpValues(config, slug: slug, visit.language)
        do {
            let (participant, token) = try await blocking {
                try platform.signUp(
                    competition: slug, name: FormBody.typed(form.name), acceptRules: form.acceptRules == "true")
            }
            // Logged in at once, with a new session (no fixation).
            let session = pages.sessions.create(
                .participant(competition: slug, id: participant.id!, name: participant.name))
            values["token"] = token
            values["pending"] = participant.status == .pending
            return pages.render("signup", values, visit, session: session, status: .created)
        } catch let error as PlatformError {
            values.merge(pages.refusal(error, visit.language)) { $1 }
            return pages.render("signup", values, visit, status: JSON.status(of: error.code))
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
        var values = try await blocking { try teamValues(participant, config: config, slug: slug, visit.language) }
        values["invite"] = request.uri.queryParameters["invite"].map(String.init) ?? ""
        // The link to send a teammate, whole: the address this page was asked for.
        if let link = values["inviteLink"] as? String, let host = request.head.authority {
            values["inviteLink"] = "\(pages.configuration.secureCookies ? "https" : "http")://\(host)\(link)"
        }
        return pages.render("team", values, visit)
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
        do {
            try await blocking {
                switch action {
                case "create":
                    _ = try platform.createTeam(
                        competition: slug, participant: participant, name: FormBody.typed(form.name))
                case "join":
                    _ = try platform.joinTeam(competition: slug, participant: participant, inviteCode: form.code ?? "")
                case "leave": try platform.leaveTeam(competition: slug, participant: participant)
                case "remove":
                    try platform.removeMember(competition: slug, captain: participant, member: form.member ?? "")
                case "invite": _ = try platform.rotateInvite(competition: slug, captain: participant)
                case "merge":
                    _ = try platform.requestMerge(
                        competition: slug, captain: participant, into: FormBody.typed(form.into))
                case "merge-answer":
                    try platform.answerMerge(
                        competition: slug, captain: participant, request: form.id ?? -1, accept: form.answer == "accept"
                    )
                default: throw PlatformError(.notFound, "no team action \(action)")
                }
            }
        } catch let error as PlatformError {
            let visit = pages.visit(request, competition: config.language)
            let current = try await blocking { try platform.participant(id: participant.id!) } ?? participant
            var values = try await blocking { try teamValues(current, config: config, slug: slug, visit.language) }
            values.merge(pages.refusal(error, visit.language)) { $1 }
            values["invite"] = form.code ?? ""
            return pages.render("team", values, visit, status: JSON.status(of: error.code))
        }
        return pages.redirect("/c/\(slug)/team")
    }

    /// The logged-in participant of `slug` as stored now, or nil.
    func member(_ session: Sessions.Session, slug: String) async throws -> ParticipantRecord? {
        guard case .participant(let competition, let id, _) = session.owner, competition == slug else { return nil }
        return try await blocking { try platform.participant(id: id) }
    }

    /// The team page's values for `participant`, in `language`.
    func teamValues(_ participant: ParticipantRecord, config: CompetitionConfig, slug: String, _ language: Language)
        throws -> [String: Any]
    {
        let heading = localizer.text("title_team", language, ["competition": config.title])
        var values: [String: Any] = ["title": heading, "heading": heading, "slug": slug, "inTeam": false]
        guard participant.teamId != nil else { return values }
        let view = try platform.teamView(of: participant)
        let isCaptain = view.team.captainId == participant.id
        values["inTeam"] = true
        values["teamName"] = view.team.name
        values["isCaptain"] = isCaptain
        values["membersText"] = localizer.plural(
            "team_members", count: view.members.count, language, ["max": String(config.teamSizeLimit)])
        values["members"] = view.members.map { member -> [String: Any] in
            [
                "name": member.name, "captain": member.id == view.team.captainId,
                "pending": member.status == .pending, "removable": isCaptain && member.id != participant.id,
            ]
        }
        values["inviteLink"] = PageRenderer.orNull(view.inviteCode.map { "/c/\(slug)/team?invite=\($0)" })
        values["merges"] = view.merges.map { merge -> [String: Any] in
            let incoming = merge.request.intoTeam == view.team.id
            return [
                "id": merge.request.id!, "incoming": incoming, "canAnswer": isCaptain,
                "text": localizer.text(incoming ? "merge_in" : "merge_out", language, ["team": merge.otherTeam]),
            ]
        }
        values["mergeHint"] =
            config.mergeDeadline.map {
                localizer.text("merge_hint", language, ["deadline": TimeText.absolute($0, language)])
            } ?? localizer.text("merge_hint_open", language)
        return values
    }
}
