/// How much two teams' errors agree on the same rows, beyond what their accuracies explain.
///
/// Cohen's kappa of the two error patterns (wrong/right per row): with `p_o` the share of rows both got
/// right or both got wrong, and `p_e = a·b + (1 − a)(1 − b)` its expectation when the errors are independent
/// (`a`, `b` the two error rates), `κ = (p_o − p_e) / (1 − p_e)`. Honest models of similar accuracy share some
/// hard rows (κ a little above 0); one team's copy of another's file with a few answers changed shares
/// nearly all its errors (κ near 1).
public struct Agreement: Sendable, Equatable {
    /// Rows compared.
    public let rows: Int
    /// Rows each got wrong.
    public let wrong: (Int, Int)
    /// Rows both got wrong.
    public let bothWrong: Int
    /// Rows both would get wrong if their errors were independent: `wrong.0 · wrong.1 / rows`.
    public let expectedBothWrong: Double
    /// Cohen's kappa of the error patterns; nil when it is undefined (a pattern with no errors or only errors).
    public let kappa: Double?

    /// The agreement of two patterns of the same rows; nil when they have different rows.
    public init?(_ a: ErrorPattern, _ b: ErrorPattern) {
        guard a.rows == b.rows, a.rows > 0 else { return nil }
        var both = 0
        for index in a.words.indices { both += (a.words[index] & b.words[index]).nonzeroBitCount }
        let n = Double(a.rows)
        rows = a.rows
        wrong = (a.wrong, b.wrong)
        bothWrong = both
        expectedBothWrong = Double(a.wrong) * Double(b.wrong) / n
        let neither = a.rows - a.wrong - b.wrong + both
        let observed = Double(both + neither) / n
        let (pa, pb) = (Double(a.wrong) / n, Double(b.wrong) / n)
        let expected = pa * pb + (1 - pa) * (1 - pb)
        let defined = a.wrong > 0 && b.wrong > 0 && a.wrong < a.rows && b.wrong < b.rows
        kappa = defined ? (observed - expected) / (1 - expected) : nil
    }

    /// Equal when they compared the same rows with the same outcome.
    public static func == (lhs: Agreement, rhs: Agreement) -> Bool {
        lhs.rows == rhs.rows && lhs.wrong == rhs.wrong && lhs.bothWrong == rhs.bothWrong && lhs.kappa == rhs.kappa
    }
}
