import Foundation

/// A team's allowance in a round at one moment.
public struct QuotaStatus: Sendable, Equatable {
    /// Submissions charged in the current day window.
    public let usedToday: Int
    /// The daily limit, if any.
    public let perDay: Int?
    /// Submissions charged in the whole round.
    public let usedTotal: Int
    /// The round's limit, if any.
    public let total: Int?
    /// When the current day window ends (the next daily slot frees then), if there is a daily limit.
    public let dayEnds: Date?

    /// Whether one more submission may be charged now.
    public var allowsAnother: Bool {
        (perDay.map { usedToday < $0 } ?? true) && (total.map { usedTotal < $0 } ?? true)
    }

    /// When the next slot frees: the end of the day window if only the daily limit is reached; nil when
    /// the round's total is used up (no slot ever frees) or nothing is reached.
    public var resetsAt: Date? {
        if let total, usedTotal >= total { return nil }
        if let perDay, usedToday >= perDay { return dayEnds }
        return nil
    }

    /// The binding limit for display: the daily one when set, else the total.
    public var limit: Int? { perDay ?? total }
    /// Used against `limit`.
    public var used: Int { perDay != nil ? usedToday : usedTotal }
}

/// Quota arithmetic: day windows start at the round's `reset_hour` (UTC) and last 24 hours.
public enum QuotaWindow {
    /// The status for `charges` (times of charged submissions) at `now`.
    public static func status(_ quota: QuotaConfig?, charges: [Date], now: Date) -> QuotaStatus {
        let (start, end) = window(containing: now, resetHour: quota?.resetHour ?? 0)
        let today = charges.filter { $0 >= start && $0 < end }.count
        return QuotaStatus(
            usedToday: today, perDay: quota?.perDay, usedTotal: charges.count, total: quota?.total,
            dayEnds: quota?.perDay == nil ? nil : end)
    }

    /// The day window around `date`.
    public static func window(containing date: Date, resetHour: Int) -> (start: Date, end: Date) {
        let seconds = date.timeIntervalSince1970
        let shift = Double(resetHour * 3600)
        let start = ((seconds - shift) / 86_400).rounded(.down) * 86_400 + shift
        return (Date(timeIntervalSince1970: start), Date(timeIntervalSince1970: start + 86_400))
    }
}
