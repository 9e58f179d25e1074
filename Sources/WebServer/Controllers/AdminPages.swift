import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import Notifications
import Platform
import Storage

/// The organiser's page: rounds and their actions, participants waiting for approval, recent submissions with
/// rescore and disqualify (with a reason), the audit log, chat deliveries and events. An organiser logs in with
/// the bootstrap token or a personal one, and every action is recorded under their name.
struct AdminPages: Sendable {
    let platform: Platform
    let auth: Auth
    let pages: PageRenderer

    var localizer: Localizer { pages.localizer }

    func addRoutes(to router: Router<PodiumContext>) {
        router.get("admin", use: adminPage)
        router.post("admin/login", use: adminLogin)
        router.post("admin/action", use: adminAction)
        router.post("admin/approve", use: approve)
    }

    func adminPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let visit = pages.visit(request, anonymous: false)
        let title = localizer.text("title_organiser", visit.language)
        guard case .organiser(let name) = visit.session.owner else {
            return pages.render("admin", AdminView(title: title), visit)
        }
        var view = try await blocking { try adminView(visit.language) }
        view.signedInAs = localizer.text("signed_in_as", visit.language, ["name": name])
        return pages.render("admin", view, visit)
    }

    /// The organiser's page, in `language`.
    func adminView(_ language: Language) throws -> AdminView {
        var view = AdminView(title: localizer.text("title_organiser", language))
        for record in try platform.competitions() {
            let (_, config) = try platform.competition(record.slug)
            var rounds: [AdminView.Round] = []
            for (index, round) in config.rounds.enumerated() {
                let next = index + 1 < config.rounds.count ? config.rounds[index + 1].id : nil
                var actions = ["open", "close", "reveal"].map {
                    AdminView.Action(
                        action: $0, label: localizer.text("action_\($0)", language), slug: record.slug, round: round.id)
                }
                if let next, round.advance != nil {
                    actions.append(
                        .init(
                            action: "advance", label: localizer.text("action_advance", language), slug: record.slug,
                            round: round.id, next: next))
                }
                let state = try platform.roundState(competition: record.slug, round: round.id)
                rounds.append(
                    .init(
                        id: round.id, stateText: localizer.text("state_\(state.rawValue)", language),
                        revealed: try platform.revealed(competition: record.slug, round: round.id) != nil,
                        actions: actions))
            }
            let teams = try platform.participation.teams(competition: record.slug)
            let names = Dictionary(uniqueKeysWithValues: teams.map { ($0.id!, $0.name) })
            let pending = try platform.participation.participants(competition: record.slug).filter {
                $0.status == .pending
            }
            view.competitions.append(
                .init(
                    title: record.title, slug: record.slug, rounds: rounds,
                    teams: teams.map { .init(name: $0.name, baseline: $0.isBaseline) }, hasPending: !pending.isEmpty,
                    pending: pending.map { .init(name: $0.name) },
                    submissions: try platform.boards.recentSubmissions(competition: record.slug).map {
                        .init(
                            id: $0.id!, round: $0.round, team: names[$0.teamId] ?? "?",
                            status: localizer.text(
                                "status_\($0.status.rawValue)", language, ["error": "", "position": "", "stage": ""]),
                            disqualified: $0.disqualified, public: config.scoreFormat.string($0.publicScore),
                            private: config.scoreFormat.string($0.privateScore), detail: $0.errorDetail ?? "",
                            slug: record.slug)
                    }))
        }
        view.audit = try platform.organisers.auditLog(limit: 50).map {
            .init(
                at: TimeText.html($0.at, language), actor: $0.actor, action: $0.action,
                competition: $0.competition ?? "", subject: $0.subject, reason: $0.reason ?? "")
        }
        view.events = try platform.organisers.events(limit: 50).map {
            .init(
                id: $0.id!, competition: $0.competition, type: $0.type.rawValue,
                at: TimeText.html($0.createdAt, language), data: $0.payload)
        }
        view.deliveries = try Outbox(store: platform.store).recent(limit: 50).map {
            .init(
                event: $0.eventId, target: $0.target, state: $0.state.rawValue, attempts: $0.attempts,
                response: "\($0.lastStatus ?? 0) \($0.lastResponse ?? "")")
        }
        return view
    }

    func adminLogin(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request)
        let old = try pages.checkedSession(request, csrf: form.csrf)
        let token = form.token ?? ""
        guard let name = try await blocking({ try auth.organiser(token: token) }) else {
            let visit = pages.visit(request)
            var view = AdminView(title: localizer.text("title_organiser", visit.language))
            view.problem = localizer.text("wrong_organiser_token", visit.language)
            return pages.render("admin", view, visit, session: old, status: .unauthorized)
        }
        return pages.redirect("/admin", session: pages.sessions.create(.organiser(name: name)))
    }

    /// The organiser's name of a POST's session, or 403.
    func organiser(_ session: Sessions.Session) throws -> String {
        guard case .organiser(let name) = session.owner else { throw HTTPError(.forbidden, message: "organisers only") }
        return name
    }

    func adminAction(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(AdminActionForm.self, from: request)
        let session = try pages.checkedSession(request, csrf: form.csrf)
        let actor = try organiser(session)
        let (action, slug, round) = (form.action ?? "", form.c ?? "", form.round ?? "")
        let (next, id, reason) = (form.to ?? "", form.id ?? -1, FormBody.reason(form.reason))
        return try await acting(request) {
            switch action {
            case "open", "close", "reveal":
                _ = try platform.organisers.act(action, competition: slug, round: round, actor: actor, reason: reason)
            case "advance": _ = try platform.organisers.advance(competition: slug, from: round, to: next, actor: actor)
            case "rescore": try platform.organisers.requeue(submission: id, actor: actor, reason: reason)
            case "disqualify": try platform.organisers.disqualify(submission: id, actor: actor, reason: reason)
            default: throw PlatformError(.notFound, "unknown action")
            }
        }
    }

    func approve(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(ApproveForm.self, from: request)
        let session = try pages.checkedSession(request, csrf: form.csrf)
        let actor = try organiser(session)
        return try await acting(request) {
            _ = try platform.organisers.approve(competition: form.c ?? "", participant: form.name ?? "", actor: actor)
        }
    }

    /// Runs an organiser's action, then back to the page; a refusal is shown on it.
    func acting(_ request: Request, _ body: @escaping @Sendable () throws -> Void) async throws -> Response {
        do {
            try await blocking(body)
        } catch let error as PlatformError {
            let visit = pages.visit(request)
            let view = try await blocking { try adminView(visit.language) }
            return pages.render(
                "admin", view.refused(pages.refusal(error, visit.language)), visit, status: JSON.status(of: error.code))
        }
        return pages.redirect("/admin")
    }
}
