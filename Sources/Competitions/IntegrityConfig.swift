/// A competition's `integrity:` block: the thresholds at which Podium opens a fair-play case for the
/// organisers to review. Every key has a default; nothing is ever decided automatically.
public struct IntegrityConfig: Codable, Sendable, Equatable {
    /// Cohen's kappa of two teams' error patterns at or above which they are flagged (default 0.6).
    public var sharedPredictions: Double?
    /// The share of rows a submission may change from the team's one before and count as near-identical
    /// (default 0.02).
    public var nearIdentical: Double?
    /// Near-identical submissions of one team in a round that open a probing case (default 5).
    public var probingSubmissions: Int?
    /// Minutes within which two teams' requests from one address (and, on pages, one browser) are flagged
    /// (default 30).
    public var addressWindowMinutes: Int?

    enum CodingKeys: String, CodingKey {
        case sharedPredictions = "shared_predictions"
        case nearIdentical = "near_identical"
        case probingSubmissions = "probing_submissions"
        case addressWindowMinutes = "address_window_minutes"
    }

    /// The YAML keys of the block, for the loader's schema.
    public static let keys = CodingKeys.allKeys

    /// A block (tests; competitions come from YAML).
    public init(
        sharedPredictions: Double? = nil, nearIdentical: Double? = nil, probingSubmissions: Int? = nil,
        addressWindowMinutes: Int? = nil
    ) {
        self.sharedPredictions = sharedPredictions
        self.nearIdentical = nearIdentical
        self.probingSubmissions = probingSubmissions
        self.addressWindowMinutes = addressWindowMinutes
    }

    /// The kappa threshold.
    public var kappaThreshold: Double { sharedPredictions ?? 0.6 }
    /// The near-identical share.
    public var nearIdenticalShare: Double { nearIdentical ?? 0.02 }
    /// The probing count.
    public var probingMinimum: Int { probingSubmissions ?? 5 }
    /// The address window in seconds.
    public var addressWindow: Double { Double(addressWindowMinutes ?? 30) * 60 }

    /// What is wrong with the block.
    public func problems() -> [String] {
        var problems: [String] = []
        if let kappa = sharedPredictions, !(kappa > 0 && kappa <= 1) {
            problems.append("integrity.shared_predictions: \(kappa) is not a kappa above 0 and at most 1")
        }
        if let share = nearIdentical, !(share > 0 && share < 1) {
            problems.append("integrity.near_identical: \(share) is not a share of rows between 0 and 1")
        }
        if let count = probingSubmissions, count < 2 {
            problems.append("integrity.probing_submissions: \(count) must be at least 2")
        }
        if let minutes = addressWindowMinutes, !(1...10_080).contains(minutes) {
            problems.append("integrity.address_window_minutes: \(minutes) is not from 1 to 10080 (a week)")
        }
        return problems
    }
}

extension IntegrityConfig.CodingKeys: CaseIterable {
    static var allKeys: [String] { allCases.map(\.rawValue) }
}
