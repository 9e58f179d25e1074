import Foundation
import Hummingbird
import Platform
import PodiumAPI
import Storage

/// Fair play for organisers: a round's cases with their evidence, and a decision on one.
extension APIController {
    func addIntegrityRoutes(to api: RouterGroup<PodiumContext>) {
        api.get("competitions/:slug/rounds/:round/integrity", use: integrityReport)
        api.post("competitions/:slug/rounds/:round/integrity/:case", use: integrityDecision)
    }

    /// GET /api/v1/competitions/{slug}/rounds/{round}/integrity — organisers.
    func integrityReport(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        try auth.requireOrganiser(request)
        return try await run { JSON.response(try platform.integrity.report(competition: slug, round: round)) }
    }

    /// POST /api/v1/competitions/{slug}/rounds/{round}/integrity/{case} with {"state": "cleared"|"upheld",
    /// "reason", "disqualify": "none"|"submissions"|"teams"} — organisers.
    func integrityDecision(_ request: Request, context: PodiumContext) async throws -> Response {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let id = try context.parameters.require("case", as: Int64.self)
        let actor = try auth.requireOrganiser(request)
        let body = try await Self.body(
            IntegrityDecisionRequest.self, request, context, empty: IntegrityDecisionRequest(state: "", reason: nil))
        return try await run {
            let (state, disqualify) = try IntegrityService.decision(body.state, body.disqualify)
            return JSON.response(
                try platform.integrity.decide(
                    competition: slug, round: round, case: id, state: state, reason: body.reason,
                    disqualify: disqualify, actor: actor))
        }
    }
}
