import Foundation

/// A competition's calendar moved by whole days: every date of its config (rounds' `opens` and `closes`, the
/// freeze they imply, `merge_deadline`) later or earlier by the same number of days, times of day kept.
///
/// It lets an organiser rehearse an event on today's date, and it is how `podium demo`, the tests and the
/// scripts run the demo competitions on any day: the folders keep the dates they were written with, and the
/// platform stores the shift with the loaded competition.
public struct CalendarShift: Sendable, Equatable, Hashable, Codable {
    /// Days to add to every date (negative: earlier).
    public var days: Int

    /// Creates a shift of `days` days.
    public init(days: Int) { self.days = days }

    /// No move: the dates as written.
    public static let none = CalendarShift(days: 0)

    /// The shift in seconds.
    public var seconds: TimeInterval { Double(days) * CalendarShift.day }

    /// Seconds in a day (UTC has no daylight saving time).
    static let day: TimeInterval = 86_400

    /// `date` moved by this shift.
    public func apply(to date: Date) -> Date { date.addingTimeInterval(seconds) }

    /// The shift that makes the first dated opening of `config` fall `days` days after `now`, or up to a day
    /// more: the smallest whole number of days that does not put it earlier. Nil when no round has `opens`.
    public static func placing(firstOpeningOf config: CompetitionConfig, inDays days: Int, after now: Date)
        -> CalendarShift?
    {
        guard let first = config.rounds.compactMap(\.opens).min() else { return nil }
        let target = now.addingTimeInterval(Double(days) * day)
        return CalendarShift(days: Int((target.timeIntervalSince(first) / day).rounded(.up)))
    }
}

extension CompetitionConfig {
    /// This config with its calendar moved by `shift`.
    public func shifted(by shift: CalendarShift) -> CompetitionConfig {
        guard shift != .none else { return self }
        var moved = self
        moved.mergeDeadline = mergeDeadline.map(shift.apply)
        for index in moved.rounds.indices {
            moved.rounds[index].opens = rounds[index].opens.map(shift.apply)
            moved.rounds[index].closes = rounds[index].closes.map(shift.apply)
        }
        return moved
    }
}
