import Foundation

/// Where a round stands.
public enum RoundState: String, Sendable, Codable {
    /// Not open yet.
    case scheduled
    /// Accepting submissions.
    case open
    /// Finished, by its time or by hand.
    case closed
}

/// The organiser's last open or close of a round by hand.
public struct ManualAction: Sendable, Equatable {
    /// Open or close.
    public enum Kind: String, Sendable { case open, close }
    /// What was done.
    public let kind: Kind
    /// When.
    public let at: Date

    /// Creates an action.
    public init(kind: Kind, at: Date) {
        self.kind = kind
        self.at = at
    }
}

/// A round's state from its schedule and the organiser's actions.
///
/// Without an action the schedule rules: open from `opens` (a round with no `opens` waits to be opened
/// by hand) until `closes`. A close by hand closes it for good (until opened again by hand). An open by
/// hand opens it; a scheduled `closes` later than that open still closes it, so a round closed by its
/// time behaves exactly like one closed by hand, and opening a round after its `closes` extends it until
/// it is closed by hand.
public enum RoundSchedule {
    /// The state of `round` at `now`.
    public static func state(of round: RoundConfig, manual: ManualAction?, now: Date) -> RoundState {
        if let manual {
            switch manual.kind {
            case .close: return .closed
            case .open:
                if let closes = round.closes, closes > manual.at, now >= closes { return .closed }
                return .open
            }
        }
        guard let opens = round.opens, now >= opens else { return .scheduled }
        if let closes = round.closes, now >= closes { return .closed }
        return .open
    }
}
