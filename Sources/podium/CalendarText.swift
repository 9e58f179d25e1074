import Competitions
import Foundation

/// A competition's calendar in a line or two of text, for what `competition load` and `demo` print.
enum CalendarText {
    /// "calendar moved by +3 days (UTC): qualifying 2026-12-04 09:00 – 2026-12-17 21:00; …; merges until …".
    static func summary(of config: CompetitionConfig, shift: CalendarShift) -> String {
        let moved = shift.days >= 0 ? "+\(shift.days)" : "\(shift.days)"
        var parts = config.rounds.compactMap { round -> String? in
            switch (round.opens, round.closes) {
            case (nil, nil): return nil
            case (let opens?, nil): return "\(round.id) opens \(minute(opens))"
            case (nil, let closes?): return "\(round.id) closes \(minute(closes))"
            case (let opens?, let closes?): return "\(round.id) \(minute(opens)) – \(minute(closes))"
            }
        }
        if let merges = config.mergeDeadline { parts.append("merges until \(minute(merges))") }
        return "calendar moved by \(moved) days (UTC): \(parts.joined(separator: "; "))"
    }

    /// `2026-12-04 09:00`, in UTC.
    static func minute(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }
}
