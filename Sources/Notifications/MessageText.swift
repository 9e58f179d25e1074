import Foundation
import Storage

/// The words of each event, in English or Russian: one plain line for Slack, Discord and Telegram
/// (HTML-escaped there), plus a title.
public enum MessageText {
    /// Title and text of `event` for a competition called `title`, in `language` ("en" or "ru").
    public static func render(_ record: EventRecord, title: String, language: String) -> (title: String, text: String) {
        let ru = language == "ru"
        guard let event = record.event else {
            return (ru ? "Событие" : "Event", "\(record.type.rawValue): \(record.payload)")
        }
        switch event {
        case .roundOpened(let change):
            return (
                ru ? "Раунд открыт" : "Round open",
                ru
                    ? "Раунд «\(change.round)» открыт: можно отправлять решения."
                    : "Round \(change.round) is open: submissions are welcome."
            )
        case .roundClosingSoon(let soon):
            return (
                ru ? "Раунд скоро закроется" : "Round closing soon",
                ru
                    ? "Раунд «\(soon.round)» закрывается в \(soon.closes) — осталось \(soon.minutes) мин."
                    : "Round \(soon.round) closes at \(soon.closes) — \(soon.minutes) minutes left."
            )
        case .roundClosed(let change):
            return (
                ru ? "Раунд закрыт" : "Round closed",
                ru
                    ? "Раунд «\(change.round)» закрыт: решения больше не принимаются."
                    : "Round \(change.round) is closed: no more submissions."
            )
        case .leaderboardRevealed(let change):
            return (
                ru ? "Приватный лидерборд открыт" : "Private leaderboard revealed",
                ru
                    ? "Открыт приватный лидерборд раунда «\(change.round)»: итоговые места."
                    : "The private leaderboard of round \(change.round) is revealed: the final standings."
            )
        case .leaderChanged(let change):
            let (round, team, score) = (change.round, change.team, score(change.score))
            return (
                ru ? "Новый лидер" : "New leader",
                ru
                    ? "Новый лидер публичного лидерборда раунда «\(round)»: \(team) (\(score))."
                    : "New #1 on the public leaderboard of round \(round): \(team) (\(score))."
            )
        case .teamAdvanced(let advancement):
            let (team, from, to) = (advancement.team, advancement.from, advancement.to)
            return (
                ru ? "Команда прошла дальше" : "Team advanced",
                ru
                    ? "Команда \(team) проходит из раунда «\(from)» в «\(to)»."
                    : "Team \(team) advances from \(from) to \(to)."
            )
        case .digest(let digest):
            let rows = digest.top.map { "\($0.rank)) \($0.team) \(score($0.score))" }
            return (
                ru ? "Лидерборд дня" : "Daily leaderboard",
                (ru ? "Топ раунда «\(digest.round)»: " : "Top of round \(digest.round): ")
                    + (rows.isEmpty ? "—" : rows.joined(separator: "; "))
            )
        case .submissionScored(let scored):
            let shown = scored.public.map(score) ?? "—"
            return (
                ru ? "Решение оценено" : "Submission scored",
                ru
                    ? "Решение \(scored.submission) команды \(scored.team) оценено: \(shown)."
                    : "Submission \(scored.submission) of \(scored.team) scored \(shown)."
            )
        case .submissionFailed(let failed):
            return (
                ru ? "Ошибка оценки" : "Scoring failed",
                ru
                    ? "Решение \(failed.submission) не удалось оценить; попытка не засчитана."
                    : "Submission \(failed.submission) could not be scored; it was not counted."
            )
        case .queueJobFailing(let job):
            return (
                ru ? "Сбой оценки" : "Scoring keeps failing",
                ru
                    ? "Решение \(job.submission) не оценивается уже \(job.attempts) раз: \(job.error)"
                    : "Submission \(job.submission) failed \(job.attempts) times: \(job.error)"
            )
        case .queueStalled(let stalled):
            return (
                ru ? "Очередь стоит" : "Queue stalled",
                ru
                    ? "Старейшее решение ждёт оценки \(stalled.minutes) мин.; в очереди \(stalled.depth)."
                    : "The oldest queued submission has waited \(stalled.minutes) minutes; \(stalled.depth) waiting."
            )
        case .test:
            return (
                ru ? "Проверка" : "Test",
                ru ? "Тестовое сообщение Podium для «\(title)»." : "A test message from Podium for \(title)."
            )
        case .submissionDisqualified:
            return (ru ? "Решение дисквалифицировано" : "Submission disqualified", record.payload)
        case .leaderboardFrozen(let frozen):
            return (
                ru ? "Рейтинг заморожен" : "Leaderboard frozen",
                ru
                    ? "Открытый рейтинг раунда «\(frozen.round)» заморожен до раскрытия итогов: решения по-прежнему принимаются и оцениваются."
                    : "The public board of round \(frozen.round) is frozen until the reveal; submissions are still taken and scored."
            )
        case .organiserAction(let action):
            let said = "\(action.actor): \(action.action) \(action.subject)."
            guard let reason = action.reason else { return (ru ? "Действие организатора" : "Organiser action", said) }
            return (
                ru ? "Действие организатора" : "Organiser action",
                ru ? "\(said) Причина: \(reason)" : "\(said) Reason: \(reason)"
            )
        case .selectionChanged(let selection):
            let ids = selection.submissions.map(String.init).joined(separator: ", ")
            return (
                ru ? "Выбор изменён" : "Selection changed",
                ru
                    ? "Команда \(selection.team) выбрала для раунда «\(selection.round)»: \(ids.isEmpty ? "ничего" : ids)."
                    : "\(selection.team)'s final selection for round \(selection.round): \(ids.isEmpty ? "none" : ids)."
            )
        case .teamsOvertaken(let passing):
            let names = passing.overtaken.joined(separator: ", ")
            return (
                ru ? "Вас обошли" : "Overtaken",
                ru
                    ? "\(passing.team) обошла в открытом рейтинге раунда «\(passing.round)»: \(names) (\(score(passing.score)))."
                    : "\(passing.team) passed \(names) on the public board of round \(passing.round) (\(score(passing.score)))."
            )
        }
    }

    /// A score as chat shows it: four decimals.
    private static func score(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `text` safe for Telegram's HTML parse mode.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
