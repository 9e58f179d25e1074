import Competitions
import NIOCore
import Platform

/// What the pages keep between requests, by typed keys, each value validated by its competition's version
/// (`CompetitionVersions`): a competition page's view, the round a team's link leads to, a visitor's team name,
/// and whole pages a logged-in visitor refreshes.
struct PageCaches: Sendable {
    /// A competition's page in one language.
    struct CompetitionPage: Hashable, Sendable {
        let slug: String
        let language: Language
    }

    /// Who a session is in a competition: a team, or a participant (whose team may change).
    struct Visitor: Hashable, Sendable {
        let slug: String
        let team: Int64?
        let participant: Int64?
    }

    /// A whole page as one visitor sees it: everything it depends on but the store (the session, so the CSRF token
    /// in its forms; the language; the address of the other language).
    struct RenderedPage: Hashable, Sendable {
        enum Kind: Hashable, Sendable {
            case competition
            case submit(round: String)
        }

        let slug: String
        let kind: Kind
        let language: Language
        let session: String
        let switchLink: String
    }

    let versions: CompetitionVersions
    let competitionViews = VersionedCache<CompetitionPage, CompetitionVersion, CompetitionView>(capacity: 1_000)
    let latestRounds = VersionedCache<String, CompetitionVersion, String>(capacity: 1_000)
    let teamNames = VersionedCache<Visitor, CompetitionVersion, String?>(capacity: 10_000)
    let pages = VersionedCache<RenderedPage, CompetitionVersion, ByteBuffer>(capacity: 2_000)
}
