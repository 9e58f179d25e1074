import Foundation
import MLMetrics
import Scoring

/// What `podium check` reports about a competition folder.
public struct CheckReport: Sendable {
    /// Every problem found; empty when the competition is ready.
    public let problems: [String]
    /// The config, when it could be read.
    public let config: CompetitionConfig?
    /// Per task of the competition: rows in the Public and Private parts of its solution.
    public let taskRows: [String: (public: Int, private: Int)]

    /// True when nothing is wrong.
    public var ok: Bool { problems.isEmpty && config != nil }
}

/// Validates a competition folder offline: the YAML and its keys, dates and round order, metrics and
/// scorers, every file it names, each solution as an answer key, and each sample submission validated
/// against its solution exactly as a participant's file would be.
public enum CompetitionCheck {
    /// Checks `folder` (which holds competition.yaml); `scorers` is the scorers/ folder.
    public static func check(folder: String, scorers: String? = nil) -> CheckReport {
        let (loaded, yamlProblems) = ConfigLoader.load(path: "\(folder)/competition.yaml")
        var problems = yamlProblems
        guard let config = loaded else { return CheckReport(problems: problems, config: nil, taskRows: [:]) }
        let manager = FileManager.default
        func exists(_ relative: String, _ what: String) -> Bool {
            if manager.fileExists(atPath: "\(folder)/\(relative)") { return true }
            problems.append("\(what): file \(relative) does not exist")
            return false
        }

        if config.tasks.isEmpty { problems.append("tasks: a competition needs at least one task") }
        if config.rounds.isEmpty { problems.append("rounds: a competition needs at least one round") }
        if let decimals = config.displayPrecision, !(0...12).contains(decimals) {
            problems.append("display_precision: \(decimals) is not a number of decimals from 0 to 12")
        }
        if let language = config.language, !["en", "ru"].contains(language) {
            problems.append("language: \"\(language)\" is not en or ru")
        }
        if let score = config.score, score != "mean" { problems.append("score: \"\(score)\" is not mean") }
        if let description = config.description { _ = exists(description, "description") }
        if let registration = config.registration, Registration(rawValue: registration) == nil {
            problems.append("registration: \"\(registration)\" is not closed, open or approval")
        }
        if let size = config.maxTeamSize, !(1...100).contains(size) {
            problems.append("max_team_size: \(size) is not a team size from 1 to 100")
        }
        if let rules = config.rules { _ = exists(rules, "rules") }
        problems += NotifyKeys.problems(config.notify ?? [])
        problems += config.integrity?.problems() ?? []
        for file in config.files ?? [] { _ = exists(file, "files") }
        for duplicate in duplicates(config.tasks.map(\.id)) { problems.append("tasks: id \(duplicate) appears twice") }
        for duplicate in duplicates(config.rounds.map(\.id)) {
            problems.append("rounds: id \(duplicate) appears twice")
        }

        var directions = Set<Bool>()
        var scorerSpecs: [String: ScorerSpec] = [:]
        for task in config.tasks {
            let at = "tasks.\(task.id)"
            switch (task.metric, task.scorer) {
            case (nil, nil): problems.append("\(at): needs a metric or a scorer")
            case (.some, .some): problems.append("\(at): has both a metric and a scorer; keep one")
            case (nil, let scorer?):
                if let scorers, !manager.fileExists(atPath: "\(scorers)/\(scorer)/scorer.yaml") {
                    problems.append("\(at).scorer: no scorer \"\(scorer)\" (expected \(scorers)/\(scorer)/scorer.yaml)")
                } else if let scorers {
                    let (spec, scorerProblems) = ScorerCatalogue.load(folder: "\(scorers)/\(scorer)")
                    problems += scorerProblems.map { "\(at).scorer: \($0)" }
                    if let spec { scorerSpecs[task.id] = spec }
                } else {
                    problems.append("\(at).scorer: scorers are not available here")
                }
            case (.some, nil):
                for name in task.metricList {
                    if let metric = BuiltinMetric(rawValue: name) {
                        directions.insert(metric.higherIsBetter)
                    } else {
                        problems.append(
                            "\(at).metric: unknown metric \"\(name)\"; one of \(BuiltinMetric.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                }
            }
            if let normalize = task.normalize, AnswerNormalization(rawValue: normalize) == nil {
                problems.append("\(at).normalize: \"\(normalize)\" is not squad or unicode")
            }
            if let weight = task.weight, !(weight >= 0) { problems.append("\(at).weight: must be 0 or more") }
            if let format = task.format, TaskFormat(rawValue: format) == nil {
                problems.append(
                    "\(at).format: \"\(format)\" is not one of \(TaskFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if let file = task.file, file.isEmpty || file.contains("/") || file.hasPrefix(".") {
                problems.append("\(at).file: \"\(file)\" must be a plain file name such as \(task.id).jsonl")
            }
            for file in task.files ?? [] { _ = exists(file, "\(at).files") }
            if task.slices != nil, task.scorer != nil {
                problems.append(
                    "\(at).slices: a task scored by a scorer program has no slices (only built-in metrics do)")
            }
        }
        if directions.count > 1 {
            problems.append(
                "tasks: metrics disagree on direction (some higher-is-better, some lower); the composite needs one")
        }

        checkRounds(config, &problems)
        for round in config.rounds { problems += codeProblems(round, config: config, folder: folder) }

        var taskRows: [String: (public: Int, private: Int)] = [:]
        var checkedSolutions = Set<String>()
        for round in config.rounds {
            for task in config.tasks(of: round)
            where (task.scorer == nil || scorerSpecs[task.id] != nil)
                && problems.allSatisfy({ !$0.hasPrefix("tasks.\(task.id).metric") })
            {
                let solution = round.solution(of: task)
                guard checkedSolutions.insert(solution).inserted else { continue }
                guard exists(solution, "tasks.\(task.id).solution") else { continue }
                let key: AnswerKey
                do {
                    let spec = scorerSpecs[task.id].map(task.spec(scorer:)) ?? task.spec()
                    key = try AnswerKey.load(path: "\(folder)/\(solution)", spec: spec)
                } catch {
                    problems.append("tasks.\(task.id): \(error)")
                    continue
                }
                if solution == task.solution { taskRows[task.id] = (key.count(.public), key.count(.private)) }
                if let column = task.slices, key.slices?.names.isEmpty ?? true {
                    problems.append(
                        "tasks.\(task.id).slices: no row of \(solution) names a slice in its \(column) column")
                }
                if let sample = task.sampleSubmission, solution == task.solution,
                    exists(sample, "tasks.\(task.id).sample_submission")
                {
                    do {
                        _ = try SubmissionValidator.validate(path: "\(folder)/\(sample)", key: key)
                    } catch {
                        problems.append(
                            "tasks.\(task.id).sample_submission fails validation against \(solution): \(error)")
                    }
                }
            }
        }
        return CheckReport(problems: problems, config: config, taskRows: taskRows)
    }

    /// Dates, order, overlap, quotas, tasks named by rounds, selections, modes, advancement.
    static func checkRounds(_ config: CompetitionConfig, _ problems: inout [String]) {
        var previousClose: (id: String, date: Date)?
        for (index, round) in config.rounds.enumerated() {
            let at = "rounds.\(round.id)"
            if let opens = round.opens, let closes = round.closes, closes <= opens {
                problems.append("\(at): closes (\(iso(closes))) is not after opens (\(iso(opens)))")
            }
            if let opens = round.opens, let previous = previousClose, opens < previous.date {
                problems.append(
                    "\(at): opens (\(iso(opens))) before rounds.\(previous.id) closes (\(iso(previous.date))); rounds must not overlap"
                )
            }
            if let closes = round.closes { previousClose = (round.id, closes) }
            for id in round.tasks ?? [] where config.task(id) == nil {
                problems.append("\(at).tasks: no task \"\(id)\"")
            }
            for id in (round.solutions ?? [:]).keys where config.task(id) == nil {
                problems.append("\(at).solutions: no task \"\(id)\"")
            }
            if let quota = round.submissions {
                if let perDay = quota.perDay, perDay < 1 {
                    problems.append("\(at).submissions.per_day: must be at least 1")
                }
                if let total = quota.total, total < 1 { problems.append("\(at).submissions.total: must be at least 1") }
                if let hour = quota.resetHour, !(0...23).contains(hour) {
                    problems.append("\(at).submissions.reset_hour: must be 0 to 23")
                }
            }
            if let selections = round.finalSelections, selections < 1 {
                problems.append("\(at).final_selections: must be at least 1")
            }
            if let cap = round.maxConcurrentPerTeam, cap < 1 {
                problems.append("\(at).max_concurrent_per_team: must be at least 1")
            }
            if let minutes = round.freezeMinutes {
                if minutes <= 0 {
                    problems.append("\(at).freeze_minutes: \(minutes) is not a positive number of minutes")
                }
                if round.closes == nil {
                    problems.append("\(at).freeze_minutes: the round needs closes to freeze before it")
                }
            }
            for column in round.cardColumns ?? [] where !ModelCard.columns.contains(column) {
                problems.append(
                    "\(at).card_columns: \"\(column)\" is not one of \(ModelCard.columns.joined(separator: ", "))")
            }
            if let intervals = round.intervals, !["bootstrap", "none"].contains(intervals) {
                problems.append("\(at).intervals: \"\(intervals)\" is not bootstrap or none")
            }
            if let resamples = round.resamples, !(100...100_000).contains(resamples) {
                problems.append("\(at).resamples: \(resamples) is not a number of resamples from 100 to 100000")
            }
            if let visibility = round.slicesVisibility, SliceVisibility(rawValue: visibility) == nil {
                let allowed = SliceVisibility.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append("\(at).slices_visibility: \"\(visibility)\" is not one of \(allowed)")
            }
            if let own = round.freezeOwn, !["show", "hide"].contains(own) {
                problems.append("\(at).freeze_own: \"\(own)\" is not show or hide")
            }
            if let decimals = round.publicPrecision, !(0...12).contains(decimals) {
                problems.append("\(at).public_precision: \(decimals) is not a number of decimals from 0 to 12")
            }
            if let mode = round.leaderboard, !["best", "latest"].contains(mode) {
                problems.append("\(at).leaderboard: \"\(mode)\" is not best or latest")
            }
            problems += ladderProblems(round, at: at)
            if let advance = round.advance {
                if index == config.rounds.count - 1 {
                    problems.append("\(at).advance: the last round has no next round")
                }
                if (advance.top == nil) == (advance.minScore == nil) {
                    problems.append("\(at).advance: give top or min_score")
                }
                if let top = advance.top, top < 1 { problems.append("\(at).advance.top: must be at least 1") }
            }
        }
    }

    /// A round's `public_board` and `ladder_step`.
    static func ladderProblems(_ round: RoundConfig, at: String) -> [String] {
        var problems: [String] = []
        if let board = round.publicBoard, !["standard", "ladder"].contains(board) {
            problems.append("\(at).public_board: \"\(board)\" is not standard or ladder")
        }
        if round.usesLadder, round.usesLatest {
            problems.append("\(at).public_board: a ladder shows each team's best; it cannot use leaderboard: latest")
        }
        if let step = round.ladderStep {
            if !(step > 0 && step.isFinite) { problems.append("\(at).ladder_step: \(step) must be a positive number") }
            if !round.usesLadder {
                problems.append("\(at).ladder_step: only a round with public_board: ladder has one")
            }
        }
        return problems
    }

    /// A round's `submission`, `code` and `probing` keys.
    static func codeProblems(_ round: RoundConfig, config: CompetitionConfig, folder: String) -> [String] {
        let at = "rounds.\(round.id)"
        if let kind = round.submission, SubmissionKind(rawValue: kind) == nil {
            let allowed = SubmissionKind.allCases.map(\.rawValue).joined(separator: ", ")
            return ["\(at).submission: \"\(kind)\" is not one of \(allowed)"]
        }
        var problems: [String] = []
        switch (round.submissionKind, round.code) {
        case (.code, nil):
            problems.append("\(at).code: a round with submission: code needs a code block (inputs, limits)")
        case (.files, .some), (.probing, .some):
            problems.append("\(at).code: only a round with submission: code runs programs; add it or drop code")
        case (.code, let code?):
            problems += code.problems(at: "\(at).code", tasks: config.tasks(of: round), folder: folder)
        case (.files, nil), (.probing, nil): break
        }
        switch (round.submissionKind, round.probing) {
        case (.probing, nil):
            problems.append("\(at).probing: a round with submission: probing needs a probing block (layers)")
        case (.probing, let probing?):
            problems += probing.problems(at: "\(at).probing")
            for task in config.tasks(of: round) {
                if let train = task.probeTrain, !FileManager.default.fileExists(atPath: "\(folder)/\(train)") {
                    problems.append("tasks.\(task.id).probe_train: \(train) does not exist")
                }
                if task.scorer != nil {
                    problems.append("tasks.\(task.id).scorer: a probing round scores its tasks with built-in metrics")
                }
            }
        case (_, .some):
            problems.append("\(at).probing: only a round with submission: probing probes; add it or drop probing")
        case (_, nil): break
        }
        return problems
    }

    private static func duplicates(_ values: [String]) -> [String] {
        Dictionary(grouping: values, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }

    /// ISO 8601 in UTC.
    public static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
