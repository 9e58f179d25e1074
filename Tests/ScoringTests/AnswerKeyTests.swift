import MLMetrics
import Scoring
import Tabular
import Testing

/// Loading a solution: the Usage split, declared classes and an organiser's mistakes.
struct AnswerKeyTests {
    let files: TemporaryFiles

    init() throws { files = try TemporaryFiles() }

    @Test func usageIsCaseInsensitiveAndRowsWithoutItArePublic() throws {
        let key = try AnswerKey.load(
            path: files.file("s.csv", "id,label,usage\na,1,PUBLIC\nb,0,private\nc,1,Private\n"),
            spec: TaskSpec(metrics: [.f1]))
        #expect(key.isPrivate == [false, true, true])
        #expect(key.count(.public) == 1 && key.count(.private) == 2)
        let noUsage = try AnswerKey.load(
            path: files.file("n.csv", "id,label\na,1\nb,0\n"), spec: TaskSpec(metrics: [.f1]))
        #expect(noUsage.count(.private) == 0)
    }

    @Test func anUnknownUsageValueIsAnOrganiserError() throws {
        let path = try files.file("s.csv", "id,label,Usage\na,1,Public\nb,0,Ignored\n")
        #expect {
            try AnswerKey.load(path: path, spec: TaskSpec(metrics: [.accuracy]))
        } throws: { error in
            guard case .invalidAnswerKey(_, let problems) = error as? ScoringError else { return false }
            return problems.map(\.description) == ["line 3, column \"Usage\": \"Ignored\" is not Public or Private"]
        }
    }

    @Test func declaredClassesIncludeOnesAbsentFromTheKey() throws {
        let key = try AnswerKey.load(
            path: files.file("s.csv", "id,label\na,cat\nb,dog\n"),
            spec: TaskSpec(metrics: [.accuracy], classes: ["emu", "dog", "cat"]))
        #expect(key.classes == ["cat", "dog", "emu"])
        let submission = try files.file("p.csv", "id,label\na,emu\nb,dog\n")
        let predictions = try SubmissionValidator.validate(path: submission, key: key)
        #expect(try TaskScorer.score(predictions, key: key).score(.public) == 0.5)
    }

    @Test func binaryMetricNeedsThePositiveLabelAmongTheClasses() throws {
        let path = try files.file("s.csv", "id,label\na,yes\nb,no\n")
        #expect(throws: ScoringError.self) { try AnswerKey.load(path: path, spec: TaskSpec(metrics: [.f1])) }
        _ = try AnswerKey.load(path: path, spec: TaskSpec(metrics: [.f1], positiveLabel: "yes"))
    }

    @Test func missingTargetDuplicateIDsAndMixedMetricsAreRefused() throws {
        #expect(throws: ScoringError.self) {
            try AnswerKey.load(path: files.file("a.csv", "id,target\na,1\n"), spec: TaskSpec(metrics: [.accuracy]))
        }
        #expect(throws: ScoringError.self) {
            try AnswerKey.load(path: files.file("b.csv", "id,label\na,1\na,0\n"), spec: TaskSpec(metrics: [.accuracy]))
        }
        #expect(throws: ScoringError.self) {
            try AnswerKey.load(
                path: files.file("c.csv", "id,label\na,1\n"), spec: TaskSpec(metrics: [.accuracy, .rmse]))
        }
        #expect(throws: ScoringError.self) {
            try AnswerKey.load(
                path: files.file("d.csv", "id,label\na,1\n"), spec: TaskSpec(metrics: [.museRCExactMatch]))
        }
    }

    @Test func goldAnswersMayBeAJSONArray() throws {
        let key = try AnswerKey.load(
            path: files.file("s.csv", "id,label\nq1,\"[\"\"Moscow\"\", \"\"Moskva\"\"]\"\nq2,[not json\n"),
            spec: TaskSpec(metrics: [.exactMatch]))
        guard case .answers(let golds) = key.truth else {
            Issue.record("expected answers")
            return
        }
        #expect(golds == [["Moscow", "Moskva"], ["[not json"]])
    }

    @Test func anUndefinedMetricOnASplitNamesTheSplit() throws {
        // The Private part holds only positives: ROC AUC is undefined there.
        let key = try AnswerKey.load(
            path: files.file("s.csv", "id,label,Usage\na,1,Public\nb,0,Public\nc,1,Private\n"),
            spec: TaskSpec(metrics: [.rocAUC]))
        let predictions = try SubmissionValidator.validate(
            path: files.file("p.csv", "id,label\na,0.9\nb,0.1\nc,0.5\n"), key: key)
        #expect {
            try TaskScorer.score(predictions, key: key)
        } throws: { error in
            guard case .undefinedMetric(.rocAUC, .private, _) = error as? ScoringError else { return false }
            return true
        }
    }
}
