import Hummingbird
import Platform

/// Where a participant's request came from, for fair play's shared-address signal (kept only hashed).
enum ClientTrace {
    /// The client of a request: its address, and — from a page — its browser's User-Agent.
    static func client(_ request: Request, _ context: PodiumContext, page: Bool) -> IntegrityService.Client {
        IntegrityService.Client(
            address: context.clientAddress, browser: page ? request.headers[.userAgent] ?? "" : nil)
    }

    /// Records `action` by `participantId`; a trace that cannot be written does not undo what the request did.
    static func record(
        _ platform: Platform, competition slug: String, participantId: Int64?, action: String,
        client: IntegrityService.Client
    ) {
        guard let participantId else { return }
        try? platform.integrity.recordAccess(
            competition: slug, participantId: participantId, action: action, client: client)
    }
}
