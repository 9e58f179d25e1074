import MLMetrics
import Scoring

/// Which of a key's rows a prediction got wrong (see `ErrorPattern`).
enum WrongRows {
    static func flags(_ predictions: PredictedValues, key: AnswerKey, rows: [Int]) -> [Bool] {
        switch (predictions, key.truth) {
        case (.labels(let predicted), .labels(let truth)):
            return rows.map { predicted[$0] != truth[$0] }
        case (.positiveProbabilities(let probabilities), .labels(let truth)):
            let positive = key.positiveCode.map(Int32.init) ?? 1
            return rows.map { (probabilities[$0] >= 0.5) != (truth[$0] == positive) }
        case (.classProbabilities(let columns), .labels(let truth)):
            return rows.map { row in
                let best = columns.indices.max { columns[$0][row] < columns[$1][row] } ?? 0
                return Int32(best) != truth[row]
            }
        case (.numbers(let predicted), .numbers(let truth)):
            let errors = rows.map { abs(predicted[$0] - truth[$0]) }
            let sorted = errors.sorted()
            let median = sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
            return errors.map { !($0 <= median) }
        case (.answers(let predicted), .answers(let golds)):
            return rows.map {
                AnswerMetrics.exactMatch(predicted[$0], golds: golds[$0], normalization: key.spec.normalization) == 0
            }
        default:
            return rows.map { _ in false }
        }
    }
}
