import Foundation
import MLMetrics
import Scoring

/// A competition as `competitions/<slug>/competition.yaml` describes it. Every key is documented in
/// competitions/README.md; paths are relative to the competition's folder.
public struct CompetitionConfig: Codable, Sendable, Equatable {
    /// Shown as the competition's name.
    public var title: String
    /// A markdown file shown on the competition page.
    public var description: String?
    /// The language of pages and chat messages: `en` or `ru`.
    public var language: String?
    /// The tasks; a submission predicts all of a round's tasks.
    public var tasks: [TaskConfig]
    /// How task scores combine: `mean` (weighted by each task's `weight`).
    public var score: String?
    /// The rounds, in order.
    public var rounds: [RoundConfig]
    /// Files everyone may download (besides each task's sample submission and files).
    public var files: [String]?
    /// Chat targets, read by the notifier.
    public var notify: [[String: [String: String]]]?
    /// Decimals shown for scores in tables and pages (default 4); JSON and CSV always carry exact values.
    public var displayPrecision: Int?
    /// Who may sign up: `closed` (the default: organisers make every team), `open` or `approval`.
    public var registration: String?
    /// The most members a team may have (default 5).
    public var maxTeamSize: Int?
    /// The last moment teams may merge (default: no deadline).
    public var mergeDeadline: Date?
    /// A markdown file of rules each participant accepts when signing up.
    public var rules: String?
    /// The fair-play thresholds (`integrity:`).
    public var integrity: IntegrityConfig?

    enum CodingKeys: String, CodingKey {
        case title, description, language, tasks, score, rounds, files, notify, registration, rules, integrity
        case displayPrecision = "display_precision"
        case maxTeamSize = "max_team_size"
        case mergeDeadline = "merge_deadline"
    }

    /// How participants join: `registration`, closed unless it says otherwise.
    public var registrationMode: Registration { registration.flatMap(Registration.init(rawValue:)) ?? .closed }

    /// The most members a team may have.
    public var teamSizeLimit: Int { maxTeamSize ?? 5 }

    /// How this competition's scores are shown to people.
    public var scoreFormat: ScoreFormat { ScoreFormat(decimals: displayPrecision ?? ScoreFormat.standard.decimals) }

    /// The task named `id`.
    public func task(_ id: String) -> TaskConfig? { tasks.first { $0.id == id } }

    /// The round named `id`.
    public func round(_ id: String) -> RoundConfig? { rounds.first { $0.id == id } }

    /// The tasks `round` scores, in config order.
    public func tasks(of round: RoundConfig) -> [TaskConfig] {
        guard let ids = round.tasks else { return tasks }
        return tasks.filter { ids.contains($0.id) }
    }

    /// The round before `round`, if any.
    public func previous(_ round: RoundConfig) -> RoundConfig? {
        guard let index = rounds.firstIndex(where: { $0.id == round.id }), index > 0 else { return nil }
        return rounds[index - 1]
    }

    /// Whether higher composite scores are better (all metrics must agree; `check` refuses a mix).
    public var higherIsBetter: Bool {
        tasks.flatMap { $0.metricList.compactMap(BuiltinMetric.init(rawValue:)) }.first?.higherIsBetter ?? true
    }
}

/// One task of a competition.
public struct TaskConfig: Codable, Sendable, Equatable {
    /// The task's id (also the file name of its part of a multi-task submission: `<id>.csv`).
    public var id: String
    /// A built-in metric name, or a list of them (the task scores their mean).
    public var metric: MetricField?
    /// A scorer from scorers/ instead of a built-in metric.
    public var scorer: String?
    /// The id column (default `id`).
    public var idColumn: String?
    /// The target column (default `label`).
    public var target: String?
    /// The positive label of binary metrics (default `1`).
    public var positiveLabel: String?
    /// A solution column grouping rows (MuSeRC's question), for `muserc_em`.
    public var groupColumn: String?
    /// Answer normalisation: `squad` (default) or `unicode`.
    public var normalize: String?
    /// The label set, when the solution may not show every class.
    public var classes: [String]?
    /// The hidden solution with its Usage column.
    public var solution: String
    /// The sample submission, checked against the solution.
    public var sampleSubmission: String?
    /// Public files of this task (training data and the like).
    public var files: [String]?
    /// The task's weight in the composite (default 1).
    public var weight: Double?
    /// How the task's files are written: `csv` (default), `jsonl` or `rsg-muserc`.
    public var format: String?
    /// The task's file in a submission (default `<id>.csv`, or `<id>.jsonl` for the JSON formats), matched
    /// case-insensitively on the base name wherever it sits in an archive.
    public var file: String?
    /// A solution column tagging each row with the slices it belongs to (LiDiRus's categories): several tags
    /// separated by `;`, and a two-level tag `logic/negation` also counts in `logic`. Every submission is then
    /// scored on each slice too (see `SliceIndex`).
    public var slices: String?
    /// In a probing round, the task's train sentences: a public file of ids and labels, in the row order of the
    /// submitted train embeddings. Without it the task takes prediction files only.
    public var probeTrain: String?

    enum CodingKeys: String, CodingKey {
        case id, metric, scorer, target, normalize, classes, solution, files, weight, format, file, slices
        case probeTrain = "probe_train"
        case idColumn = "id_column"
        case positiveLabel = "positive_label"
        case groupColumn = "group_column"
        case sampleSubmission = "sample_submission"
    }

    /// The metric names, one or several.
    public var metricList: [String] {
        switch metric {
        case .one(let name)?: return [name]
        case .several(let names)?: return names
        case nil: return []
        }
    }

    /// The format of the task's files (`csv` when `format` is absent or unknown; `podium check` names it).
    public var taskFormat: TaskFormat { format.flatMap(TaskFormat.init(rawValue:)) ?? .csv }

    /// The name of the task's file in a submission.
    public var fileName: String { file ?? "\(id).\(taskFormat.fileExtension)" }

    /// The scoring spec for `solution`-style files of this task. The JSON formats default to Russian
    /// SuperGLUE's names: the id field `idx`, and MuSeRC's question in a `question` column.
    public func spec() -> TaskSpec {
        let json = taskFormat != .csv
        return TaskSpec(
            metrics: metricList.compactMap(BuiltinMetric.init(rawValue:)), idColumn: idColumn ?? (json ? "idx" : "id"),
            target: target ?? "label", positiveLabel: positiveLabel ?? "1",
            groupColumn: groupColumn ?? (taskFormat == .rsgMuserc ? "question" : nil),
            normalization: normalize.flatMap(AnswerNormalization.init(rawValue:)) ?? .squad, classes: classes,
            format: taskFormat, sliceColumn: slices)
    }
}

/// `metric: f1_macro` or `metric: [f1_macro, accuracy]`.
public enum MetricField: Codable, Sendable, Equatable {
    /// One metric.
    case one(String)
    /// Several metrics, averaged.
    case several([String])

    /// Decodes either form.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let name = try? container.decode(String.self) {
            self = .one(name)
        } else {
            self = .several(try container.decode([String].self))
        }
    }

    /// Encodes as written.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .one(let name): try container.encode(name)
        case .several(let names): try container.encode(names)
        }
    }
}

/// One round: practice, qualifying, final, …
public struct RoundConfig: Codable, Sendable, Equatable {
    /// The round's id.
    public var id: String
    /// A display name.
    public var title: String?
    /// When it opens by itself (ISO 8601, UTC); without it the organiser opens it by hand.
    public var opens: Date?
    /// When it closes by itself.
    public var closes: Date?
    /// The task ids it scores (default: all).
    public var tasks: [String]?
    /// This round's own hidden solutions by task id (default: each task's `solution`).
    public var solutions: [String: String]?
    /// Submission quota per team.
    public var submissions: QuotaConfig?
    /// How many submissions a team may pick for the private board (default 1).
    public var finalSelections: Int?
    /// `best` (default) or `latest` submission on the board.
    public var leaderboard: String?
    /// Which teams go on to the next round.
    public var advance: AdvanceConfig?
    /// At most this many of one team's submissions are scored at once (nil: no cap; the queue is fair
    /// across teams either way).
    public var maxConcurrentPerTeam: Int?
    /// Decimals public scores are rounded to, everywhere participants see them (nil: exact).
    public var publicPrecision: Int?
    /// Minutes before `closes` when the public board freezes: participants and the public see it as it stood
    /// then until the reveal; organisers see it live.
    public var freezeMinutes: Int?
    /// During a freeze, whether a team sees the public scores of its own new submissions: `show` (default) or `hide`.
    public var freezeOwn: String?
    /// The model card fields the board shows as columns (see `ModelCard.columns`).
    public var cardColumns: [String]?
    /// `bootstrap` (default): every score gets a 95% interval and the board rank groups; `none`: neither.
    public var intervals: String?
    /// Bootstrap resamples per part (default 1000).
    public var resamples: Int?
    /// `files` (the default) or `code`: participants upload a program Podium runs (see `code`).
    public var submission: String?
    /// How a code round runs its programs.
    public var code: CodeRunConfig?
    /// What a probing round takes and how it probes.
    public var probing: ProbingConfig?
    /// Who sees the scores on the slices of tasks that have them: `public`, `after_reveal` (the default: they are
    /// private-part information and would otherwise be a probing channel) or `organisers`.
    public var slicesVisibility: String?
    /// `standard` (the default) or `ladder` (see `PublicBoardRule`).
    public var publicBoard: String?
    /// The Ladder's step (default `PublicBoardRule.defaultLadderStep`).
    public var ladderStep: Double?

    /// Who sees slice scores (`after_reveal` when unset or unknown; `podium check` names a bad value).
    public var sliceVisibility: SliceVisibility {
        slicesVisibility.flatMap(SliceVisibility.init(rawValue:)) ?? .afterReveal
    }

    /// What this round's submissions are (files unless it says `code`; `podium check` names a bad value).
    public var submissionKind: SubmissionKind { submission.flatMap(SubmissionKind.init(rawValue:)) ?? .files }

    /// The code block of a code round (nil for a files round).
    public var codeRun: CodeRunConfig? { submissionKind == .code ? code : nil }

    /// The probing block of a probing round (nil for any other).
    public var probingRun: ProbingConfig? { submissionKind == .probing ? probing : nil }

    /// The default of `resamples`.
    public static let defaultResamples = 1000

    /// Resamples to score each part on: 0 when the round has no intervals.
    public var resampleCount: Int { intervals == "none" ? 0 : resamples ?? Self.defaultResamples }

    /// When the public board freezes (nil: it does not).
    public var freezeStart: Date? {
        guard let minutes = freezeMinutes, let closes else { return nil }
        return closes.addingTimeInterval(-Double(minutes) * 60)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, opens, closes, tasks, solutions, submissions, leaderboard, advance
        case finalSelections = "final_selections"
        case maxConcurrentPerTeam = "max_concurrent_per_team"
        case publicPrecision = "public_precision"
        case freezeMinutes = "freeze_minutes"
        case freezeOwn = "freeze_own"
        case cardColumns = "card_columns"
        case intervals, resamples, submission, code, probing
        case slicesVisibility = "slices_visibility"
        case publicBoard = "public_board"
        case ladderStep = "ladder_step"
    }

    /// A public score as participants see it: rounded to `public_precision` when the round sets one.
    public func publicValue(_ score: Double) -> Double {
        publicPrecision.map { PublicRounding.rounded(score, decimals: $0) } ?? score
    }

    /// Creates a round (tests and tools; competitions come from YAML).
    public init(
        id: String, title: String? = nil, opens: Date? = nil, closes: Date? = nil, tasks: [String]? = nil,
        solutions: [String: String]? = nil, submissions: QuotaConfig? = nil, finalSelections: Int? = nil,
        leaderboard: String? = nil, advance: AdvanceConfig? = nil
    ) {
        self.id = id
        self.title = title
        self.opens = opens
        self.closes = closes
        self.tasks = tasks
        self.solutions = solutions
        self.submissions = submissions
        self.finalSelections = finalSelections
        self.leaderboard = leaderboard
        self.advance = advance
    }

    /// The solution path of `task` in this round.
    public func solution(of task: TaskConfig) -> String { solutions?[task.id] ?? task.solution }

    /// Whether the board shows each team's latest submission rather than its best.
    public var usesLatest: Bool { leaderboard == "latest" }
}

/// A team's submission allowance in a round.
public struct QuotaConfig: Codable, Sendable, Equatable {
    /// Submissions per UTC day (the day starts at `reset_hour`).
    public var perDay: Int?
    /// Submissions in the whole round.
    public var total: Int?
    /// The hour (UTC, 0–23) the daily allowance resets (default 0).
    public var resetHour: Int?

    enum CodingKeys: String, CodingKey {
        case total
        case perDay = "per_day"
        case resetHour = "reset_hour"
    }

    /// Creates a quota.
    public init(perDay: Int? = nil, total: Int? = nil, resetHour: Int? = nil) {
        self.perDay = perDay
        self.total = total
        self.resetHour = resetHour
    }
}

/// Advancement to the next round: the top N teams, or every team at or above a score.
public struct AdvanceConfig: Codable, Sendable, Equatable {
    /// The number of teams.
    public var top: Int?
    /// The lowest score that advances.
    public var minScore: Double?

    enum CodingKeys: String, CodingKey {
        case top
        case minScore = "min_score"
    }

    /// Creates a rule.
    public init(top: Int? = nil, minScore: Double? = nil) {
        self.top = top
        self.minScore = minScore
    }
}

/// Who sees the scores of a round's submissions on their tasks' slices.
public enum SliceVisibility: String, Sendable, CaseIterable {
    case `public`
    case afterReveal = "after_reveal"
    case organisers

    /// Whether a reader sees them, given whether the round's private board is revealed.
    public func shows(organiser: Bool, revealed: Bool) -> Bool {
        switch self {
        case .public: true
        case .afterReveal: organiser || revealed
        case .organisers: organiser
        }
    }
}
