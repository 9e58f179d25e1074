import Foundation
import Storage

/// The words of each event, in English or Russian: one plain line for Slack, Discord and Telegram
/// (HTML-escaped there), plus a title.
public enum MessageText {
    /// Title and text of `event` for a competition called `title`, in `language` ("en" or "ru").
    public static func render(_ event: EventRecord, title: String, language: String) -> (title: String, text: String) {
        let data = (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any]) ?? [:]
        let ru = language == "ru"
        func value(_ key: String) -> String {
            guard let item = data[key], !(item is NSNull) else { return "—" }
            // Scores get four decimals; ids, minutes and counts stay whole (on Linux an integer NSNumber
            // also casts to Double, so the key decides, not the cast).
            if key == "score" || key == "public", let number = item as? Double { return String(format: "%.4f", number) }
            if let number = item as? NSNumber, !(item is String) { return number.stringValue }
            return "\(item)"
        }
        let round = value("round")
        switch event.type {
        case .roundOpened:
            return (
                ru ? "Раунд открыт" : "Round open",
                ru
                    ? "Раунд «\(round)» открыт: можно отправлять решения."
                    : "Round \(round) is open: submissions are welcome."
            )
        case .roundClosingSoon:
            return (
                ru ? "Раунд скоро закроется" : "Round closing soon",
                ru
                    ? "Раунд «\(round)» закрывается в \(value("closes")) — осталось \(value("minutes")) мин."
                    : "Round \(round) closes at \(value("closes")) — \(value("minutes")) minutes left."
            )
        case .roundClosed:
            return (
                ru ? "Раунд закрыт" : "Round closed",
                ru
                    ? "Раунд «\(round)» закрыт: решения больше не принимаются."
                    : "Round \(round) is closed: no more submissions."
            )
        case .leaderboardRevealed:
            return (
                ru ? "Приватный лидерборд открыт" : "Private leaderboard revealed",
                ru
                    ? "Открыт приватный лидерборд раунда «\(round)»: итоговые места."
                    : "The private leaderboard of round \(round) is revealed: the final standings."
            )
        case .leaderChanged:
            return (
                ru ? "Новый лидер" : "New leader",
                ru
                    ? "Новый лидер публичного лидерборда раунда «\(round)»: \(value("team")) (\(value("score")))."
                    : "New #1 on the public leaderboard of round \(round): \(value("team")) (\(value("score")))."
            )
        case .teamAdvanced:
            return (
                ru ? "Команда прошла дальше" : "Team advanced",
                ru
                    ? "Команда \(value("team")) проходит из раунда «\(value("from"))» в «\(value("to"))»."
                    : "Team \(value("team")) advances from \(value("from")) to \(value("to"))."
            )
        case .digest:
            let rows = (data["top"] as? [[String: Any]] ?? []).map {
                "\($0["rank"] ?? "")) \($0["team"] ?? "") \(String(format: "%.4f", $0["score"] as? Double ?? 0))"
            }
            return (
                ru ? "Лидерборд дня" : "Daily leaderboard",
                (ru ? "Топ раунда «\(round)»: " : "Top of round \(round): ")
                    + (rows.isEmpty ? "—" : rows.joined(separator: "; "))
            )
        case .submissionScored:
            return (
                ru ? "Решение оценено" : "Submission scored",
                ru
                    ? "Решение \(value("submission")) команды \(value("team")) оценено: \(value("public"))."
                    : "Submission \(value("submission")) of \(value("team")) scored \(value("public"))."
            )
        case .submissionFailed:
            return (
                ru ? "Ошибка оценки" : "Scoring failed",
                ru
                    ? "Решение \(value("submission")) не удалось оценить; попытка не засчитана."
                    : "Submission \(value("submission")) could not be scored; it was not counted."
            )
        case .queueJobFailing:
            return (
                ru ? "Сбой оценки" : "Scoring keeps failing",
                ru
                    ? "Решение \(value("submission")) не оценивается уже \(value("attempts")) раз: \(value("error"))"
                    : "Submission \(value("submission")) failed \(value("attempts")) times: \(value("error"))"
            )
        case .queueStalled:
            return (
                ru ? "Очередь стоит" : "Queue stalled",
                ru
                    ? "Старейшее решение ждёт оценки \(value("minutes")) мин.; в очереди \(value("depth"))."
                    : "The oldest queued submission has waited \(value("minutes")) minutes; \(value("depth")) waiting."
            )
        case .test:
            return (
                ru ? "Проверка" : "Test",
                ru ? "Тестовое сообщение Podium для «\(title)»." : "A test message from Podium for \(title)."
            )
        case .submissionDisqualified:
            return (ru ? "Решение дисквалифицировано" : "Submission disqualified", event.payload)
        case .leaderboardFrozen:
            return (
                ru ? "Рейтинг заморожен" : "Leaderboard frozen",
                ru
                    ? "Открытый рейтинг раунда «\(round)» заморожен до раскрытия итогов: решения по-прежнему принимаются и оцениваются."
                    : "The public board of round \(round) is frozen until the reveal; submissions are still taken and scored."
            )
        case .organiserAction:
            let (actor, action, subject, reason) = (value("actor"), value("action"), value("subject"), value("reason"))
            let text =
                switch (ru, reason == "—") {
                case (true, true): "\(actor): \(action) \(subject)."
                case (true, false): "\(actor): \(action) \(subject). Причина: \(reason)"
                case (false, true): "\(actor): \(action) \(subject)."
                case (false, false): "\(actor): \(action) \(subject). Reason: \(reason)"
                }
            return (ru ? "Действие организатора" : "Organiser action", text)
        }
    }

    /// `text` safe for Telegram's HTML parse mode.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
