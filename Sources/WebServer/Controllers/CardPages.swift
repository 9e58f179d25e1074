import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Platform
import PodiumAPI

/// The board's model cards: a card's page (the "i" beside a row, as on the Russian SuperGLUE board) and the chart
/// of score against inference speed with its Pareto front. Only the cards of submissions a board shows are served.
extension PageController {
    /// The board a card or chart request reads: public (or private, after reveal or for organisers), frozen for
    /// everyone but organisers.
    func cardBoard(_ request: Request, _ context: PodiumContext) async throws -> (
        BoardSnapshot, session: (Sessions.Session, isNew: Bool)
    ) {
        let slug = try context.parameters.require("slug")
        let round = try context.parameters.require("round")
        let board: Board = request.uri.queryParameters["board"] == "private" ? .private : .public
        let session = pages.session(request)
        let organiser = session.0.isOrganiser
        let snapshot: BoardSnapshot
        do {
            snapshot = try await boards.snapshot(.init(slug: slug, round: round, board: board, live: organiser))
        } catch let error as PlatformError where error.code == .notFound {
            throw HTTPError(.notFound, message: error.message)
        }
        if board == .private, !snapshot.revealed, !organiser {
            throw HTTPError(.forbidden, message: "the private leaderboard is not revealed yet")
        }
        return (snapshot, session)
    }

    /// GET /c/{slug}/{round}/card/{submission} — the model card of a submission on the board.
    func cardPage(_ request: Request, context: PodiumContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let (snapshot, session) = try await cardBoard(request, context)
        guard let row = snapshot.rows.first(where: { $0.submission == id }),
            snapshot.cards[row.team] != nil || snapshot.slices[row.team] != nil || snapshot.layers[row.team] != nil
        else {
            throw HTTPError(
                .notFound, message: "no model card, slice or layer scores of a submission \(id) on this board")
        }
        let card = snapshot.cards[row.team] ?? ModelCard()
        let visit = pages.visit(request, session: session, competition: snapshot.config.language)
        let language = visit.language
        let texts: [(String, String?, Bool)] = [
            ("card_model", card.model, false), ("card_url", card.url, true), ("card_paper", card.paper, true),
            ("card_description", card.description, false),
            ("card_parameters", card.parameters.map(ModelCard.count), false),
            ("card_inference_speed", card.column("inference_speed"), false),
            ("card_gpu_memory_gb", card.column("gpu_memory_gb"), false),
            ("card_peak_memory_mb", card.column("peak_memory_mb"), false), ("card_hardware", card.hardware, false),
        ]
        let fields = texts.compactMap { key, value, isLink -> CardView.Field? in
            let measured = card.isMeasured(String(key.dropFirst("card_".count)))
            return value.map {
                .init(
                    label: localizer.text(key, language), value: $0, link: isLink ? $0 : nil, mark: measured ? "†" : "*"
                )
            }
        }
        let heading = localizer.text("title_card", language, ["team": row.team])
        var view = CardView(
            title: heading, heading: heading, slug: snapshot.key.slug, round: snapshot.key.round,
            submissionText: localizer.text(
                "card_submission", language,
                ["id": String(id), "round": snapshot.roundConfig.title ?? snapshot.key.round]),
            fields: fields, hasFields: !fields.isEmpty, measuredNote: !(card.measured ?? []).isEmpty,
            slices: sliceTables(snapshot.slices[row.team] ?? [:], snapshot, language))
        view.layers = snapshot.layers[row.team].flatMap { Self.layerTable($0, snapshot) }
        return pages.render("card", view, visit)
    }

    /// A probing entry's score from each layer on each task (the Private scores on the private board), with the
    /// layer the board takes marked.
    static func layerTable(_ layers: [String: LayerScores], _ snapshot: BoardSnapshot) -> CardView.LayerTable? {
        let format = snapshot.config.scoreFormat
        let tasks = snapshot.tasks.filter { layers[$0] != nil }
        let count = tasks.compactMap { layers[$0]?.public.count }.max() ?? 0
        guard count > 0 else { return nil }
        return CardView.LayerTable(
            tasks: tasks,
            rows: (0..<count).map { layer in
                .init(
                    layer: layer,
                    cells: tasks.map { task in
                        let scores = layers[task]!
                        let values = snapshot.key.board == .private ? scores.private ?? [] : scores.public
                        let value = values.indices.contains(layer) ? values[layer] : nil
                        return .init(score: format.string(value), chosen: scores.layer == layer)
                    })
            })
    }

    /// An entry's scores on the slices of each task that has them, in the config's task order.
    private func sliceTables(
        _ slices: [String: [SliceResult]], _ snapshot: BoardSnapshot, _ language: Language
    ) -> [CardView.SliceTable] {
        let format = snapshot.config.scoreFormat
        return snapshot.tasks.compactMap { task in
            slices[task].map { results in
                CardView.SliceTable(
                    heading: localizer.text("slices_title", language, ["task": task]),
                    rows: results.map { result in
                        .init(
                            slice: result.name, family: !result.name.contains("/"), rows: result.rows,
                            score: format.string(result.score),
                            interval: format.interval(result))
                    })
            }
        }
    }

    /// GET /c/{slug}/{round}/diagnostics[?board=private] — the board's top entries and baselines on every slice.
    func diagnostics(_ request: Request, context: PodiumContext) async throws -> Response {
        let (snapshot, session) = try await cardBoard(request, context)
        guard !snapshot.slices.isEmpty else {
            throw HTTPError(
                .notFound, message: "this board shows no slice scores (no task has slices, or they are not shown yet)")
        }
        let visit = pages.visit(request, session: session, competition: snapshot.config.language)
        let language = visit.language
        let rows = DiagnosticsPage.shownRows(snapshot)
        let resamples = try await blocking { [platform] in
            try Dictionary(
                snapshot.tasks.map { task in
                    (task, try platform.boards.sliceResamples(submissionIds: rows.map(\.submission), task: task))
                }
            ) { a, _ in a }
        }
        let view = DiagnosticsPage.view(snapshot, resamples: { resamples[$0] ?? [:] }, language, localizer)
        return pages.render("diagnostics", view, visit)
    }

    /// GET /c/{slug}/{round}/pareto.svg — score against inference speed, with the Pareto front.
    func pareto(_ request: Request, context: PodiumContext) async throws -> Response {
        let (snapshot, _) = try await cardBoard(request, context)
        let language = pages.language(request, competition: snapshot.config.language)
        let axis = (localizer.text("pareto_axis_speed", language), localizer.text("pareto_axis_score", language))
        let svg = boards.encoding("pareto \(language)", of: snapshot) {
            ByteBuffer(string: snapshot.pareto(axis) ?? "")
        }
        guard svg.readableBytes > 0 else {
            throw HTTPError(.notFound, message: "no model card on this board gives an inference speed")
        }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: ResponseBody(byteBuffer: svg))
    }
}
