/// Scoring: the workers that claim jobs and score them (files, code in the sandbox, probing), and rescoring.
public struct ScoringService: PlatformService {
    /// The platform it is a part of.
    public let platform: Platform
}
