/// Organisers: rounds opened, closed, frozen and revealed; advancement, approval, disqualification, requeues,
/// the timed events of the schedule, the audit log.
public struct OrganiserService: PlatformService {
    /// The platform it is a part of.
    public let platform: Platform
}
