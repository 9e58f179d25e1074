import Competitions
import Foundation
import Storage

extension ScoringService {
    /// Rescores every scored or failed submission of `slug` (or of one round) now, against the current
    /// solution files, and returns the public and private rank changes it caused. A code round's submissions
    /// are queued to run again instead (their programs run on the code workers).
    public func rescore(competition slug: String, round only: String? = nil, actor: String = Platform.localActor)
        throws -> (count: Int, changes: [Platform.RankChange])
    {
        let (_, config) = try platform.competition(slug)
        let rounds = try only.map { [try platform.round($0, in: config, slug: slug)] } ?? config.rounds
        var changes: [Platform.RankChange] = []
        var count = 0
        for round in rounds {
            let before = try platform.boards.standings(competition: slug, round: round.id, board: .public)
            let submissions = try store.read {
                try $0.submissions(competition: slug, round: round.id, statuses: [.scored, .failed])
            }
            if round.submissionKind == .code {
                // Programs are run again by the code workers, not here: their jobs go back in the queue.
                try store.write { store in
                    for submission in submissions {
                        try store.requeue(submissionId: submission.id!, kind: .code, at: self.now)
                    }
                }
                platform.workSignal.signal(.code)
            }
            for submission in submissions where round.submissionKind == .files {
                let now = self.now
                do {
                    let result = try score(submission, worker: "rescore")
                    try store.write { store in
                        try store.recordScore(result, submissionId: submission.id!, at: now)
                        if let signal = result.signal { try platform.integrity.save(store, signal) }
                    }
                    count += 1
                } catch {
                    try store.write {
                        try $0.markFailed(
                            submissionId: submission.id!, error: "rescoring failed", detail: "\(error)", at: now)
                    }
                }
            }
            let rescored = submissions.count
            try store.write { store in
                try platform.boards.rebuildPublicStandings(store, slug: slug, config: config, round: round)
                try platform.audit(
                    store, actor: actor, action: "round.rescore", competition: slug, subject: round.id,
                    details: AuditDetails.rescore(submissions: rescored), at: self.now)
            }
            let after = try platform.boards.standings(competition: slug, round: round.id, board: .public)
            let teams = Set(before.map(\.team)).union(after.map(\.team))
            for team in teams.sorted() {
                let old = before.first { $0.team == team }?.rank
                let new = after.first { $0.team == team }?.rank
                if old != new {
                    changes.append(Platform.RankChange(round: round.id, team: team, before: old, after: new))
                }
            }
        }
        return (count, changes)
    }
}
