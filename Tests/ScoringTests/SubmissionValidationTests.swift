import MLMetrics
import Scoring
import Tabular
import Testing

/// Every validation rule, each with the line, column and message a participant sees.
struct SubmissionValidationTests {
    let files: TemporaryFiles
    let labelKey: AnswerKey
    let multiclassKey: AnswerKey

    init() throws {
        files = try TemporaryFiles()
        labelKey = try AnswerKey.load(
            path: files.file(
                "labels.csv", "id,label,Usage\na,entailment,Public\nb,not_entailment,Private\nc,entailment,private\n"),
            spec: TaskSpec(metrics: [.accuracy]))
        multiclassKey = try AnswerKey.load(
            path: files.file("classes.csv", "id,label\na,x\nb,y\nc,z\n"), spec: TaskSpec(metrics: [.logLoss]))
    }

    /// The problems reported for `submission` against `key`, or an empty list when it is valid.
    func problems(_ submission: String, key: AnswerKey) throws -> [String] {
        let path = try files.file("submission.csv", submission)
        return try refusal(path, key)?.problems.map(\.description) ?? []
    }

    /// The report refusing the submission at `path`, or nil when it is valid.
    func refusal(_ path: String, _ key: AnswerKey) throws -> ValidationReport? {
        let result = Result { () throws(ScoringError) in try SubmissionValidator.validate(path: path, key: key) }
        switch result {
        case .success: return nil
        case .failure(.invalidSubmission(let report)): return report
        case .failure(let other): throw other
        }
    }

    @Test func aValidFileAlignsByIDNotByPosition() throws {
        let predictions = try SubmissionValidator.validate(
            path: files.file("ok.csv", "id,label\nc,not_entailment\na,entailment\nb,entailment\n"), key: labelKey)
        guard case .labels(let codes) = predictions else {
            Issue.record("expected labels")
            return
        }
        #expect(codes.map { labelKey.classes[Int($0)] } == ["entailment", "entailment", "not_entailment"])
    }

    @Test func unknownLabelListsTheAllowedOnes() throws {
        #expect(
            try problems("id,label\na,maybe\nb,entailment\nc,entailment\n", key: labelKey) == [
                "line 2, column \"label\": \"maybe\" is not one of entailment, not_entailment"
            ])
    }

    @Test func missingUnknownAndDuplicateIDs() throws {
        let found = try problems("id,label\na,entailment\na,entailment\nzz,entailment\n", key: labelKey)
        #expect(
            found == [
                "line 3, column \"id\": duplicate id \"a\" (first at line 2)",
                "line 4, column \"id\": unknown id \"zz\"; it is not in the test set",
                "column \"id\": id \"b\" is missing; every test id needs a row",
                "column \"id\": id \"c\" is missing; every test id needs a row",
            ])
    }

    @Test func missingAndExtraColumns() throws {
        #expect(
            try problems("id,prediction\na,entailment\nb,entailment\nc,entailment\n", key: labelKey) == [
                "line 1, column \"label\": missing column; expected the header id,label",
                "line 1, column \"prediction\": unexpected column; expected the header id,label",
            ])
        #expect(
            try problems("idx,label\na,x\n", key: labelKey) == ["line 1: no id column \"id\"; the header has idx,label"]
        )
    }

    @Test func numbersThatDoNotParseNaNInfinityAndOutOfRange() throws {
        let found = try problems("id,x,y,z\na,abc,0.5,0.5\nb,NaN,0,1\nc,1e309,0,0\n", key: multiclassKey)
        #expect(found.contains("line 2, column \"x\": \"abc\" is not a number"))
        #expect(found.contains("line 3, column \"x\": NaN is not allowed; every row needs a number"))
        #expect(found.contains("line 4, column \"x\": the value is infinite or too large for a double"))
        let outOfRange = try problems("id,x,y,z\na,1.5,-0.5,0\nb,0,1,0\nc,0,0,1\n", key: multiclassKey)
        #expect(outOfRange.contains("line 2, column \"x\": 1.5 is not a probability; expected a number in [0, 1]"))
        #expect(outOfRange.contains("line 2, column \"y\": -0.5 is not a probability; expected a number in [0, 1]"))
    }

    @Test func classProbabilitiesMustSumToOne() throws {
        #expect(
            try problems("id,x,y,z\na,0.2,0.3,0.4\nb,0,1,0\nc,0.3333333,0.3333333,0.3333334\n", key: multiclassKey) == [
                "line 2: class probabilities sum to 0.9; expected 1 (within 1e-06)"
            ])
        #expect(try problems("id,z,y,x\na,0,0,1\nb,0,1,0\nc,1,0,0\n", key: multiclassKey).isEmpty)
    }

    @Test func unknownClassColumnIsNamed() throws {
        let found = try problems("id,x,y,w\na,1,0,0\nb,0,1,0\nc,1,0,0\n", key: multiclassKey)
        #expect(found.contains("line 1, column \"z\": missing column; expected the header id,x,y,z"))
        #expect(found.contains("line 1, column \"w\": unexpected column; expected the header id,x,y,z"))
    }

    @Test func malformedCSVComesBackAsProblemsWithLines() throws {
        #expect(try problems("", key: labelKey) == ["the file is empty; expected a header row such as id,label"])
        #expect(
            try problems("id,label\na,\"entailment\nb,x\n", key: labelKey) == [
                "line 2, column \"label\": a quoted field is never closed; add the closing quote"
            ])
        let semicolons = try problems("id;label\na;entailment\n", key: labelKey)
        #expect(
            semicolons == [
                "line 1: no id column \"id\"; the header has id;label; the file is separated by semicolons, but Podium"
                    + " reads commas (Excel: save as \"CSV UTF-8 (Comma delimited)\"; pandas: to_csv(..., sep=\",\"))"
            ])
        let binary = try files.file("garbage.csv", bytes: [0x69, 0x64, 0x0A, 0xFF, 0xFE, 0x00])
        #expect(throws: ScoringError.self) { try SubmissionValidator.validate(path: binary, key: labelKey) }
    }

    @Test func onlyTheFirstFiftyProblemsAreListedAndTheRestCounted() throws {
        let rows = (0..<80).map { "u\($0),entailment" }.joined(separator: "\n")
        let path = try files.file("many.csv", "id,label\n" + rows + "\n")
        let report = try #require(try refusal(path, labelKey))
        #expect(report.problems.count == 50)
        // 80 unknown ids and 3 missing ones: 83 problems in all.
        #expect(report.more == 33)
        #expect(report.description.hasSuffix("… and 33 more problems"))
    }

    @Test func lookAlikeUnicodeIDsAreUnknown() throws {
        // Cyrillic "а" (U+0430) is not Latin "a".
        let found = try problems("id,label\n\u{430},entailment\nb,entailment\nc,entailment\n", key: labelKey)
        #expect(found.first == "line 2, column \"id\": unknown id \"\u{430}\"; it is not in the test set")
    }
}
