import Foundation

/// A competition as `GET /api/v1/competitions/{slug}` and `podium competition show --json` give it.
public struct CompetitionResource: Codable, Sendable, Equatable {
    /// One task.
    public struct Task: Codable, Sendable, Equatable {
        /// The task's id.
        public var id: String
        /// Its metric (`f1_macro`, `f1_macro+accuracy` for several, `scorer:NAME` for a scorer program).
        public var metric: String
        /// How its files are written: `csv`, `jsonl` or `rsg-muserc`.
        public var format: String
        /// Its file's name in a submission.
        public var file: String

        /// A task.
        public init(id: String, metric: String, format: String, file: String) {
            self.id = id
            self.metric = metric
            self.format = format
            self.file = file
        }
    }

    /// One round.
    public struct Round: Codable, Sendable, Equatable {
        /// The round's id.
        public var id: String
        /// Its display name.
        @Nullable public var title: String?
        /// `scheduled`, `open` or `closed`.
        public var state: String
        /// When it opens by itself.
        @Nullable public var opens: Date?
        /// When it closes by itself.
        @Nullable public var closes: Date?
        /// Whether its private board is revealed.
        public var revealed: Bool

        /// A round.
        public init(id: String, title: String?, state: String, opens: Date?, closes: Date?, revealed: Bool) {
            self.id = id
            self.title = title
            self.state = state
            self.opens = opens
            self.closes = closes
            self.revealed = revealed
        }
    }

    /// The slug.
    public var slug: String
    /// The title.
    public var title: String
    /// The tasks.
    public var tasks: [Task]
    /// The rounds, in order.
    public var rounds: [Round]
    /// The public files' names (download them from `…/files/{name}`).
    public var files: [String]

    /// A competition.
    public init(slug: String, title: String, tasks: [Task], rounds: [Round], files: [String]) {
        self.slug = slug
        self.title = title
        self.tasks = tasks
        self.rounds = rounds
        self.files = files
    }
}

/// `GET /api/v1/competitions`: every loaded competition.
public struct CompetitionList: Codable, Sendable, Equatable {
    /// One competition.
    public struct Entry: Codable, Sendable, Equatable {
        /// The slug.
        public var slug: String
        /// The title.
        public var title: String

        /// An entry.
        public init(slug: String, title: String) {
            self.slug = slug
            self.title = title
        }
    }

    /// The competitions, by slug.
    public var competitions: [Entry]

    /// A list.
    public init(competitions: [Entry]) { self.competitions = competitions }
}
