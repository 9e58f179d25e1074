import MLMetrics
import Scoring
import Testing

/// The mistakes real files make get their likely cause in the message; files that are wrong in other
/// ways keep the plain message, and nothing refused before is accepted now.
struct LikelyCauseTests {
    let files: TemporaryFiles
    let digitsKey: AnswerKey

    init() throws {
        files = try TemporaryFiles()
        digitsKey = try AnswerKey.load(
            path: files.file("digits.csv", "id,label\nimg1,8\nimg2,3\nimg3,10\n"), spec: TaskSpec(metrics: [.accuracy]))
    }

    func problems(_ submission: String) throws -> [String] {
        let path = try files.file("submission.csv", submission)
        let result = Result { () throws(ScoringError) in try SubmissionValidator.validate(path: path, key: digitsKey) }
        guard case .failure(.invalidSubmission(let report)) = result else {
            Issue.record("expected a refusal, got \(result)")
            return []
        }
        return report.problems.map(\.description)
    }

    @Test func anIdWithATrailingSpaceIsNamedAsSuch() throws {
        let found = try problems("id,label\nimg1 ,8\nimg2,3\nimg3,10\n")
        #expect(
            found.contains(
                "line 2, column \"id\": unknown id \"img1 \"; it is not in the test set; the id has a trailing space:"
                    + " \"img1\" is in the test set (remove the spaces)"))
        let leading = try problems("id,label\n img1,8\nimg2,3\nimg3,10\n")
        #expect(leading.contains { $0.contains("the id has a leading space") }, "\(leading)")
    }

    @Test func aPaddedIdThatIsNotATestIdGetsThePlainMessage() throws {
        let found = try problems("id,label\nimg9 ,8\nimg1,8\nimg2,3\nimg3,10\n")
        #expect(found == ["line 2, column \"id\": unknown id \"img9 \"; it is not in the test set"])
    }

    @Test func anIntegralFloatThatNamesAClassIsNamedAsSuch() throws {
        let found = try problems("id,label\nimg1,8.0\nimg2,3\nimg3,10.00\n")
        #expect(
            found == [
                "line 2, column \"label\": \"8.0\" is not one of 10, 3, 8; \"8.0\" looks like the number 8 written"
                    + " as a float: write 8 (pandas: df[column].astype(int))",
                "line 4, column \"label\": \"10.00\" is not one of 10, 3, 8; \"10.00\" looks like the number 10 written"
                    + " as a float: write 10 (pandas: df[column].astype(int))",
            ])
    }

    @Test func otherFloatsKeepThePlainMessage() throws {
        // 8.5 is not integral, 7.0 names no class, "8." has no digits after the point.
        let found = try problems("id,label\nimg1,8.5\nimg2,7.0\nimg3,8.\n")
        #expect(
            found == [
                "line 2, column \"label\": \"8.5\" is not one of 10, 3, 8",
                "line 3, column \"label\": \"7.0\" is not one of 10, 3, 8",
                "line 4, column \"label\": \"8.\" is not one of 10, 3, 8",
            ])
    }
}
