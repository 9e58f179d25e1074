/// What a refused form shows above it: a sentence in the visitor's language for the error's code, the platform's
/// own precise message, and for an upload every problem.
struct Refusal: Sendable {
    let problem: String
    let problemDetail: String
    let details: [String]
}

/// A page that can show a refused form's sentence and message above it.
protocol RefusableView {
    var problem: String? { get set }
    var problemDetail: String? { get set }
}

extension RefusableView {
    /// The page with `refusal` above it.
    func refused(_ refusal: Refusal) -> Self {
        var view = self
        view.problem = refusal.problem
        view.problemDetail = refusal.problemDetail
        return view
    }
}

/// `submit.mustache`: a team's quota, the upload form and its submissions in a round.
struct SubmitView: Encodable, Sendable, RefusableView {
    struct Submission: Encodable, Sendable {
        let id: Int64
        /// HTML.
        let submittedAt: String
        let status: String
        let statusText: String
        let by: String
        let score: String
        /// Said when a Ladder held the score back (it shows the team's best).
        let held: String?
        let message: String
        let selected: Bool
        let scored: Bool
    }

    let title: String
    let competitionTitle: String
    let slug: String
    let round: String
    let roundName: String
    let team: String
    let quotaText: String
    let quotaLeft: String?
    /// HTML.
    let resetsAt: String?
    let pickFinal: String
    let multiTask: Bool
    let fileLabel: String
    let refresh: Bool
    let submissions: [Submission]
    var flash: String? = nil
    var problem: String? = nil
    var problemDetail: String? = nil
    var details: [String] = []
    var hasDetails = false

    /// The page with `refusal` above the form, with every problem of the upload.
    func refusedUpload(_ refusal: Refusal) -> SubmitView {
        var view = refused(refusal)
        view.details = refusal.details
        view.hasDetails = !refusal.details.isEmpty
        return view
    }
}

/// `signup.mustache`: the sign-up form, or the token after signing up.
struct SignUpView: Encodable, Sendable, RefusableView {
    let title: String
    let heading: String
    let slug: String
    let open: Bool
    let registration: String?
    let teamSize: String?
    let rules: String?
    var token: String? = nil
    var pending: Bool? = nil
    var problem: String? = nil
    var problemDetail: String? = nil

}

/// `team.mustache`: a participant's team, or the forms to found or join one.
struct TeamView: Encodable, Sendable, RefusableView {
    struct Member: Encodable, Sendable {
        let name: String
        let captain: Bool
        let pending: Bool
        let removable: Bool
    }

    struct Merge: Encodable, Sendable {
        let id: Int64
        let incoming: Bool
        let canAnswer: Bool
        let text: String
    }

    let title: String
    let heading: String
    let slug: String
    var inTeam = false
    var teamName: String? = nil
    var isCaptain = false
    var membersText: String? = nil
    var members: [Member] = []
    var inviteLink: String? = nil
    var merges: [Merge] = []
    var mergeHint: String? = nil
    var invite = ""
    var problem: String? = nil
    var problemDetail: String? = nil
    /// The chat accounts linked to the participant, as "telegram, slack"; nil when none is.
    var chatLinks: String? = nil
    /// A link code just made, to send to the chat's bot as `/link CODE`.
    var chatCode: String? = nil
    /// The personal alerts a linked participant may choose, and which they chose.
    var alerts: [AlertChoice] = []

    struct AlertChoice: Encodable, Sendable {
        let kind: String
        let label: String
        let chosen: Bool
    }

}
