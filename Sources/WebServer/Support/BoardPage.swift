import Competitions
import Foundation

/// The leaderboard page's template values: the table of one page of a board snapshot (shared by every
/// visitor) and the notice that points a logged-in team at its own row.
enum BoardPage {
    /// The values of `leaderboard.mustache` for `page` of `snapshot`.
    static func values(_ snapshot: BoardSnapshot, page: Pagination, _ language: Language, _ localizer: Localizer)
        -> [String: Any]
    {
        let key = snapshot.key
        let isPrivate = key.board == .private
        let format = snapshot.config.scoreFormat
        let tasks = snapshot.tasks.count > 1 ? snapshot.tasks : []
        let cardColumns = snapshot.roundConfig.cardColumns ?? []
        let domain = IntervalBar.domain(snapshot.rows)
        var previousGroup: Int?
        let rows = snapshot.rows(page).map { row -> [String: Any] in
            defer { previousGroup = row.group ?? previousGroup }
            var delta = ""
            if isPrivate, let rank = row.rank, let before = snapshot.publicRanks[row.team] {
                delta = before > rank ? "▲\(before - rank)" : before < rank ? "▼\(rank - before)" : "="
            }
            return [
                "rank": row.rank.map(String.init) ?? "—", "team": row.team, "baseline": row.isBaseline,
                "anchor": anchor(row.team), "score": format.string(row.score),
                "taskScores": tasks.map { snapshot.cell(row, task: $0) }, "entries": row.entries,
                "submittedAt": TimeText.html(row.submittedAt, language), "delta": delta,
                "cardCells": cardColumns.map { column -> [String: Any] in
                    let card = snapshot.cards[row.team]
                    let text = card?.column(column) ?? ""
                    let measured = card?.isMeasured(column) ?? false
                    return ["text": text, "measured": measured, "declared": !text.isEmpty && !measured]
                },
                "cardLink": PageRenderer.orNull(
                    snapshot.cards[row.team].map { _ in "/c/\(key.slug)/\(key.round)/card/\(row.submission)" }),
                "rankTitle": PageRenderer.orNull(sharedRankTitle(row, language, localizer)),
                "groupStart": row.group != nil && previousGroup != nil && row.group != previousGroup,
                "intervalBar": PageRenderer.orNull(
                    row.interval.flatMap { interval in
                        domain.map {
                            IntervalBar.svg(
                                interval, score: row.score, domain: $0,
                                title: "\(format.string(interval.low)) – \(format.string(interval.high))")
                        }
                    }),
                "inseparable": row.inseparableBaselines.map {
                    ["title": localizer.text("inseparable_baseline", language, ["baseline": $0])]
                },
            ].merging(["rank": rankLabel(row)]) { $1 }
        }
        var values: [String: Any] = [
            "competitionTitle": snapshot.config.title, "slug": key.slug, "round": key.round,
            "roundName": snapshot.roundConfig.title ?? key.round, "private": isPrivate, "rows": rows,
            "tasks": tasks.map { task in
                ["name": task, "metrics": (snapshot.taskMetrics[task] ?? []).joined(separator: " / ")]
            }, "chartTeams": localizer.plural("chart_teams", count: BoardSnapshot.chartTeams, language),
            "cardColumns": cardColumns.map { localizer.text("card_\($0)", language) },
            "selfReported": snapshot.rows(page).contains { row in
                cardColumns.contains {
                    snapshot.cards[row.team]?.column($0) != nil && snapshot.cards[row.team]?.isMeasured($0) == false
                }
            },
            "measuredNote": snapshot.rows(page).contains { row in
                cardColumns.contains { snapshot.cards[row.team]?.isMeasured($0) == true }
            },
            "intervals": domain != nil,
        ]
        if snapshot.cards.values.contains(where: { $0.inferenceSpeed != nil }) {
            values["pareto"] = "/c/\(key.slug)/\(key.round)/pareto.svg\(isPrivate ? "?board=private" : "")"
        }
        if let chart = snapshot.chart, !isPrivate { values["chart"] = chart }
        if let frozenAt = snapshot.frozenAt {
            values["frozen"] = localizer.text("board_frozen", language, ["when": TimeText.html(frozenAt, language)])
        }
        if var pager = pager(snapshot, page: page) {
            pager["range"] = localizer.text(
                "pager_teams", language,
                ["from": "\(pager["from"]!)", "to": "\(pager["to"]!)", "total": "\(pager["total"]!)"])
            values["pager"] = pager
        }
        return values
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
    static func pager(_ snapshot: BoardSnapshot, page: Pagination) -> [String: Any]? {
        let total = snapshot.rows.count
        guard total > page.limit || page.offset > 0 else { return nil }
        let shown = snapshot.rows(page).count
        let lastOffset = max(0, (total - 1) / page.limit * page.limit)
        var pager: [String: Any] = [
            "from": shown == 0 ? 0 : page.offset + 1, "to": page.offset + shown, "total": total,
        ]
        if page.offset > 0 {
            pager["first"] = href(snapshot, Pagination(offset: 0, limit: page.limit))
            pager["previous"] = href(snapshot, Pagination(offset: max(0, page.offset - page.limit), limit: page.limit))
        }
        if page.offset + page.limit < total {
            pager["next"] = href(snapshot, Pagination(offset: page.offset + page.limit, limit: page.limit))
            pager["last"] = href(snapshot, Pagination(offset: lastOffset, limit: page.limit))
        }
        return pager
    }

    /// The notice for the logged-in team `team`: its rank and a link to the page holding its row (which
    /// the notice's style highlights), or that it has no row yet.
    static func you(
        _ team: String, in snapshot: BoardSnapshot, page: Pagination, _ language: Language, _ localizer: Localizer
    ) -> [String: Any] {
        let name = "<strong>\(PageRenderer.escape(team))</strong>"
        guard let position = snapshot.positions[team] else {
            return ["absent": ["text": localizer.text("you_absent", language, ["team": name])]]
        }
        let row = snapshot.rows[position]
        var you: [String: Any] = ["anchor": anchor(team)]
        if let rank = row.rank {
            you["text"] = localizer.text(
                "you_rank", language, ["team": name, "rank": "#\(rank)", "total": String(snapshot.ranked)])
        } else {
            you["text"] = localizer.text("you_on_board", language, ["team": name])
        }
        let holding = page.page(holding: position)
        you["href"] = href(snapshot, holding) + "#row-\(anchor(team))"
        return ["you": you]
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
