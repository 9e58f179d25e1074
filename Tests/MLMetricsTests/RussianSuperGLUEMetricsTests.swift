import MLMetrics
import Testing

/// MuSeRC and RuCoS worked by hand.
struct RussianSuperGLUEMetricsTests {
    @Test func museRCPoolsOptionsForF1aAndCountsWholeQuestionsForEM() throws {
        // Question 0: options all right. Question 1: one option wrong (a false negative).
        let result = try RussianSuperGLUE.museRC(
            truth: [true, false, true, true, false],
            predicted: [true, false, true, false, false],
            groups: [0, 0, 0, 1, 1])
        // tp = 2, fp = 0, fn = 1: F1a = 4 / 5.
        #expect(result.f1a == 0.8)
        #expect(result.exactMatch == 0.5)
    }

    @Test func ruCoSTakesTheBestGoldAnswerPerQuery() throws {
        let result = try RussianSuperGLUE.ruCoS(
            predictions: ["Moscow", "the Volga river"],
            golds: [["Moscow", "Moskva"], ["Volga"]])
        // Query 1: EM 1, F1 1. Query 2: tokens [volga, river] vs [volga]: P 1/2, R 1, F1 2/3; EM 0.
        #expect(abs(result.f1 - (1 + 2.0 / 3) / 2) < 1e-15)
        #expect(result.exactMatch == 0.5)
    }

    @Test func unicodeNormalisationStripsAllPunctuationAndFoldsYo() {
        #expect(AnswerNormalization.unicode.normalized("Ёлка, ёжик — «лес»…") == "елка ежик лес")
        #expect(AnswerNormalization.squad.normalized("Ёлка, ёжик — «лес»…") == "ёлка ёжик — «лес»…")
        #expect(AnswerMetrics.exactMatch("«Ёлка»", golds: ["елка"], normalization: .unicode) == 1)
        #expect(AnswerMetrics.exactMatch("«Ёлка»", golds: ["елка"], normalization: .squad) == 0)
    }
}
