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
            rounds: rounds, files: try publicFiles(competition: slug).keys.sorted())
    }

    /// A submission as its team sees it, or — `organiser` — with the team, the Private score and the full
    /// failure.
    /// `view`: the team's view of the round's public scores, when the caller has it for several submissions.
    public func submissionResource(_ record: SubmissionRecord, organiser: Bool, view: TeamScoreView? = nil) throws
        -> SubmissionResource
    {
        let config = try competition(record.competition).config
        // A team sees its public scores as the board shows them (rounded to public_precision; hidden during a
        // freeze with freeze_own: hide); organisers see them exact.
        let (score, tasks) =
            organiser
            ? (record.publicScore, record.publicTaskScores)
            : try (view ?? teamScoreView(competition: record.competition, round: record.round)).scores(record)
        let job = record.status == .scoring ? try store.read { try $0.job(submissionId: record.id!) } : nil
        let sheet = ScoreSheet(stored: record.scores)
        return SubmissionResource(
            id: record.id!, round: record.round, status: record.status.rawValue,
            queuePosition: record.status == .queued ? try queue.position(of: record.id!) : nil,
            submittedAt: record.createdAt, message: record.message, publicScore: score, tasks: tasks,
            selected: record.selected, error: record.error, scoredAt: record.scoredAt,
            displayPrecision: config.scoreFormat.decimals,
            team: organiser ? try store.read { try $0.team(id: record.teamId)?.name } : nil,
            privateScore: organiser ? record.privateScore : nil, errorDetail: organiser ? record.errorDetail : nil,
            disqualified: record.disqualified,
            submittedBy: try record.submittedBy.flatMap { id in try store.read { try $0.participant(id: id)?.name } },
            measurements: sheet?.measurements, stage: job?.stage, startedAt: job?.claimedAt,
            slices: try sheet?.slices.flatMap { slices in
                try showsSlices(record, config: config, organiser: organiser) ? slices : nil
            },
            layers: try sheet?.layers.flatMap { layers in
                if organiser { return layers }
                // As the team sees its public scores: rounded as the board rounds them, hidden while they are.
                guard score != nil else { return nil }
                let round = try self.round(record.round, in: config, slug: record.competition)
                return layers.mapValues { scores in
                    LayerScores(
                        layer: scores.layer, public: scores.public.map { $0.map(round.publicValue) }, private: nil)
                }
            })
    }

    /// Whether a reader sees the slice scores of `record`'s round now (its `slices_visibility`); the reveal is read
    /// only when the answer depends on it.
    func showsSlices(_ record: SubmissionRecord, config: CompetitionConfig, organiser: Bool) throws -> Bool {
        let visibility = try round(record.round, in: config, slug: record.competition).sliceVisibility
        let asksReveal = visibility == .afterReveal && !organiser
        let revealed = try asksReveal && self.revealed(competition: record.competition, round: record.round) != nil
        return visibility.shows(organiser: organiser, revealed: revealed)
    }

    /// A board's rows `offset..<offset+limit` (all of them by default) as the API gives them.
    public static func leaderboardResource(
        _ rows: [Standing], round: String, board: Board, displayPrecision: Int, offset: Int = 0, limit: Int = .max,
        frozenAt: Date? = nil, cards: [String: ModelCard] = [:], slices: [String: [String: [SliceResult]]] = [:],
        layers: [String: [String: LayerScores]] = [:]
    ) -> LeaderboardResource {
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
            }, frozenAt: frozenAt)
    }

    /// A model card as the API's JSON gives it.
    static func cardValue(_ card: ModelCard) -> JSONValue? {
        (try? storedCard(card)).flatMap { $0 }.flatMap { try? JSONLinesReader.value(of: $0) }
    }

    /// The newest deliveries and events, for organisers.
    public func deliveriesResource(limit: Int = 100) throws -> DeliveriesResource {
        DeliveriesResource(
            deliveries: try Outbox(store: store).recent(limit: limit).map {
                .init(
                    event: $0.eventId, target: $0.target, state: $0.state.rawValue, attempts: $0.attempts,
                    lastStatus: $0.lastStatus, lastResponse: $0.lastResponse, nextAttemptAt: $0.nextAttemptAt)
            },
            events: try events().map {
                .init(
                    id: $0.id!, competition: $0.competition, type: $0.type.rawValue, createdAt: $0.createdAt,
                    data: (try? JSONLinesReader.value(of: $0.payload)) ?? .string($0.payload))
            })
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
