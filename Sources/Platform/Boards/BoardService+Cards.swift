import Competitions
import Foundation
import PodiumAPI
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

    /// A card with a code run's measurements: over several tasks, the speed of the whole run (all records over the
    /// time all took) and the highest memory.
    static func measuredCard(_ card: ModelCard, _ measurements: [String: CodeMeasurements]) -> ModelCard {
        let runs = measurements.values
        let seconds = runs.compactMap { run in run.scoredRecordsPerSecond.map { Double(run.records) / $0 } }
        let records = runs.reduce(0) { $0 + $1.records }
        let speed: Double? =
            if runs.count == 1 { runs.first?.scoredRecordsPerSecond }  // exactly as measured, not divided back
            else if seconds.count == runs.count { Double(records) / seconds.reduce(0, +) } else { nil }
        let hardware = runs.first.map { "\($0.hardware.cpu), \($0.hardware.cores) cores" } ?? ""
        return card.measured(
            speed: speed, peakMemoryMb: runs.compactMap(\.peakMemoryMB).max(),
            gpuMemoryGb: runs.compactMap(\.gpuMemoryMB).max().map { $0 / 1024 }, hardware: hardware)
    }
}

extension BoardService {
    /// The cards of a board's rows, by team: the card of the submission that counts, else (a baseline) its team's.
    /// In a code round what Podium measured replaces what the card says (speed, memory, machine), marked as such.
    public func cards(for rows: [Standing], competition slug: String, round: String) throws -> [String: ModelCard] {
        let config = try platform.competition(slug).config
        return try store.read { try cards($0, for: rows, competition: slug, round: config.round(round)) }
    }

    /// `cards(for:competition:round:)` inside a caller's read.
    func cards(_ store: any StoreReader, for rows: [Standing], competition slug: String, round: RoundConfig?) throws
        -> [String: ModelCard]
    {
        let bySubmission = try store.cards(submissionIds: rows.map(\.submission))
        let sheets =
            round?.submissionKind == .code ? try store.scoreSheets(submissionIds: rows.map(\.submission)) : [:]
        var teamCards: [String: ModelCard] = [:]
        if rows.contains(where: { $0.isBaseline && bySubmission[$0.submission] == nil }) {
            for team in try store.teams(competition: slug) where team.isBaseline {
                teamCards[team.name] = Platform.decodedCard(team.card)
            }
        }
        var cards: [String: ModelCard] = [:]
        for row in rows {
            if let measurements = ScoreSheet(stored: sheets[row.submission])?.measurements, !measurements.isEmpty {
                cards[row.team] = Platform.measuredCard(
                    Platform.decodedCard(bySubmission[row.submission]) ?? ModelCard(), measurements)
            } else if let card = Platform.decodedCard(bySubmission[row.submission]) ?? teamCards[row.team] {
                cards[row.team] = card
            }
        }
        return cards
    }
}
