import Competitions
import Foundation
import MLMetrics
import PodiumAPI
import Scoring
import Storage
import Timekeeping

extension Platform {
    /// The version recorded with every score.
    public static let scorerVersion = "podium-0.1.0/builtin-metrics"

    /// A slice's score as stored and served: its 95% interval from its resamples, as the board's.
    static func sliceResult(_ slice: SliceScore) -> SliceResult {
        let interval = slice.score.flatMap { score in slice.resamples.flatMap { RankGroups.interval($0, score: score) }
        }
        return SliceResult(
            name: slice.name, rows: slice.rows, score: slice.score, low: interval?.low, high: interval?.high)
    }
}

extension ScoringService {
    /// Scores a stored submission against its round's answer keys: each task on its Public and Private
    /// parts, then the weighted mean over tasks.
    /// A code submission's program runs first, in the sandbox, and its output is scored as an upload is.
    func score(_ submission: SubmissionRecord, worker: String) throws -> StoredScore {
        let (record, config) = try platform.competition(submission.competition)
        let round = try platform.round(submission.round, in: config, slug: submission.competition)
        let stored = try store.read { try $0.files(submissionId: submission.id!) }
        var codeOutput: Platform.CodeRunOutput?
        if let code = round.codeRun {
            let scratch = try Platform.codeRunFolder()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            codeOutput = try runCode(
                submission, round: round, config: config, folder: record.folder, code: code, worker: worker,
                scratch: scratch)
            return try score(
                submission, record: record, config: config, round: round, stored: stored, code: codeOutput)
        }
        return try score(submission, record: record, config: config, round: round, stored: stored, code: nil)
    }

    /// Scores each task's file: the stored upload's, or the program's output for a code submission.
    private func score(
        _ submission: SubmissionRecord, record: CompetitionRecord, config: CompetitionConfig, round: RoundConfig,
        stored: [SubmissionFileRecord], code: Platform.CodeRunOutput?
    ) throws -> StoredScore {
        var publicScores: [String: Double] = [:]
        var privateScores: [String: Double] = [:]
        var metricValues: [String: [String: [String: Double]]] = [:]
        var sliceResults: [String: [SliceResult]] = [:]
        var layerScores: [String: LayerScores] = [:]
        var taskScores: [TaskScore?] = []  // nil for a task a scorer program scored (whole parts only)
        var hashes: [String] = []
        var signals = Platform.SignalParts()
        var versions = [Platform.scorerVersion]
        let tasks = config.tasks(of: round)
        for task in tasks {
            let (key, sha256) = try platform.answerKey(folder: record.folder, round: round, task: task)
            hashes.append("\(task.id)=\(sha256)")
            let submitted: String
            let predictions: PredictedValues
            if let probing = round.probingRun {
                let probed = try probedLayers(
                    task, key: key, probing: probing, stored: stored, folder: record.folder)
                submitted = ""
                predictions = probed.predictions
                layerScores[task.id] = probed.layers
            } else if let output = code?.predictions[task.id] {
                submitted = output
                predictions = try validatedOutput(output, key: key, task: task)
            } else {
                guard let file = stored.first(where: { $0.task == task.id }) else {
                    throw PlatformError(
                        .internalError, "submission \(submission.id!) has no stored file for \(task.id)")
                }
                submitted = try platform.localPath(of: file.sha256)
                predictions =
                    try platform.validatedUploads.take(file: file.sha256, key: sha256)
                    ?? SubmissionValidator.validate(path: submitted, key: key)
            }
            signals.add(predictions, key: key)
            if let name = task.scorer {
                let spec = try platform.scorer(name)
                let outcome = try ScorerRunner.run(
                    spec, solution: "\(record.folder)/\(round.solution(of: task))",
                    submission: submitted)
                let primary = spec.metrics[0].name
                publicScores[task.id] = outcome.publicValues[primary]
                privateScores[task.id] = outcome.privateValues?[primary]
                var perMetric: [String: [String: Double]] = [:]
                for metric in spec.metrics {
                    var parts: [String: Double] = [:]
                    parts["public"] = outcome.publicValues[metric.name]
                    parts["private"] = outcome.privateValues?[metric.name]
                    perMetric[metric.name] = parts
                }
                metricValues[task.id] = perMetric
                versions.append("\(name)@\(spec.version)")
                taskScores.append(nil)
                continue
            }
            let taskScore = try TaskScorer.score(
                predictions, key: key, resamples: round.resampleCount, seed: "\(record.slug)/\(task.id)")
            taskScores.append(taskScore)
            publicScores[task.id] = taskScore.score(.public)
            privateScores[task.id] = taskScore.score(.private)
            var perMetric: [String: [String: Double]] = [:]
            for (index, metric) in taskScore.metrics.enumerated() {
                var parts: [String: Double] = [:]
                parts["public"] = taskScore.publicValues?[index]
                parts["private"] = taskScore.privateValues?[index]
                perMetric[metric.rawValue] = parts
            }
            metricValues[task.id] = perMetric
            if !taskScore.slices.isEmpty { sliceResults[task.id] = taskScore.slices.map(Platform.sliceResult) }
        }
        let weights = tasks.map { $0.weight ?? 1 }
        func composite(_ scores: [String: Double]) -> Double? {
            let values = tasks.compactMap { scores[$0.id] }
            return values.count == tasks.count ? CompositeScore.mean(values, weights: weights) : nil
        }
        var sliceResamples: [String: [String: [Double]]] = [:]
        for (task, score) in zip(tasks, taskScores) {
            for slice in score?.slices ?? [] { sliceResamples[task.id, default: [:]][slice.name] = slice.resamples }
        }
        let sheet = ScoreSheet(
            public: publicScores, private: privateScores, metrics: metricValues, measurements: code?.measurements,
            slices: sliceResults.isEmpty ? nil : sliceResults, layers: layerScores.isEmpty ? nil : layerScores)
        var stored = StoredScore(
            publicScore: composite(publicScores), privateScore: composite(privateScores),
            json: try sheet.json(), solutionHash: hashes.joined(separator: ","),
            scorerVersion: versions.joined(separator: "; "),
            publicResamples: CompositeScore.resampled(taskScores.map { $0?.resamples(.public) }, weights: weights),
            privateResamples: CompositeScore.resampled(taskScores.map { $0?.resamples(.private) }, weights: weights))
        stored.sliceResamples = sliceResamples
        stored.signal = signals.signal(of: submission)
        return stored
    }

    /// The rounds' `max_concurrent_per_team`, by `competition/round` (configs are cached: this reads the
    /// list of competitions and nothing else).
    public func concurrencyCaps() throws -> [String: Int] {
        var caps: [String: Int] = [:]
        for record in try platform.competitions() {
            guard let config = try? platform.competition(record.slug).config else { continue }
            for round in config.rounds {
                if let cap = round.maxConcurrentPerTeam { caps["\(record.slug)/\(round.id)"] = cap }
            }
        }
        return caps
    }

    /// Scores queued submissions until the queue is empty (`once`) or `shouldStop` says so, waiting up to
    /// `poll` seconds for work when idle; `observe` hears how each claimed job ended. Returns how many it scored.
    @discardableResult
    /// It claims only jobs of `kinds`: `[.files]` by default; a worker started with `--code` claims code jobs.
    public func work(
        worker: String, once: Bool, kinds: [JobKind] = [.files], poll: TimeInterval = 0.25,
        shouldStop: @Sendable () -> Bool = { false }, observe: (JobOutcome) -> Void = { _ in }
    )
        throws -> Int
    {
        var scored = 0
        while !shouldStop() {
            let seen = platform.workSignal.generation(of: kinds)
            guard
                let claim = try platform.queue.claim(
                    worker: worker, now: now, caps: try concurrencyCaps(), kinds: kinds)
            else {
                if once { break }
                if platform.database != nil {
                    // SQLite: this process's accepts wake it.
                    platform.workSignal.wait(after: seen, kinds: kinds, upTo: poll)
                } else {
                    store.waitForWork(upTo: poll, kinds: kinds)  // PostgreSQL: any process's accepts NOTIFY it
                }
                continue
            }
            let outcome = try process(claim, worker: worker)
            observe(outcome)
            if outcome.result == .scored { scored += 1 }
        }
        return scored
    }

    /// Scores one claimed job, renewing its lease meanwhile.
    func process(_ claim: ScoringQueue.Claim, worker: String) throws -> JobOutcome {
        let started = MonotonicInstant.now
        let elapsed = { started.elapsed }
        let heartbeat = Heartbeat(interval: options.leaseDuration / 3) { [self] in
            _ = try? platform.queue.renew(claim.submissionId, worker: worker, now: self.now)
        }
        defer { heartbeat.stop() }
        guard let submission = try platform.submissions.submission(claim.submissionId) else {
            return JobOutcome(result: .lost, seconds: elapsed())
        }
        let (record, config) = try platform.competition(submission.competition)
        let round = try platform.round(submission.round, in: config, slug: submission.competition)
        var result: StoredScore
        do {
            result = try score(submission, worker: worker)
            result.replacesEarlier = submission.scoredAt != nil  // never scored: nothing of an earlier score to delete
        } catch let fault as ProgramFault {
            let code = round.code ?? CodeRunConfig(inputs: [:])
            try platform.queue.reject(
                claim.submissionId, worker: worker,
                error: fault.teamMessage(hiddenValues: hiddenValues(of: code, folder: record.folder)),
                detail: fault.organiserDetail, charged: code.chargesFailedRuns, now: now)
            return JobOutcome(result: .failed, seconds: elapsed())
        } catch {
            try platform.queue.fail(claim.submissionId, worker: worker, reason: "\(error)", now: now)
            return JobOutcome(result: .failed, seconds: elapsed())
        }
        let now = self.now
        var signalSeconds: Double?
        let stored = try platform.queue.complete(claim.submissionId, worker: worker, now: now) { store in
            let slug = submission.competition
            // While the board is frozen its changes are not told (a leader change would give them away).
            let frozen = try platform.boards.freezeMoment(store, slug: slug, round: round) != nil
            // The round's kept rows are made sure of once here, not by each step below.
            try platform.boards.ensurePublicStandings(store, slug: slug, config: config, round: round)
            let leaderBefore = try platform.boards.publicLeader(
                store, slug: slug, config: config, round: round, ensured: true)
            let scoreBefore = try store.publicStandingScore(
                competition: slug, round: round.id, teamId: submission.teamId)
            try store.recordScore(result, submissionId: submission.id!, at: now)
            let scoreAfter = try platform.boards.refreshPublicStanding(
                store, slug: slug, config: config, round: round, teamId: submission.teamId, ensured: true)
            if let signal = result.signal {
                let started = MonotonicInstant.now
                try platform.integrity.update(store, after: signal, config: config, round: round, at: now)
                signalSeconds = started.elapsed
            }
            let team = try store.team(id: submission.teamId)
            if !frozen, let team {
                try platform.boards.emitOvertaking(
                    store, by: team, from: scoreBefore, to: scoreAfter, config: config, round: round, at: now)
            }
            // On a Ladder the team is told the score the board released: its own only when it beat its best by a step.
            let released = round.usesLadder ? scoreAfter : result.publicScore
            let shown = frozen ? nil : released.map(round.publicValue)
            try store.emit(
                .submissionScored(
                    .init(submission: submission.id!, team: team?.name ?? "", round: round.id, public: shown)),
                competition: slug, at: now)
            let leaderAfter = try platform.boards.publicLeader(
                store, slug: slug, config: config, round: round, ensured: true)
            if !frozen, let leaderAfter, leaderAfter.team != leaderBefore?.team {
                try store.emit(
                    .leaderChanged(
                        .init(
                            round: round.id, team: leaderAfter.team, score: leaderAfter.score,
                            previous: leaderBefore?.team)),
                    competition: slug, at: now)
            }
        }
        guard stored else { return JobOutcome(result: .lost, seconds: elapsed()) }
        return JobOutcome(
            result: .scored, seconds: elapsed(), latency: now.timeIntervalSince(submission.createdAt),
            signalSeconds: signalSeconds)
    }
}

/// Calls `beat` every `interval` seconds (on the monotonic clock) on its own thread until stopped.
/// (Every stored property is touched only under the condition's lock, hence `@unchecked Sendable`.)
final class Heartbeat: @unchecked Sendable {
    private let condition = MonotonicCondition()
    private var stopped = false

    init(interval: TimeInterval, beat: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while condition.withLock({ waitForBeat(interval) }) { beat() }
        }
        thread.start()
    }

    /// Sleeps (under the lock) until the next beat is due or the heartbeat is stopped; true when a beat is due.
    private func waitForBeat(_ interval: TimeInterval) -> Bool {
        let deadline = Deadline.after(seconds: interval)
        while !stopped, condition.wait(until: deadline) {}
        return !stopped
    }

    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }
}
