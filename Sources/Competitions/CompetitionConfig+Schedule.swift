import Foundation

extension CompetitionConfig {
    /// Every instant at which what the competition shows changes by the clock alone: rounds opening, closing
    /// and freezing, and the merge deadline.
    public var scheduleDates: [Date] {
        rounds.flatMap { [$0.opens, $0.closes, $0.freezeStart].compactMap { $0 } } + [mergeDeadline].compactMap { $0 }
    }

    /// How many of `scheduleDates` have passed at `now`: it moves exactly when the schedule alone changes a page.
    public func schedulePosition(at now: Date) -> Int {
        scheduleDates.count { $0 <= now }
    }
}
