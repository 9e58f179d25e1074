import Competitions
import Foundation
import PodiumAPI
import Storage
import Tabular

extension SubmissionService {
    /// A submission as its team sees it, or — `organiser` — with the team, the Private score and the full
    /// failure.
    /// `view`: the team's view of the round's public scores, when the caller has it for several submissions.
    public func submissionResource(_ record: SubmissionRecord, organiser: Bool, view: Platform.TeamScoreView? = nil)
        throws
        -> SubmissionResource
    {
        let config = try platform.competition(record.competition).config
        // A team sees its public scores as the board shows them (rounded to public_precision; hidden during a
        // freeze with freeze_own: hide); organisers see them exact.
        let teamView =
            organiser
            ? nil
            : try view
                ?? platform.boards.teamScoreView(
                    competition: record.competition, round: record.round, teamId: record.teamId)
        let (score, tasks) = teamView?.scores(record) ?? (record.publicScore, record.publicTaskScores)
        // A Ladder that held a submission's score back holds back its slices and layers too.
        let withheld = teamView?.withholds(record) ?? false
        let job = record.status == .scoring ? try store.read { try $0.job(submissionId: record.id!) } : nil
        let sheet = ScoreSheet(stored: record.scores)
        return SubmissionResource(
            id: record.id!, round: record.round, status: record.status.rawValue,
            queuePosition: record.status == .queued ? try platform.queue.position(of: record.id!) : nil,
            submittedAt: record.createdAt, message: record.message, publicScore: score, tasks: tasks,
            selected: record.selected, error: record.error, scoredAt: record.scoredAt,
            displayPrecision: config.scoreFormat.decimals,
            team: organiser ? try store.read { try $0.team(id: record.teamId)?.name } : nil,
            privateScore: organiser ? record.privateScore : nil, errorDetail: organiser ? record.errorDetail : nil,
            disqualified: record.disqualified,
            submittedBy: try record.submittedBy.flatMap { id in try store.read { try $0.participant(id: id)?.name } },
            measurements: sheet?.measurements, stage: job?.stage, startedAt: job?.claimedAt,
            slices: try sheet?.slices.flatMap { slices in
                try !withheld && showsSlices(record, config: config, organiser: organiser) ? slices : nil
            },
            layers: try sheet?.layers.flatMap { layers in
                if organiser { return layers }
                // As the team sees its public scores: rounded as the board rounds them, hidden while they are.
                guard score != nil, !withheld else { return nil }
                let round = try platform.round(record.round, in: config, slug: record.competition)
                return layers.mapValues { scores in
                    LayerScores(
                        layer: scores.layer, public: scores.public.map { $0.map(round.publicValue) }, private: nil)
                }
            }, ladderHeld: teamView?.isOnLadder(record) == true ? withheld : nil)
    }

    /// Whether a reader sees the slice scores of `record`'s round now (its `slices_visibility`); the reveal is read
    /// only when the answer depends on it.
    func showsSlices(_ record: SubmissionRecord, config: CompetitionConfig, organiser: Bool) throws -> Bool {
        let visibility = try platform.round(record.round, in: config, slug: record.competition).sliceVisibility
        let asksReveal = visibility == .afterReveal && !organiser
        let revealed = try asksReveal && platform.revealed(competition: record.competition, round: record.round) != nil
        return visibility.shows(organiser: organiser, revealed: revealed)
    }
}
