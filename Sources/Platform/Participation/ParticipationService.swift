/// Participation: sign-up, teams, invitations, merges, who belongs where.
public struct ParticipationService: PlatformService {
    /// The platform it is a part of.
    public let platform: Platform
}
