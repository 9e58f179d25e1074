/// `integrity.mustache`: a round's fair-play cases for organisers, each with its evidence and the decision form.
struct IntegrityView: Encodable, Sendable, RefusableView {
    struct Case: Encodable, Sendable {
        let id: Int64
        let kindText: String
        let teams: String
        /// One line per number of the evidence.
        let evidence: [String]
        /// Links to the submissions, with when they were made (HTML).
        let submissions: [Submission]
        let stateText: String
        let decision: String
    }

    struct Submission: Encodable, Sendable {
        /// `#id`, or empty for a request that was not a submission.
        let label: String
        /// HTML.
        let at: String
    }

    let title: String
    let slug: String
    let round: String
    let thresholds: String
    let ladder: Bool
    let addressesKept: Bool
    var cases: [Case] = []
    var hasCases = false
    var problem: String? = nil
    var problemDetail: String? = nil
}
