import Competitions
import Foundation
import Storage

/// What a team's submit page shows of a round, read in one transaction (the page is what a participant
/// refreshes while waiting for a score: one read, not one per part).
public struct TeamRoundView: Sendable {
    /// The competition's config.
    public let config: CompetitionConfig
    /// The round.
    public let round: RoundConfig
    /// The team's quota now.
    public let quota: QuotaStatus
    /// The team's submissions in the round, newest first.
    public let submissions: [SubmissionRecord]
    /// The names of the members who uploaded them, by participant id.
    public let memberNames: [Int64: String]
    /// How the team sees the round's public scores (rounded, hidden during a freeze).
    public let scores: Platform.TeamScoreView
    /// The queue position of each queued submission, by id.
    public let queuePositions: [Int64: Int]
    /// The stage each of its running code submissions is in, by id.
    public let stages: [Int64: String]
}

extension BoardService {
    /// The team's view of round `id` of `slug` (see `TeamRoundView`).
    public func teamRoundView(competition slug: String, round id: String, team: TeamRecord) throws -> TeamRoundView {
        let (_, config) = try platform.competition(slug)
        let round = try platform.round(id, in: config, slug: slug)
        return try store.read { store in
            let submissions = try store.submissions(competition: slug, round: id, teamId: team.id!)
            var positions: [Int64: Int] = [:]
            for submission in submissions where submission.status == .queued {
                positions[submission.id!] = try ScoringQueue.position(of: submission.id!, in: store)
            }
            var stages: [Int64: String] = [:]
            for submission in submissions where submission.status == .scoring && round.submissionKind == .code {
                stages[submission.id!] = try store.job(submissionId: submission.id!)?.stage
            }
            return TeamRoundView(
                config: config, round: round,
                quota: try platform.submissions.quota(store, slug: slug, round: round, team: team),
                submissions: submissions,
                memberNames: try platform.participation.participantNames(store, submissions.compactMap(\.submittedBy)),
                scores: try teamScoreView(store, slug: slug, config: config, round: round, teamId: team.id!),
                queuePositions: positions,
                stages: stages)
        }
    }
}
