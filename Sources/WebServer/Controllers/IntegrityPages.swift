import Competitions
import Foundation
import Hummingbird
import Platform
import PodiumAPI
import Storage

/// The organisers' fair-play review: a round's cases with their evidence, each cleared or upheld with a reason.
struct IntegrityPages: Sendable {
    let platform: Platform
    let pages: PageRenderer

    var localizer: Localizer { pages.localizer }

    func addRoutes(to router: Router<PodiumContext>) {
        router.get("admin/integrity/:slug/:round", use: reviewPage)
        router.post("admin/integrity", use: decide)
    }

    /// GET /admin/integrity/{slug}/{round}.
    func reviewPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let visit = pages.visit(request, anonymous: false)
        guard case .organiser = visit.session.owner else { return pages.redirect("/admin") }
        let view = try await blocking { try reviewView(slug: slug, round: round, visit.language) }
        return pages.render("integrity", view, visit)
    }

    /// POST /admin/integrity: a decision on a case, then back to the round's review.
    func decide(_ request: Request, context: PodiumContext) async throws -> Response {
        let form = try await FormBody.decode(IntegrityForm.self, from: request)
        let session = try pages.checkedSession(request, csrf: form.csrf)
        guard case .organiser(let actor) = session.owner else {
            throw HTTPError(.forbidden, message: "organisers only")
        }
        let (slug, round) = (form.c ?? "", form.round ?? "")
        do {
            try await blocking {
                let (state, disqualify) = try IntegrityService.decision(form.state ?? "", form.disqualify)
                _ = try platform.integrity.decide(
                    competition: slug, round: round, case: form.case ?? -1, state: state,
                    reason: FormBody.reason(form.reason), disqualify: disqualify, actor: actor)
            }
        } catch let error as PlatformError {
            let visit = pages.visit(request)
            let view = try await blocking { try reviewView(slug: slug, round: round, visit.language) }
            return pages.render(
                "integrity", view.refused(pages.refusal(error, visit.language)), visit,
                status: JSON.status(of: error.code))
        }
        return pages.redirect("/admin/integrity/\(PageRenderer.percent(slug))/\(PageRenderer.percent(round))")
    }

    /// The review of round `round` of `slug`, in `language`.
    func reviewView(slug: String, round: String, _ language: Language) throws -> IntegrityView {
        let report = try platform.integrity.report(competition: slug, round: round)
        let format = try platform.competition(slug).config.scoreFormat
        var view = IntegrityView(
            title: localizer.text("integrity_title", language), slug: slug, round: round,
            thresholds: localizer.text(
                "integrity_thresholds", language,
                [
                    "kappa": String(report.sharedPredictions), "share": String(report.nearIdentical),
                    "count": String(report.probingSubmissions), "minutes": String(report.addressWindowMinutes),
                ]),
            ladder: report.publicBoard == "ladder", addressesKept: report.addressesKept)
        view.cases = report.cases.map { item in
            IntegrityView.Case(
                id: item.id, kindText: localizer.text("integrity_kind_\(item.kind)", language),
                teams: item.teams.joined(separator: " · "),
                evidence: item.evidence.lines(decimals: format.decimals),
                submissions: item.evidence.times.enumerated().map { index, time in
                    let id = index < item.evidence.submissions.count ? "#\(item.evidence.submissions[index])" : ""
                    return .init(label: id, at: TimeText.html(time, language))
                },
                stateText: localizer.text("integrity_state_\(item.state)", language),
                decision: [item.decidedBy, item.reason].compactMap { $0 }.joined(separator: ": "))
        }
        view.hasCases = !view.cases.isEmpty
        return view
    }
}
