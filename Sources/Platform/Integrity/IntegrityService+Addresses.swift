import Competitions
import FairPlay
import Foundation
import PodiumAPI
import Storage

/// One person with several accounts: participants of different teams whose requests come from one address —
/// and, on pages, one browser — within the event's window, or whose tokens are used from one address. Addresses
/// are kept only as hashes under a key of the event's own, and both are dropped when its last round is revealed.
extension IntegrityService {
    /// Where a request came from, as the web layer saw it.
    public struct Client: Sendable {
        /// The client's IP address.
        public let address: String
        /// Its User-Agent when it is a browser on a page; nil for a token on the API.
        public let browser: String?

        /// A client.
        public init(address: String, browser: String?) {
            self.address = address
            self.browser = browser
        }
    }

    /// Records that `participantId` of `slug` did `action` (sign_up, submit) from `client`, and opens or extends
    /// a case with each team whose members used the same address (and browser) within the window. Does nothing
    /// once the event's addresses were dropped.
    public func recordAccess(competition slug: String, participantId: Int64, action: String, client: Client) throws {
        let (_, config) = try platform.competition(slug)
        let window = (config.integrity ?? IntegrityConfig()).addressWindow
        let now = self.now
        if try addressesDropped(slug, config: config) { return }
        let round = try currentRound(slug)  // read before the write: a transaction must not open another
        try store.write { store in
            let key =
                try store.integrityKey(competition: slug)
                ?? {
                    try store.saveIntegrityKey(competition: slug, key: AddressHash.newKey())
                    return try store.integrityKey(competition: slug)!
                }()
            guard let participant = try store.participant(id: participantId) else { return }
            let trace = AccessTrace(
                competition: slug, participantId: participantId, teamId: participant.teamId,
                addressHash: AddressHash.hash(client.address, key: key),
                agentHash: client.browser.map { AddressHash.hash($0, key: key) }, action: action, at: now)
            try store.recordAccess(trace)
            try flagSharedAddress(store, trace: trace, teamId: participant.teamId, round: round, window: window)
        }
    }

    /// Opens or extends a case for each other team whose members' traces share the new trace's address (and
    /// browser, when both came from pages) within `window` seconds.
    private func flagSharedAddress(
        _ store: any StoreWriter, trace: AccessTrace, teamId: Int64?, round: String, window: Double
    ) throws {
        guard let teamId else { return }
        let nearby = try store.accessTraces(
            competition: trace.competition, addressHash: trace.addressHash, since: trace.at.addingTimeInterval(-window))
        var byTeam: [Int64: [AccessTrace]] = [:]
        var teams: [Int64: Int64?] = [:]
        for other in nearby where other.participantId != trace.participantId {
            let otherTeam = try teams[other.participantId] ?? store.participant(id: other.participantId)?.teamId
            teams[other.participantId] = otherTeam
            guard let otherTeam, otherTeam != teamId else { continue }
            let sameBrowser = other.agentHash == nil || trace.agentHash == nil || other.agentHash == trace.agentHash
            if sameBrowser { byTeam[otherTeam, default: []].append(other) }
        }
        for (otherTeam, theirs) in byTeam {
            let requests = (theirs + [trace]).sorted { $0.at < $1.at }
            var evidence = IntegrityEvidence(submissions: [], times: requests.map(\.at))
            evidence.requests = requests.count
            evidence.sameBrowser = requests.allSatisfy { $0.agentHash != nil && $0.agentHash == trace.agentHash }
            evidence.actions = requests.map(\.action)
            try store.recordIntegrityCase(
                competition: trace.competition, round: round, kind: .sharedAddress,
                subject: IntegrityCaseRecord.teamsSubject([teamId, otherTeam]), teamIds: [teamId, otherTeam],
                evidence: try Self.json(evidence), at: trace.at)
        }
    }

    /// The round a request belongs to: the one open now, else the last one that opened, else the first.
    func currentRound(_ slug: String) throws -> String {
        let (_, config) = try platform.competition(slug)
        var chosen = config.rounds.first?.id ?? ""
        for round in config.rounds {
            switch try platform.roundState(competition: slug, round: round.id) {
            case .open: return round.id
            case .scheduled: continue
            default: chosen = round.id
            }
        }
        return chosen
    }

    /// Whether the event is over (its last round revealed) and its addresses dropped.
    func addressesDropped(_ slug: String, config: CompetitionConfig) throws -> Bool {
        guard let last = config.rounds.last else { return false }
        return try platform.revealed(competition: slug, round: last.id) != nil
    }
}
