/// Which of a team's scored submissions its public-board row shows.
public enum PublicBoardRule: Sendable, Equatable {
    /// Its best public score (the default).
    case best
    /// Its latest scored submission (`leaderboard: latest`).
    case latest
    /// The Ladder (Blum and Hardt, 2015; `public_board: ladder`): a submission replaces the team's row only when
    /// its public score beats the row's by more than `step`; otherwise the team — and everyone — goes on seeing
    /// the old best. A team probing the board learns nothing from changes smaller than the step.
    case ladder(step: Double)

    /// The default `ladder_step`: one point of a score from 0 to 1.
    public static let defaultLadderStep = 0.01
}

extension RoundConfig {
    /// The round's rule for public-board rows.
    public var publicBoardRule: PublicBoardRule {
        if publicBoard == "ladder" { return .ladder(step: ladderStep ?? PublicBoardRule.defaultLadderStep) }
        return usesLatest ? .latest : .best
    }

    /// Whether the round's public board is a Ladder.
    public var usesLadder: Bool { publicBoard == "ladder" }
}
