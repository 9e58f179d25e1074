/// Submissions: accepting an upload (the one place that checks membership, the round, the files and the quota),
/// practice runs, a team's submissions, selection and quota.
public struct SubmissionService: PlatformService {
    /// The platform it is a part of.
    public let platform: Platform
}
