import Foundation

/// Times as people read them on a page: `28 Nov 2026, 17:26 UTC`, and relative to now where that is
/// what a participant wants to know (`closes in 3 h`, `2 min ago`). Storage and the API keep ISO 8601.
enum TimeText {
    /// `28 Nov 2026, 17:26 UTC`.
    static func absolute(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(
            format: "%d %@ %d, %02d:%02d UTC", parts.day!, months[parts.month! - 1], parts.year!, parts.hour!,
            parts.minute!)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// `in 3 h`, `in 2 d`, `5 min ago`, `just now`: the distance from `now`, in its largest whole unit.
    static func relative(_ date: Date, now: Date = Date()) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        if magnitude < 60 { return "just now" }
        let amount: String
        switch magnitude {
        case ..<3600: amount = "\(Int(magnitude / 60)) min"
        case ..<(48 * 3600): amount = "\(Int(magnitude / 3600)) h"
        default: amount = "\(Int(magnitude / 86400)) d"
        }
        return seconds > 0 ? "in \(amount)" : "\(amount) ago"
    }

    /// The `<time>` element of a date: readable text, the ISO instant in `datetime` for machines, and the
    /// relative distance as a tooltip.
    static func html(_ date: Date, now: Date = Date()) -> String {
        "<time datetime=\"\(date.formatted(.iso8601))\" title=\"\(relative(date, now: now))\">\(absolute(date))</time>"
    }
}
