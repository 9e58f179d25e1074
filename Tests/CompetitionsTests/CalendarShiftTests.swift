import Competitions
import Foundation
import Testing

/// A competition's calendar moved by whole days: what the demo and the tests use to tell NTI's story on any date.
struct CalendarShiftTests {
    static let nti: CompetitionConfig = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../competitions/nti-digits").standardized.path
        return CompetitionCheck.check(folder: folder).config!
    }()

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func everyDateMovesByTheSameWholeDaysAndNothingElseChanges() throws {
        let moved = Self.nti.shifted(by: CalendarShift(days: 400))
        let qualifying = try #require(moved.round("qualifying"))
        #expect(qualifying.opens == Self.date("2028-01-05T09:00:00Z"))
        #expect(qualifying.closes == Self.date("2028-01-18T21:00:00Z"))
        #expect(qualifying.freezeStart == Self.nti.round("qualifying")?.freezeStart?.addingTimeInterval(400 * 86_400))
        #expect(moved.mergeDeadline == Self.date("2028-01-14T21:00:00Z"))
        #expect(moved.round("final")?.opens == Self.date("2028-01-22T09:00:00Z"))
        #expect(moved.round("practice")?.opens == nil)
        // Only dates move: with them put back, the config is the one written.
        var back = moved
        back.mergeDeadline = Self.nti.mergeDeadline
        back.rounds = zip(moved.rounds, Self.nti.rounds).map { movedRound, written in
            var round = movedRound
            round.opens = written.opens
            round.closes = written.closes
            return round
        }
        #expect(back == Self.nti)
        #expect(Self.nti.shifted(by: .none) == Self.nti)
    }

    @Test func theFirstOpeningLandsTheAskedDaysAheadAtItsOwnTimeOfDay() throws {
        // Qualifying opens 2026-12-01T09:00Z, the first dated opening.
        for now in ["2031-06-15T08:59:59Z", "2031-06-15T09:00:00Z", "2031-06-15T23:30:00Z", "2019-02-28T00:00:01Z"] {
            let instant = Self.date(now)
            for days in [3, 0, -3] {
                let shift = try #require(CalendarShift.placing(firstOpeningOf: Self.nti, inDays: days, after: instant))
                let opens = try #require(Self.nti.shifted(by: shift).round("qualifying")?.opens)
                let target = instant.addingTimeInterval(Double(days) * 86_400)
                #expect(opens >= target, "\(now), \(days) days")
                #expect(opens < target.addingTimeInterval(86_400), "\(now), \(days) days")
                #expect(Calendar.utc.component(.hour, from: opens) == 9)
            }
        }
    }

    @Test func theDemoStoryHoldsOnAnyDay() throws {
        // The demo's placement (three days ago) on days around the year: qualifying open, closing in days,
        // merges allowed for days, the final ahead.
        var day = Self.date("2025-01-01T00:00:00Z")
        while day < Self.date("2029-01-01T00:00:00Z") {
            let now = day.addingTimeInterval(Double(Int(day.timeIntervalSince1970) % 86_399))
            let shift = try #require(CalendarShift.placing(firstOpeningOf: Self.nti, inDays: -3, after: now))
            let config = Self.nti.shifted(by: shift)
            let qualifying = try #require(config.round("qualifying"))
            #expect(RoundSchedule.state(of: qualifying, manual: nil, now: now) == .open, "\(now)")
            #expect(try #require(qualifying.closes).timeIntervalSince(now) > 9 * 86_400, "\(now)")
            #expect(try #require(config.mergeDeadline).timeIntervalSince(now) > 5 * 86_400, "\(now)")
            #expect(RoundSchedule.state(of: try #require(config.round("final")), manual: nil, now: now) == .scheduled)
            day = day.addingTimeInterval(11 * 86_400 + 3_600)
        }
    }

    @Test func aCompetitionWithoutDatesHasNothingToPlace() {
        let config = CompetitionConfig.undated
        #expect(CalendarShift.placing(firstOpeningOf: config, inDays: 3, after: Date()) == nil)
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

extension CompetitionConfig {
    /// NTI's config with no dated round.
    static var undated: CompetitionConfig {
        var config = CalendarShiftTests.nti
        config.mergeDeadline = nil
        config.rounds = config.rounds.map { RoundConfig(id: $0.id) }
        return config
    }
}
