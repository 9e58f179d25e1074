import Foundation

/// Times as people read them on a page, in the reader's language and always with UTC beside them:
/// `28 Nov 2026, 17:26 UTC` or `28 ноября 2026, 17:26 UTC`, and relative to now where that is what a participant
/// wants to know (`in 3 h`, `через 3 ч`). Storage and the API keep ISO 8601.
enum TimeText {
    /// `28 Nov 2026, 17:26 UTC` (English) or `28 ноября 2026, 17:26 UTC` (Russian).
    static func absolute(_ date: Date, _ language: Language = .en) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let months =
            language == .ru
            ? [
                "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                "ноября", "декабря",
            ]
            : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(
            format: "%d %@ %d, %02d:%02d UTC", parts.day!, months[parts.month! - 1], parts.year!, parts.hour!,
            parts.minute!)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `in 3 h`, `in 2 d`, `5 min ago`, `just now` (or `через 3 ч`, `5 мин назад`, `только что`): the distance
    /// from `now`, in its largest whole unit.
    static func relative(_ date: Date, now: Date = Date(), _ language: Language = .en) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        let ru = language == .ru
        if magnitude < 60 { return ru ? "только что" : "just now" }
        let amount: String
        switch magnitude {
        case ..<3600: amount = "\(Int(magnitude / 60)) \(ru ? "мин" : "min")"
        case ..<(48 * 3600): amount = "\(Int(magnitude / 3600)) \(ru ? "ч" : "h")"
        default: amount = "\(Int(magnitude / 86400)) \(ru ? "дн." : "d")"
        }
        switch (seconds > 0, ru) {
        case (true, false): return "in \(amount)"
        case (false, false): return "\(amount) ago"
        case (true, true): return "через \(amount)"
        case (false, true): return "\(amount) назад"
        }
    }

    /// The `<time>` element of a date: readable text, the ISO instant in `datetime` for machines, and the
    /// relative distance as a tooltip.
    static func html(_ date: Date, now: Date = Date(), _ language: Language = .en) -> String {
        "<time datetime=\"\(date.formatted(.iso8601))\" title=\"\(relative(date, now: now, language))\">\(absolute(date, language))</time>"
    }
}
