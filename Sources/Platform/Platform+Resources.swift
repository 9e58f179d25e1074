import Competitions
import Foundation
import PodiumAPI
import Storage
import Tabular

/// The platform's records as the API's resources, made in one place for the server and the CLI.
extension Platform {
    /// A competition with its tasks, rounds (state now) and public files.
    public func competitionResource(_ slug: String) throws -> CompetitionResource {
        let (_, config) = try competition(slug)
        var rounds: [CompetitionResource.Round] = []
        for round in config.rounds {
            rounds.append(
                .init(
                    id: round.id, title: round.title,
                    state: try roundState(competition: slug, round: round.id).rawValue,
                    opens: round.opens, closes: round.closes,
                    revealed: try revealed(competition: slug, round: round.id) != nil))
        }
        return CompetitionResource(
            slug: slug, title: config.title,
            tasks: config.tasks.map {
                .init(
                    id: $0.id, metric: $0.scorer.map { "scorer:\($0)" } ?? $0.metricList.joined(separator: "+"),
                    format: $0.taskFormat.rawValue, file: $0.fileName)
            },
            rounds: rounds, files: try organisers.publicFiles(competition: slug).keys.sorted())
    }

    /// A board's rows `offset..<offset+limit` (all of them by default) as the API gives them.
    public static func leaderboardResource(
        _ rows: [Standing], round: String, board: Board, displayPrecision: Int, offset: Int = 0, limit: Int = .max,
        frozenAt: Date? = nil, cards: [String: ModelCard] = [:], slices: [String: [String: [SliceResult]]] = [:],
        layers: [String: [String: LayerScores]] = [:], rule: PublicBoardRule = .best
    ) -> LeaderboardResource {
        let ladderStep: Double? = if case .ladder(let step) = rule { step } else { nil }
        let start = min(offset, rows.count)
        let end = start + min(limit, rows.count - start)
        return LeaderboardResource(
            round: round, board: board.rawValue, displayPrecision: displayPrecision, total: rows.count, offset: offset,
            rows: rows[start..<end].map {
                .init(
                    rank: $0.rank, team: $0.team, score: $0.score, tasks: $0.tasks, metrics: $0.metrics,
                    baseline: $0.isBaseline, submission: $0.submission, submittedAt: $0.submittedAt,
                    entries: $0.entries, card: cards[$0.team].flatMap(cardValue),
                    interval: $0.interval.map { [$0.low, $0.high] }, group: $0.group,
                    ranks: $0.sharedRanks.map { [$0.lowerBound, $0.upperBound] },
                    inseparableFrom: $0.inseparableBaselines, slices: slices[$0.team], layers: layers[$0.team])
            }, frozenAt: frozenAt, ladderStep: ladderStep)
    }

    /// A model card as the API's JSON gives it.
    static func cardValue(_ card: ModelCard) -> JSONValue? {
        (try? storedCard(card)).flatMap { $0 }.flatMap { try? JSONLinesReader.value(of: $0) }
    }
}

extension QuotaResource {
    /// A quota's resource.
    public init(_ quota: QuotaStatus) { self.init(used: quota.used, limit: quota.limit, resetsAt: quota.resetsAt) }
}

extension AcceptedResource {
    /// An accepted submission's answer.
    public init(_ accepted: Platform.Accepted) {
        self.init(
            id: accepted.id, status: accepted.status.rawValue, queuePosition: accepted.queuePosition,
            quota: QuotaResource(accepted.quota))
    }
}

extension ErrorBody {
    /// A platform refusal as the API and the CLI's `--json` print it.
    public init(_ error: PlatformError) {
        self.init(
            .init(
                code: error.code.rawValue, message: error.message,
                details: error.details.map { .init(line: $0.line, column: $0.column, message: $0.message) },
                resetsAt: error.resetsAt))
    }
}
