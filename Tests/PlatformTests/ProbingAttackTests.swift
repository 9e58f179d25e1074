import Competitions
import Foundation
import MLMetrics
import Platform
import PodiumAPI
import Storage
import TestSupport
import Testing

/// The attack the Ladder defends against (issue 32): a team starts from a coin-flip submission and, one block of
/// 16 rows at a time, flips its answers, submits, reads the public score it is shown, and keeps the flip only if
/// that score rose. On the standard board it climbs on noise; on the Ladder (step 0.01: more than any one block can
/// move the public score) it is never shown a rise, so it keeps nothing, and the board does not move.
@Suite(.serialized, .ownThreads)
struct ProbingAttackTests {
    /// What one attack did: the attacker's public-board score before and after, and the Private score of the
    /// submission the board shows, before and after.
    struct Climb {
        let publicBefore: Double
        let publicAfter: Double
        let privateBefore: Double
        let privateAfter: Double
        var publicGain: Double { publicAfter - publicBefore }
        var privateGain: Double { privateAfter - privateBefore }
    }

    static let block = 16
    static let attempts = 60

    /// Runs the attack on `round` of `event`.
    static func attack(_ event: FairPlayEvent, round: String) throws -> Climb {
        var random = SeededGenerator(seed: 2015)
        var best = (0..<FairPlayEvent.rows).map { _ in Bool.random(using: &random) }
        func shown(_ answers: [Bool]) throws -> Double {
            let id = try event.submit("prober", answers, round: round)
            try event.score()
            let record = try #require(try event.platform.submissions.submission(id))
            return try #require(try event.platform.submissions.submissionResource(record, organiser: false).publicScore)
        }
        func row() throws -> Standing {
            try #require(
                try event.platform.boards.standings(competition: event.slug, round: round, board: .public).first {
                    $0.team == "prober"
                })
        }
        func privateScore(_ standing: Standing) throws -> Double {
            try #require(try event.platform.submissions.submission(standing.submission)?.privateScore)
        }
        var bestShown = try shown(best)
        let start = try row()
        for attempt in 0..<attempts {
            var trial = best
            let first = (attempt * block) % FairPlayEvent.rows
            for index in first..<(first + block) { trial[index].toggle() }
            let score = try shown(trial)
            if score > bestShown { (best, bestShown) = (trial, score) }
        }
        let end = try row()
        return Climb(
            publicBefore: start.score, publicAfter: end.score, privateBefore: try privateScore(start),
            privateAfter: try privateScore(end))
    }

    @Test func theAttackClimbsTheStandardBoardAndNotTheLadder() throws {
        let event = try FairPlayEvent()
        let standard = try Self.attack(event, round: "main")
        let ladder = try Self.attack(event, round: "ladder")
        print(
            String(
                format: "probing attack, %d submissions of %d-row flips: standard board public %+.4f private %+.4f;"
                    + " ladder board public %+.4f private %+.4f", Self.attempts + 1, Self.block, standard.publicGain,
                standard.privateGain, ladder.publicGain, ladder.privateGain))
        #expect(standard.publicGain >= 0.03, "the attack climbs a board that shows every score")
        #expect(standard.privateGain < standard.publicGain / 2, "on noise: the Private score does not follow")
        #expect(ladder.publicGain == 0, "the Ladder shows the attacker nothing to keep")
        #expect(ladder.privateGain == 0)

        // The standard round's prober made dozens of near-identical submissions: a probing case, with the walk.
        let probing = try #require(try event.cases("main").first { $0.kind == "probing" })
        #expect(probing.teams == ["prober"])
        #expect(try #require(probing.evidence.nearIdentical) >= 50)
        #expect(try #require(probing.evidence.publicWalk) > (probing.evidence.privateWalk ?? 0) + 0.02)
    }

    @Test func theLadderHoldsBackWhatTheTeamSeesAndTheBoardSaysSo() throws {
        let event = try FairPlayEvent()
        var random = SeededGenerator(seed: 5)
        let answers = FairPlayEvent.honest(&random)
        let first = try event.submit("red", answers, round: "ladder")
        var slightly = answers
        for index in 0..<4 where !slightly[index * 2] { slightly[index * 2] = true }  // at most 4 Public rows better
        let second = try event.submit("red", slightly, round: "ladder")
        try event.score()
        let platform = event.platform
        func seen(_ id: Int64) throws -> SubmissionResource {
            try platform.submissions.submissionResource(
                try #require(try platform.submissions.submission(id)), organiser: false)
        }
        let (one, two) = (try seen(first), try seen(second))
        #expect(two.publicScore == one.publicScore, "a gain under the step shows the old best")
        #expect(two.ladderHeld == true && one.ladderHeld == false)
        #expect(two.tasks.isEmpty, "its own task scores are held back too")
        let organiser = try platform.submissions.submissionResource(
            try #require(try platform.submissions.submission(second)), organiser: true)
        let (truth, held) = (try #require(organiser.publicScore), try #require(one.publicScore))
        #expect(truth > held, "organisers see the truth")
        let board = try platform.boards.standings(competition: event.slug, round: "ladder", board: .public)
        #expect(board.first?.submission == first)
        let scored = try platform.organisers.events(limit: 50).filter { $0.type == .submissionScored }
        let told = try #require(scored.first { $0.payload.contains("\"submission\":\(second)") })
        #expect(told.payload.contains("\(try #require(one.publicScore))"), "\(told.payload)")
        // The reveal ends the Ladder's secrecy.
        _ = try platform.organisers.act("close", competition: event.slug, round: "ladder", actor: "test")
        _ = try platform.organisers.act("reveal", competition: event.slug, round: "ladder", actor: "test")
        #expect(try seen(second).publicScore == organiser.publicScore)
        #expect(try seen(second).ladderHeld == nil)
    }
}
