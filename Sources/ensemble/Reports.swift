/// What each `ensemble` command prints with `--json`: one Codable report per command, keys in snake_case as they
/// have always been written.

/// A refusal: `{"error": {"message": …}}`.
struct ErrorReport: Encodable {
    struct Message: Encodable {
        let message: String
    }

    let error: Message
}

/// `ensemble evaluate`: each model's score, the blend's, the oracle's, and the pairwise matrix named by its kind
/// (`disagreement` for labels, `correlation` for scores), undefined entries as null.
struct EvaluateReport: Encodable {
    let metric: String
    let scores: [String: Double]
    let blend: Double
    let oracle: Double?
    let pairwiseKind: String
    let pairwise: [[Double?]]
    let files: [String]

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(metric, forKey: Key("metric"))
        try container.encode(scores, forKey: Key("scores"))
        try container.encode(blend, forKey: Key("blend"))
        try container.encode(oracle, forKey: Key("oracle"))  // null when undefined
        try container.encode(pairwise, forKey: Key(pairwiseKind))
        try container.encode(files, forKey: Key("files"))
    }
}

/// `ensemble mean`.
struct MeanReport: Encodable {
    let output: String
    let rows: Int
    let method: String
    let files: Int
}

/// `ensemble vote`: each file's agreement with the vote, in rows.
struct VoteReport: Encodable {
    let output: String
    let rows: Int
    let agreement: [Int]
}

/// `ensemble stack`.
struct StackReport: Encodable {
    let output: String
    let meta: String
    let features: Int
    let folds: Int
    let crossValidation: [String: Double]

    enum CodingKeys: String, CodingKey {
        case output, meta, features, folds
        case crossValidation = "cross_validation"
    }
}

/// `ensemble select`: the weights, each model's own score, the blend's, and each bag's trajectory.
struct SelectReport: Encodable {
    struct Step: Encodable {
        let model: String
        let score: Double
    }

    let output: String
    let metric: String
    let weights: [String: Double]
    let singleScores: [String: Double]
    let blendScore: Double
    let trajectories: [[Step]]

    enum CodingKeys: String, CodingKey {
        case output, metric, weights, trajectories
        case singleScores = "single_scores"
        case blendScore = "blend_score"
    }
}

/// `ensemble tasks`: one blend per task of a benchmark.
struct TasksReport: Encodable {
    struct Task: Encodable {
        let task: String
        let metric: String
        let choice: String
        let blendScore: Double
        let scores: [String: Double]
        let weights: [String: Double]

        enum CodingKeys: String, CodingKey {
            case task, metric, choice, scores, weights
            case blendScore = "blend_score"
        }
    }

    let output: String
    let tasks: [Task]
}
