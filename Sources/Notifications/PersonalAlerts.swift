import Foundation
import Storage

/// Personal alerts: a participant who linked their Telegram account and chose alerts hears, in a direct message from
/// the competition's bot (a target with `commands: true`), what they chose about their own team — a submission
/// scored, one failed (with the reason the team reads), its final selection changed, another team passing it on the
/// public board, a round opening or closing soon. Each person is a target of
/// the same outbox (`alert/telegram/<competition>/<user>`): queued durably, one delivery per event and person,
/// retried as every target is, starting from the events after they chose.
struct PersonalAlerts {
    let store: any Store

    /// Each recipient's target and what it accepts, for every competition whose Telegram bot answers commands.
    func targets(bots: [NotifyTarget]) throws -> [(target: NotifyTarget, accepts: Dispatcher.Accepts)] {
        var targets: [(target: NotifyTarget, accepts: Dispatcher.Accepts)] = []
        for bot in bots where bot.kind == .telegram && bot.commands {
            guard let competition = bot.competition else { continue }
            for recipient in try store.read({ try $0.alertRecipients(transport: "telegram", competition: competition) })
            {
                let target = NotifyTarget(
                    name: "alert/telegram/\(competition)/\(recipient.user.id)", kind: .telegram,
                    competition: competition, chatID: recipient.user.id, tokenEnv: bot.tokenEnv, submissions: true)
                targets.append((target, { event, store in try accepts(event, recipient, in: store) }))
            }
        }
        return targets
    }

    /// Whether `recipient` chose to hear `event` (read in the outbox's transaction).
    func accepts(_ event: EventRecord, _ recipient: AlertRecipient, in store: any StoreReader) throws -> Bool {
        guard event.competition == recipient.competition else { return false }
        switch event.event {
        case .submissionScored(let scored):
            return recipient.kinds.contains(.scored) && scored.team == recipient.teamName
        case .submissionFailed(let failed):
            guard recipient.kinds.contains(.failed), let team = recipient.teamId else { return false }
            return try store.submission(id: failed.submission)?.teamId == team
        case .roundOpened, .roundClosingSoon: return recipient.kinds.contains(.rounds)
        case .selectionChanged(let selection):
            return recipient.kinds.contains(.selection) && selection.team == recipient.teamName
        case .teamsOvertaken(let passing):
            return recipient.kinds.contains(.overtaken) && passing.overtaken.contains { $0 == recipient.teamName }
        default: return false
        }
    }

    /// What a personal alert adds to the event's message: a failure's reason, as the team reads it.
    func note(for event: EventRecord) -> String? {
        guard case .submissionFailed(let failed) = event.event else { return nil }
        return try? store.read { try $0.submission(id: failed.submission)?.error }
    }
}
