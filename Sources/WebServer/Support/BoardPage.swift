import Competitions
import Foundation

/// The leaderboard page's template values: the table of one page of a board snapshot (shared by every
/// visitor) and the notice that points a logged-in team at its own row.
enum BoardPage {
    /// The view of `leaderboard.mustache` for `page` of `snapshot`.
    static func view(_ snapshot: BoardSnapshot, page: Pagination, _ language: Language, _ localizer: Localizer)
        -> LeaderboardView
    {
        let key = snapshot.key
        let isPrivate = key.board == .private
        let format = snapshot.config.scoreFormat
        let tasks = snapshot.tasks.count > 1 ? snapshot.tasks : []
        let cardColumns = snapshot.roundConfig.cardColumns ?? []
        let domain = IntervalBar.domain(snapshot.rows)
        var previousGroup: Int?
        let rows = snapshot.rows(page).map { row -> LeaderboardView.Row in
            defer { previousGroup = row.group ?? previousGroup }
            var delta = ""
            if isPrivate, let rank = row.rank, let before = snapshot.publicRanks[row.team] {
                delta = before > rank ? "▲\(before - rank)" : before < rank ? "▼\(rank - before)" : "="
            }
            let card = snapshot.cards[row.team]
            return LeaderboardView.Row(
                rank: rankLabel(row), team: row.team, baseline: row.isBaseline, anchor: anchor(row.team),
                score: format.string(row.score), taskScores: tasks.map { snapshot.cell(row, task: $0) },
                entries: row.entries, submittedAt: TimeText.html(row.submittedAt, language), delta: delta,
                cardCells: cardColumns.map { column in
                    let text = card?.column(column) ?? ""
                    let measured = card?.isMeasured(column) ?? false
                    return .init(text: text, measured: measured, declared: !text.isEmpty && !measured)
                },
                cardLink: card != nil || snapshot.slices[row.team] != nil || snapshot.layers[row.team] != nil
                    ? "/c/\(key.slug)/\(key.round)/card/\(row.submission)\(key.board == .private ? "?board=private" : "")"
                    : nil,
                rankTitle: sharedRankTitle(row, language, localizer),
                groupStart: row.group != nil && previousGroup != nil && row.group != previousGroup,
                intervalBar: row.interval.flatMap { interval in
                    domain.map {
                        IntervalBar.svg(
                            interval, score: row.score, domain: $0,
                            title: format.interval(interval.low, interval.high))
                    }
                },
                inseparable: row.inseparableBaselines.map {
                    .init(title: localizer.text("inseparable_baseline", language, ["baseline": $0]))
                })
        }
        let shownCards = snapshot.rows(page).compactMap { snapshot.cards[$0.team] }
        var view = LeaderboardView(
            competitionTitle: snapshot.config.title, slug: key.slug, round: key.round,
            roundName: snapshot.roundConfig.title ?? key.round, private: isPrivate, rows: rows,
            tasks: tasks.map { task in
                .init(name: task, metrics: (snapshot.taskMetrics[task] ?? []).joined(separator: " / "))
            }, chartTeams: localizer.plural("chart_teams", count: BoardSnapshot.chartTeams, language),
            cardColumns: cardColumns.map { localizer.text("card_\($0)", language) },
            selfReported: shownCards.contains { card in
                cardColumns.contains { card.column($0) != nil && !card.isMeasured($0) }
            },
            measuredNote: shownCards.contains { card in cardColumns.contains { card.isMeasured($0) } },
            intervals: domain != nil)
        if snapshot.cards.values.contains(where: { $0.inferenceSpeed != nil }) {
            view.pareto = "/c/\(key.slug)/\(key.round)/pareto.svg\(isPrivate ? "?board=private" : "")"
        }
        if !snapshot.slices.isEmpty {
            view.diagnostics = "/c/\(key.slug)/\(key.round)/diagnostics\(isPrivate ? "?board=private" : "")"
        }
        if !isPrivate { view.chart = snapshot.chart }
        view.layerCharts = layerCharts(snapshot, language, localizer)
        if case .ladder(let step) = snapshot.roundConfig.publicBoardRule, !isPrivate {
            view.ladder = localizer.text(
                "ladder_board_note", language, ["step": snapshot.config.scoreFormat.string(step)])
        }
        if let frozenAt = snapshot.frozenAt {
            view.frozen = localizer.text("board_frozen", language, ["when": TimeText.html(frozenAt, language)])
        }
        if var pager = pager(snapshot, page: page) {
            pager.range = localizer.text(
                "pager_teams", language,
                ["from": "\(pager.from)", "to": "\(pager.to)", "total": "\(pager.total)"])
            view.pager = pager
        }
        return view
    }

    /// A probing board's charts: per task, score against layer for the top teams and the baselines (the Private
    /// scores on the private board).
    static func layerCharts(_ snapshot: BoardSnapshot, _ language: Language, _ localizer: Localizer)
        -> [LeaderboardView.LayerChartView]
    {
        guard !snapshot.layers.isEmpty else { return [] }
        let top = snapshot.rows.filter { !$0.isBaseline }.prefix(BoardSnapshot.chartTeams)
        let shown = Array(top) + snapshot.rows.filter(\.isBaseline)
        let axis = (x: localizer.text("layer_axis", language), y: localizer.text("score_axis", language))
        return snapshot.tasks.compactMap { task in
            let lines = shown.compactMap { row -> LayerChart.Line? in
                guard let scores = snapshot.layers[row.team]?[task] else { return nil }
                let values = snapshot.key.board == .private ? scores.private ?? [] : scores.public
                return LayerChart.Line(team: row.team, scores: values, chosen: scores.layer, baseline: row.isBaseline)
            }
            return LayerChart.svg(lines, format: snapshot.config.scoreFormat, axis: axis).map {
                .init(task: task, title: localizer.text("layer_chart_title", language, ["task": task]), svg: $0)
            }
        }
    }

    /// A row's rank as the board shows it: "1–3" when its rank group spans several ranks, else its rank.
    static func rankLabel(_ row: Standing) -> String {
        if let ranks = row.sharedRanks, ranks.count > 1 { return "\(ranks.lowerBound)–\(ranks.upperBound)" }
        return row.rank.map(String.init) ?? "—"
    }

    /// The tooltip of a shared rank: the row's own rank and the ranks its group spans.
    static func sharedRankTitle(_ row: Standing, _ language: Language, _ localizer: Localizer) -> String? {
        guard let rank = row.rank, let ranks = row.sharedRanks, ranks.count > 1 else { return nil }
        return localizer.text(
            "shared_rank", language, ["rank": String(rank), "ranks": "\(ranks.lowerBound)–\(ranks.upperBound)"])
    }

    /// The pager of a board longer than one page: which teams are shown and the links around them.
    static func pager(_ snapshot: BoardSnapshot, page: Pagination) -> LeaderboardView.Pager? {
        let total = snapshot.rows.count
        guard total > page.limit || page.offset > 0 else { return nil }
        let shown = snapshot.rows(page).count
        let lastOffset = max(0, (total - 1) / page.limit * page.limit)
        let before = page.offset > 0
        let after = page.offset + page.limit < total
        return LeaderboardView.Pager(
            from: shown == 0 ? 0 : page.offset + 1, to: page.offset + shown, total: total,
            first: before ? href(snapshot, Pagination(offset: 0, limit: page.limit)) : nil,
            previous: before
                ? href(snapshot, Pagination(offset: max(0, page.offset - page.limit), limit: page.limit)) : nil,
            next: after ? href(snapshot, Pagination(offset: page.offset + page.limit, limit: page.limit)) : nil,
            last: after ? href(snapshot, Pagination(offset: lastOffset, limit: page.limit)) : nil)
    }

    /// The notice for the logged-in team `team`: its rank and a link to the page holding its row (which
    /// the notice's style highlights), or that it has no row yet.
    static func you(
        _ team: String, in snapshot: BoardSnapshot, page: Pagination, _ language: Language, _ localizer: Localizer
    ) -> YouView {
        let name = "<strong>\(PageRenderer.escape(team))</strong>"
        guard let position = snapshot.positions[team] else {
            return YouView(absent: .init(text: localizer.text("you_absent", language, ["team": name])))
        }
        let row = snapshot.rows[position]
        let text =
            row.rank.map {
                localizer.text(
                    "you_rank", language, ["team": name, "rank": "#\($0)", "total": String(snapshot.ranked)])
            } ?? localizer.text("you_on_board", language, ["team": name])
        let holding = page.page(holding: position)
        return YouView(
            you: .init(anchor: anchor(team), text: text, href: href(snapshot, holding) + "#row-\(anchor(team))"))
    }

    /// The page's address with `page` selected.
    static func href(_ snapshot: BoardSnapshot, _ page: Pagination) -> String {
        var query = snapshot.key.board == .private ? ["board=private"] : []
        if page.offset > 0 { query.append("offset=\(page.offset)") }
        if page.limit != 100 { query.append("limit=\(page.limit)") }
        return "/c/\(snapshot.key.slug)/\(snapshot.key.round)/leaderboard"
            + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// The id of a team's row: its name's UTF-8 bytes in hex, safe in HTML ids, URLs and CSS selectors.
    static func anchor(_ team: String) -> String {
        team.utf8.map { String(format: "%02x", $0) }.joined()
    }
}
