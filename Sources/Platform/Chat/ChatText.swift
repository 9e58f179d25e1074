import Competitions
import Foundation
import Storage

/// What the chat bot says, in English or Russian: one function per answer, both languages side by side.
struct ChatText {
    /// Whether to answer in Russian.
    let russian: Bool

    private func say(_ english: String, _ russian: String) -> String { self.russian ? russian : english }

    func help(linked: Bool) -> String {
        let commands = say(
            """
            /top [N] — the public board's first N rows
            /rank — your team on the public board
            /last — your team's last submission
            /status ID — one of your team's submissions
            /quota — your team's submissions left
            /rounds — the rounds and the time left
            /link CODE — link this chat account to you (the code is on your team page)
            /unlink — remove the link
            /alerts scored failed rounds selection overtaken — be told in a direct message (all, off)
            """,
            """
            /топ [N] — первые N строк публичной таблицы
            /место — ваша команда в публичной таблице
            /последняя — последняя посылка команды
            /статус ID — одна из посылок команды
            /квота — сколько посылок осталось
            /раунды — раунды и оставшееся время
            /привязать КОД — привязать этот аккаунт к вам (код — на странице команды)
            /отвязать — убрать привязку
            /оповещения оценено ошибки раунды выбор обгон — сообщать в личку (все, выкл)
            """)
        let note =
            linked
            ? ""
            : "\n"
                + say(
                    "You are not linked yet: answers about a team need /link CODE.",
                    "Аккаунт ещё не привязан: для ответов о команде нужен /привязать КОД.")
        return commands + note
    }

    func alerts(_ kinds: Set<AlertKind>) -> String {
        guard !kinds.isEmpty else {
            return say(
                "No alerts. /alerts scored failed rounds (or all) chooses them.",
                "Оповещений нет. /оповещения оценено ошибки раунды (или все) — выбрать.")
        }
        let names = kinds.sorted { $0.rawValue < $1.rawValue }.map { kind in
            switch kind {
            case .scored: say("scored", "оценено")
            case .failed: say("failed", "ошибки")
            case .rounds: say("rounds", "раунды")
            case .selection: say("selection", "выбор")
            case .overtaken: say("overtaken", "обгон")
            }
        }
        return say("Alerts in a direct message: ", "Оповещения в личных сообщениях: ") + names.joined(separator: ", ")
            + say(". /alerts off stops them.", ". /оповещения выкл — отключить.")
    }

    func unknownAlert(_ word: String) -> String {
        say(
            "No alert \(word): choose scored, failed, rounds, all or off.",
            "Нет оповещения \(word): выберите оценено, ошибки, раунды, все или выкл.")
    }

    func unknown(_ word: String) -> String {
        say("I do not know /\(word). /help lists what I answer.", "Не знаю команды /\(word). Список — /помощь.")
    }

    var notLinked: String {
        say(
            "This needs your team: link this chat account first with /link CODE (the code is on your team page).",
            "Нужна ваша команда: сначала привяжите аккаунт — /привязать КОД (код на странице команды).")
    }

    var noTeam: String { say("You are in no team yet.", "Вы ещё не в команде.") }
    var linked: String { say("Linked: you are %@ now. /help", "Привязано: теперь вы — %@. /помощь") }
    var badCode: String {
        say(
            "That code is wrong or has expired; make a new one on your team page.",
            "Код неверен или истёк; получите новый на странице команды.")
    }
    var unlinked: String { say("Unlinked.", "Привязка снята.") }
    var wasNotLinked: String { say("This chat account was not linked.", "Этот аккаунт не был привязан.") }
    var tooFast: String {
        say("Too many commands; try again in a minute.", "Слишком много команд; попробуйте через минуту.")
    }
    var noSuchSubmission: String {
        say("Your team has no submission with that number.", "У вашей команды нет посылки с таким номером.")
    }
    var noSubmissions: String {
        say("Your team has no submission in %@ yet.", "В раунде %@ у команды ещё нет посылок.")
    }
    var emptyBoard: String { say("%@: nobody is on the public board yet.", "%@: в публичной таблице пока никого.") }
    var notOnBoard: String {
        say("%@: your team is not on the public board yet.", "%@: вашей команды пока нет в таблице.")
    }

    func board(_ round: String, frozenAt: Date?) -> String {
        let frozen = frozenAt.map {
            say(" (frozen at \(Self.minute($0)) UTC)", " (заморожена в \(Self.minute($0)) UTC)")
        }
        return say("\(round), public board", "\(round), публичная таблица") + (frozen ?? "")
    }

    func row(_ standing: Standing, format: ScoreFormat) -> String {
        let rank = standing.rank.map { "\($0)." } ?? "—"
        let baseline = standing.isBaseline ? say(" (baseline)", " (бейзлайн)") : ""
        return "\(rank) \(standing.team)\(baseline) \(format.string(standing.score))"
    }

    func rank(_ standing: Standing, of total: Int, format: ScoreFormat) -> String {
        say(
            "\(standing.team): place \(standing.rank.map(String.init) ?? "—") of \(total), public \(format.string(standing.score)), \(standing.entries) entries",
            "\(standing.team): место \(standing.rank.map(String.init) ?? "—") из \(total), публичный \(format.string(standing.score)), посылок: \(standing.entries)"
        )
    }

    func submission(id: Int64, status: String, score: String?, error: String?) -> String {
        var text = say("Submission \(id): \(status)", "Посылка \(id): \(status)")
        if let score { text += say(", public \(score)", ", публичный \(score)") }
        if let error { text += "\n" + error }
        return text
    }

    func quota(_ round: String, _ status: QuotaStatus) -> String {
        var parts: [String] = []
        if let perDay = status.perDay {
            parts.append(
                say(
                    "\(max(0, perDay - status.usedToday)) of \(perDay) left today",
                    "сегодня осталось \(max(0, perDay - status.usedToday)) из \(perDay)"))
        }
        if let total = status.total {
            parts.append(
                say(
                    "\(max(0, total - status.usedTotal)) of \(total) in all",
                    "всего осталось \(max(0, total - status.usedTotal)) из \(total)"))
        }
        if parts.isEmpty { parts.append(say("no limit", "без ограничений")) }
        var text = "\(round): " + parts.joined(separator: ", ")
        if !status.allowsAnother, let resets = status.resetsAt {
            text += say(
                "; the next slot frees at \(Self.minute(resets)) UTC",
                "; следующая освободится в \(Self.minute(resets)) UTC")
        }
        return text
    }

    func round(_ title: String, state: RoundState, opens: Date?, closes: Date?, now: Date) -> String {
        switch state {
        case .open:
            let left =
                closes.map {
                    say(
                        ", closes in \(Self.duration($0.timeIntervalSince(now))) (\(Self.minute($0)) UTC)",
                        ", закроется через \(Self.duration($0.timeIntervalSince(now), russian: true)) (\(Self.minute($0)) UTC)"
                    )
                } ?? ""
            return say("\(title): open", "\(title): открыт") + left
        case .scheduled:
            let when =
                opens.map {
                    say(
                        ", opens in \(Self.duration($0.timeIntervalSince(now))) (\(Self.minute($0)) UTC)",
                        ", откроется через \(Self.duration($0.timeIntervalSince(now), russian: true)) (\(Self.minute($0)) UTC)"
                    )
                } ?? ""
            return say("\(title): not open yet", "\(title): ещё не открыт") + when
        case .closed:
            return say("\(title): closed", "\(title): закрыт")
        }
    }

    /// A status as a participant reads it.
    func status(_ raw: String) -> String {
        switch raw {
        case "queued": say("queued", "в очереди")
        case "scoring": say("being scored", "проверяется")
        case "scored": say("scored", "проверена")
        case "failed": say("failed", "ошибка")
        default: raw
        }
    }

    static func minute(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `2d 3h`, `3h 12m`, `12m` (`2д 3ч`… in Russian).
    static func duration(_ seconds: TimeInterval, russian: Bool = false) -> String {
        let minutes = max(0, Int(seconds / 60))
        let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60)
        let units = russian ? ("д", "ч", "мин") : ("d", "h", "m")
        if d > 0 { return "\(d)\(units.0) \(h)\(units.1)" }
        if h > 0 { return "\(h)\(units.1) \(m)\(units.2)" }
        return "\(m)\(units.2)"
    }
}
