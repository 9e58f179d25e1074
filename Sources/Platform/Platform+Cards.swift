import Competitions
import Foundation
import Storage
import Tabular

/// Model cards: what a submission (or a baseline team) says about its model — name, links, size, inference speed,
/// GPU memory — shown beside its score on the board (MOROCCO's point: a score is read with what the model costs).
extension Platform {
    /// A card as stored: checked (links, positive numbers, lengths) and encoded as JSON; nil for no card.
    static func storedCard(_ card: ModelCard?) throws -> String? {
        guard let card, !card.isEmpty else { return nil }
        let problems = card.problems
        guard problems.isEmpty else {
            throw PlatformError(
                .invalidInput, "the model card has \(problems.count) problem\(problems.count == 1 ? "" : "s")",
                details: problems.map { CSVProblem(line: nil, column: nil, message: $0) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(card), as: UTF8.self)
    }

    static func decodedCard(_ json: String?) -> ModelCard? {
        json.flatMap { try? JSONDecoder().decode(ModelCard.self, from: Data($0.utf8)) }
    }

    /// The cards of a board's rows, by team: the card of the submission that counts, else (a baseline) its team's.
    public func cards(for rows: [Standing], competition slug: String) throws -> [String: ModelCard] {
        let bySubmission = try store.read { try $0.cards(submissionIds: rows.map(\.submission)) }
        var teamCards: [String: ModelCard] = [:]
        if rows.contains(where: { $0.isBaseline && bySubmission[$0.submission] == nil }) {
            for team in try teams(competition: slug) where team.isBaseline {
                teamCards[team.name] = Self.decodedCard(team.card)
            }
        }
        var cards: [String: ModelCard] = [:]
        for row in rows {
            if let card = Self.decodedCard(bySubmission[row.submission]) ?? teamCards[row.team] {
                cards[row.team] = card
            }
        }
        return cards
    }
}
