/// `admin.mustache`: the organiser's page, or its log-in form.
struct AdminView: Encodable, Sendable, RefusableView {
    struct Competition: Encodable, Sendable {
        let title: String
        let slug: String
        let rounds: [Round]
        let teams: [Team]
        let hasPending: Bool
        let pending: [Pending]
        let submissions: [Submission]
    }

    struct Round: Encodable, Sendable {
        let id: String
        let stateText: String
        let revealed: Bool
        let actions: [Action]
    }

    struct Action: Encodable, Sendable {
        let action: String
        let label: String
        let slug: String
        let round: String
        var next: String? = nil
    }

    struct Team: Encodable, Sendable {
        let name: String
        let baseline: Bool
    }

    struct Pending: Encodable, Sendable {
        let name: String
    }

    struct Submission: Encodable, Sendable {
        let id: Int64
        let round: String
        let team: String
        let status: String
        let disqualified: Bool
        let `public`: String
        let `private`: String
        let detail: String
        let slug: String
    }

    struct AuditEntry: Encodable, Sendable {
        /// HTML.
        let at: String
        let actor: String
        let action: String
        let competition: String
        let subject: String
        let reason: String
    }

    struct Event: Encodable, Sendable {
        let id: Int64
        let competition: String
        let type: String
        /// HTML.
        let at: String
        let data: String
    }

    struct Delivery: Encodable, Sendable {
        let event: Int64
        let target: String
        let state: String
        let attempts: Int
        let response: String
    }

    let title: String
    var signedInAs: String? = nil
    var competitions: [Competition] = []
    var audit: [AuditEntry] = []
    var events: [Event] = []
    var deliveries: [Delivery] = []
    var problem: String? = nil
    var problemDetail: String? = nil

}
