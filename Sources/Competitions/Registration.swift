/// How participants of a competition join it (`registration:` in competition.yaml).
public enum Registration: String, Sendable, CaseIterable {
    /// Organisers make every team (`podium team add`); nobody signs up.
    case closed
    /// Anyone signs up and may submit at once.
    case open
    /// Anyone signs up; an organiser approves each participant before they may submit.
    case approval
}
