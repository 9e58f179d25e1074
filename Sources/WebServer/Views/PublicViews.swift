/// The view models of the public pages: one `Encodable` struct per template, its fields named as the template
/// names them (`ViewValues` hands them to Mustache). A `nil` field renders as false or empty.

/// `index.mustache`: the competitions.
struct IndexView: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let slug: String
        let title: String
    }

    let title: String
    let competitions: [Link]
}

/// `competition.mustache`: a competition's description, rounds, files and how to sign up.
struct CompetitionView: Encodable, Sendable {
    struct Round: Encodable, Sendable {
        let id: String
        let name: String
        let state: String
        let stateText: String
        let open: Bool
        let window: String
        let slug: String
        let revealed: Bool
    }

    struct File: Encodable, Sendable {
        let name: String
    }

    let title: String
    let competitionTitle: String
    let slug: String
    /// The README as HTML.
    let description: String
    let rounds: [Round]
    let files: [File]
    let signUp: Bool
    let registration: String?
    let teamSize: String?
    let rules: String?
}

/// What a page says about signing up (nothing when registration is closed): on the competition and sign-up pages.
struct RegistrationText: Sendable {
    let registration: String
    let teamSize: String
    /// The rules file's name.
    let rules: String?
}

/// `login.mustache`.
struct LoginView: Encodable, Sendable, RefusableView {
    let title: String
    let heading: String
    let slug: String
    var problem: String? = nil
    var problemDetail: String? = nil
}

/// `rules.mustache`: a competition's rules as HTML.
struct RulesView: Encodable, Sendable {
    let title: String
    let heading: String
    let slug: String
    let rules: String
    let signUp: Bool
}

/// `problem.mustache`: what went wrong, and a link back.
struct ProblemView: Encodable, Sendable {
    let title: String
    let heading: String
    let message: String
    let back: String?
}

/// `card.mustache`: a submission's model card.
struct CardView: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        let label: String
        let value: String
        let link: String?
        /// `*` declared by the team, `†` measured by Podium.
        let mark: String
    }

    let title: String
    let heading: String
    let slug: String
    let round: String
    let submissionText: String
    let fields: [Field]
    let hasFields: Bool
    let measuredNote: Bool
    /// The entry's scores on the slices of each task that has them.
    let slices: [SliceTable]

    struct SliceTable: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            let slice: String
            let family: Bool
            let rows: Int
            let score: String
            let interval: String
        }

        let heading: String
        let rows: [Row]
    }

    /// A probing entry's layers × tasks table (nil for other rounds).
    var layers: LayerTable? = nil

    /// Rows: layers; columns: tasks; the layer each task's board score comes from is marked.
    struct LayerTable: Encodable, Sendable {
        struct Row: Encodable, Sendable {
            struct Cell: Encodable, Sendable {
                let score: String
                let chosen: Bool
            }

            let layer: Int
            let cells: [Cell]
        }

        let tasks: [String]
        let rows: [Row]
    }
}

/// The header frame of a page rendered in pieces (the leaderboard): its title and competition.
struct HeaderView: Encodable, Sendable {
    let title: String
    let slug: String
}

/// A frame with no values of its own (the footer).
struct EmptyView: Encodable, Sendable {}
