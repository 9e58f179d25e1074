import Competitions
import Testing

/// Scores for people: the board's decimals (4 unless the competition says otherwise), checked by `check`.
struct ScoreFormatTests {
    @Test func fourDecimalsByDefaultAndADashForNoScore() {
        #expect(ScoreFormat.standard.string(0.9183673469387755) == "0.9184")
        #expect(ScoreFormat.standard.string(1) == "1.0000")
        #expect(ScoreFormat.standard.string(nil) == "—")
        #expect(ScoreFormat(decimals: 2).string(-0.125) == "-0.12")  // printf rounds half to even on the binary value
        #expect(ScoreFormat(decimals: 0).string(0.6) == "1")
    }

    @Test func aCompetitionChoosesItsPrecisionAndCheckRefusesNonsense() throws {
        let folder = try CompetitionFolder(
            yaml: CompetitionCheckTests.valid + "\ndisplay_precision: 3\n",
            files: [
                "hidden/test.csv": CompetitionCheckTests.solution, "public/sample.csv": CompetitionCheckTests.sample,
            ]
        )
        let report = CompetitionCheck.check(folder: folder.path)
        #expect(report.problems == [])
        let config = try #require(report.config)
        #expect(config.scoreFormat.string(0.9183673469387755) == "0.918")
        let bad = try CompetitionFolder(
            yaml: CompetitionCheckTests.valid + "\ndisplay_precision: 20\n",
            files: [
                "hidden/test.csv": CompetitionCheckTests.solution, "public/sample.csv": CompetitionCheckTests.sample,
            ]
        )
        #expect(
            CompetitionCheck.check(folder: bad.path).problems == [
                "display_precision: 20 is not a number of decimals from 0 to 12"
            ])
    }
}
