import Competitions
import Foundation
import Testing

/// Round states, quota windows and leaderboards: pure rules on values.
struct RoundScheduleTests {
    let opens = Date(timeIntervalSince1970: 1_000_000)
    var closes: Date { opens.addingTimeInterval(3600) }
    var round: RoundConfig {
        RoundConfig(id: "r", opens: opens, closes: closes)
    }

    @Test func followsItsScheduleWithoutActions() {
        #expect(RoundSchedule.state(of: round, manual: nil, now: opens.addingTimeInterval(-1)) == .scheduled)
        #expect(RoundSchedule.state(of: round, manual: nil, now: opens) == .open)
        #expect(RoundSchedule.state(of: round, manual: nil, now: closes) == .closed)
        #expect(RoundSchedule.state(of: RoundConfig(id: "practice"), manual: nil, now: opens) == .scheduled)
    }

    @Test func handActionsOverrideTheSchedule() {
        let early = ManualAction(kind: .open, at: opens.addingTimeInterval(-600))
        #expect(RoundSchedule.state(of: round, manual: early, now: opens.addingTimeInterval(-300)) == .open)
        // The scheduled close still applies after an early open: closed by time behaves as closed by hand.
        #expect(RoundSchedule.state(of: round, manual: early, now: closes) == .closed)
        let closedEarly = ManualAction(kind: .close, at: opens.addingTimeInterval(60))
        #expect(RoundSchedule.state(of: round, manual: closedEarly, now: opens.addingTimeInterval(120)) == .closed)
        // Reopened after its close time: extended until closed by hand.
        let extended = ManualAction(kind: .open, at: closes.addingTimeInterval(60))
        #expect(RoundSchedule.state(of: round, manual: extended, now: closes.addingTimeInterval(7200)) == .open)
    }
}

struct QuotaWindowTests {
    let day = 86_400.0
    /// 2026-12-01T00:00:00Z.
    let midnight = Date(timeIntervalSince1970: 1_796_083_200)

    @Test func dailyWindowStartsAtTheResetHour() {
        let quota = QuotaConfig(perDay: 2, total: 10, resetHour: 6)
        let now = midnight.addingTimeInterval(10 * 3600)  // 10:00, window 06:00–06:00
        let charges = [
            midnight.addingTimeInterval(5 * 3600), midnight.addingTimeInterval(7 * 3600),
            midnight.addingTimeInterval(9 * 3600),
        ]
        let status = QuotaWindow.status(quota, charges: charges, now: now)
        #expect(status.usedToday == 2)  // the 05:00 charge belongs to the previous window
        #expect(status.usedTotal == 3)
        #expect(!status.allowsAnother)
        #expect(status.resetsAt == midnight.addingTimeInterval(day + 6 * 3600))
    }

    @Test func totalUsedUpNeverResets() {
        let status = QuotaWindow.status(
            QuotaConfig(perDay: 5, total: 2), charges: [midnight, midnight], now: midnight.addingTimeInterval(60))
        #expect(!status.allowsAnother)
        #expect(status.resetsAt == nil)
    }

    @Test func noQuotaAllowsEverything() {
        let status = QuotaWindow.status(nil, charges: Array(repeating: midnight, count: 1000), now: midnight)
        #expect(status.allowsAnother)
        #expect(status.limit == nil)
    }
}

struct LeaderboardTests {
    let t0 = Date(timeIntervalSince1970: 2_000_000)

    func entry(_ id: Int64, _ team: String, _ minutes: Double, _ pub: Double, _ priv: Double, selected: Bool = false)
        -> ScoredEntry
    {
        ScoredEntry(
            submission: id, team: team, submittedAt: t0.addingTimeInterval(minutes * 60), publicScore: pub,
            privateScore: priv,
            selected: selected)
    }

    @Test func bestPublicPerTeamTiesToTheEarlierSubmission() {
        let entries = [
            entry(1, "a", 0, 0.80, 0.70), entry(2, "a", 5, 0.90, 0.60), entry(3, "b", 1, 0.90, 0.95),
            entry(4, "c", 2, 0.50, 0.50),
        ]
        let board = Leaderboard.build(entries, board: .public, rule: .best, higherIsBetter: true)
        // a and b tie at 0.90: b's submission (minute 1) is earlier than a's best (minute 5).
        #expect(board.map(\.team) == ["b", "a", "c"])
        #expect(board.map(\.rank) == [1, 2, 3])
        #expect(board[1].submission == 2 && board[1].entries == 2)
    }

    @Test func latestModeAndLowerIsBetter() {
        let entries = [entry(1, "a", 0, 0.1, 0.1), entry(2, "a", 5, 0.9, 0.9), entry(3, "b", 1, 0.5, 0.5)]
        let latest = Leaderboard.build(entries, board: .public, rule: .latest, higherIsBetter: false)
        #expect(latest.map(\.team) == ["b", "a"])
        #expect(latest[1].score == 0.9)
    }

    @Test func privateBoardHonoursSelectionsElseTheBestPublic() {
        let entries = [
            entry(1, "a", 0, 0.90, 0.60), entry(2, "a", 1, 0.80, 0.99, selected: true),  // a picked its second
            entry(3, "b", 0, 0.95, 0.70), entry(4, "b", 1, 0.70, 0.98),  // b picked nothing: its best public counts
        ]
        let board = Leaderboard.build(entries, board: .private, rule: .best, higherIsBetter: true)
        #expect(board.map(\.team) == ["a", "b"])
        #expect(board.map(\.score) == [0.99, 0.70])
    }

    @Test func baselinesAreShownButNotRanked() {
        let entries = [entry(1, "tfidf", 0, 0.7, 0.7), entry(2, "x", 0, 0.8, 0.8), entry(3, "y", 0, 0.6, 0.6)]
        let board = Leaderboard.build(
            entries, board: .public, rule: .best, higherIsBetter: true, baselines: ["tfidf"])
        #expect(board.map(\.team) == ["x", "tfidf", "y"])
        #expect(board.map(\.rank) == [1, nil, 2])
        #expect(Leaderboard.advancing(board, rule: AdvanceConfig(top: 2), higherIsBetter: true) == ["x", "y"])
        #expect(Leaderboard.advancing(board, rule: AdvanceConfig(minScore: 0.65), higherIsBetter: true) == ["x"])
    }
}
