import Competitions
import Foundation
import Platform
import Storage

extension PageController {
    /// The submit page of the logged-in `team`, in `language`.
    func submitView(slug: String, round: String, team: TeamRecord, _ language: Language) throws -> SubmitView {
        try submitPageValues(slug: slug, round: round, team: team, language).view
    }

    /// The submit page of the logged-in `team`, in `language`, and when the clock alone changes it (a quota slot
    /// frees).
    func submitPageValues(slug: String, round: String, team: TeamRecord, _ language: Language) throws -> (
        view: SubmitView, staleAt: Date?
    ) {
        let page = try platform.boards.teamRoundView(competition: slug, round: round, team: team)
        let (config, roundConfig, quota, records) = (page.config, page.round, page.quota, page.submissions)
        let tasks = config.tasks(of: roundConfig)
        let members = page.memberNames
        let view = page.scores
        let finalSelections = roundConfig.finalSelections ?? 1
        let quotaText =
            quota.limit.map {
                localizer.text("quota_used_of", language, ["used": String(quota.used), "limit": String($0)])
            } ?? localizer.text("quota_used", language, ["used": String(quota.used)])
        let submitView = SubmitView(
            title: localizer.text("title_submit", language, ["competition": config.title]),
            competitionTitle: config.title, slug: slug, round: round,
            roundName: roundConfig.title ?? round, team: team.name, quotaText: quotaText,
            quotaLeft: quota.limit.map { localizer.plural("quota_left", count: max(0, $0 - quota.used), language) },
            resetsAt: quota.resetsAt.map {
                localizer.text("next_slot", language, ["when": PageRenderer.when($0, language)])
            },
            pickFinal: localizer.plural("pick_final", count: finalSelections, language),
            multiTask: tasks.count > 1,
            fileLabel: roundConfig.submissionKind == .code
                ? localizer.text("code_archive", language)
                : tasks.count > 1
                    ? localizer.text(
                        "prediction_files", language, ["files": tasks.map(\.fileName).joined(separator: ", ")])
                    : localizer.text("prediction_file", language),
            refresh: records.contains { $0.status.isPending },
            submissions: records.map { record -> SubmitView.Submission in
                var status = localizer.text("status_\(record.status.rawValue)", language)
                if record.status == .queued, let position = page.queuePositions[record.id!] {
                    status = localizer.text("status_queued_at", language, ["position": String(position)])
                }
                if record.status == .scoring, let stage = page.stages[record.id!] {
                    status = localizer.text("status_running", language, ["stage": stage])
                }
                if record.status == .failed {
                    status = localizer.text("status_failed", language, ["error": record.error ?? ""])
                }
                return SubmitView.Submission(
                    id: record.id!, submittedAt: TimeText.html(record.createdAt, language),
                    status: record.status.rawValue, statusText: status,
                    by: record.submittedBy.flatMap { members[$0] } ?? "",
                    score: view.scores(record).score.map { config.scoreFormat.string($0) }
                        ?? (record.status == .scored
                            ? localizer.text("score_hidden", language) : config.scoreFormat.string(nil)),
                    held: view.withholds(record) ? localizer.text("ladder_held", language) : nil,
                    message: record.message ?? "", selected: record.selected, scored: record.status == .scored)
            })
        return (submitView, quota.resetsAt)
    }
}
