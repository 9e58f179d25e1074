import FairPlay
import MLMetrics
import Testing

/// Cohen's kappa of two error patterns, against scikit-learn, and the shared-predictions signal on synthetic
/// teams over many seeds: how often honest teams are flagged, how often copiers are missed.
struct AgreementTests {
    /// Two error patterns of 80 rows and their kappa from scikit-learn 1.9.1:
    /// `rng = np.random.default_rng(32); a = rng.random(80) < 0.3;`
    /// `b = np.where(rng.random(80) < 0.8, a, rng.random(80) < 0.3); cohen_kappa_score(a, b)`.
    static let a = "10000000000000000111001000111000100000100001010100000000010100001110000101111101"
    static let b = "10000100000010000111001000111000100000100001010100000000010100001110000101111100"
    static let sklearnKappa = 0.9136690647482014

    static func pattern(_ bits: String) -> ErrorPattern { ErrorPattern(bits.map { $0 == "1" }) }

    @Test func kappaMatchesScikitLearn() throws {
        let agreement = try #require(Agreement(Self.pattern(Self.a), Self.pattern(Self.b)))
        #expect(abs(try #require(agreement.kappa) - Self.sklearnKappa) < 1e-12)
        #expect(agreement.rows == 80)
        #expect(agreement.bothWrong == zip(Self.a, Self.b).filter { $0 == "1" && $1 == "1" }.count)
        let wrongA = Self.a.filter { $0 == "1" }.count
        let wrongB = Self.b.filter { $0 == "1" }.count
        #expect(agreement.wrong == (wrongA, wrongB))
        #expect(abs(agreement.expectedBothWrong - Double(wrongA * wrongB) / 80) < 1e-12)
    }

    @Test func kappaIsUndefinedWithoutErrorsAndPatternsMustMatch() {
        let perfect = ErrorPattern([Bool](repeating: false, count: 10))
        let some = ErrorPattern([true] + [Bool](repeating: false, count: 9))
        #expect(Agreement(perfect, some)?.kappa == nil, "a perfect submission shares no errors with anyone")
        #expect(Agreement(some, ErrorPattern([true, false])) == nil, "different rows are not compared")
        #expect(Agreement(some, some)?.kappa == 1)
    }

    @Test func patternsSurviveTheirBytes() throws {
        var random = SeededGenerator(seed: 9)
        for rows in [1, 63, 64, 65, 1000] {
            let pattern = ErrorPattern((0..<rows).map { _ in Bool.random(using: &random) })
            #expect(ErrorPattern(rows: rows, bytes: pattern.bytes) == pattern)
            #expect(ErrorPattern(rows: rows + 64, bytes: pattern.bytes) == nil)
        }
    }

    /// Honest models share the rows that are hard for everyone (every fifth row: right half the time; the others
    /// 86–90 %); a copier takes one team's answers and changes 5 % of them. Over 200 seeds of ten honest teams
    /// (9,000 honest pairs) and one copier each, at the default threshold (κ ≥ 0.6) and 1,000 Private rows.
    @Test func copiersAreFlaggedAndHonestTeamsAreNotOverManySeeds() throws {
        let (seeds, rows, threshold) = (200, 1000, 0.6)
        var falsePositives = 0
        var honestPairs = 0
        var missed = 0
        var highestHonest = -1.0
        var lowestCopier = 2.0
        for seed in 0..<seeds {
            var random = SeededGenerator(seed: UInt64(seed))
            let teams = (0..<10).map { index in
                ErrorPattern(
                    (0..<rows).map { row in
                        Double.random(in: 0..<1, using: &random)
                            >= (row % 5 == 0 ? 0.5 : 0.86 + 0.01 * Double(index % 5))
                    })
            }
            for i in teams.indices {
                for j in teams.indices where j > i {
                    let kappa = try #require(Agreement(teams[i], teams[j])?.kappa)
                    honestPairs += 1
                    highestHonest = max(highestHonest, kappa)
                    if kappa >= threshold { falsePositives += 1 }
                }
            }
            let copied = ErrorPattern(
                (0..<rows).map { row in
                    Double.random(in: 0..<1, using: &random) < 0.05 ? !teams[0].isWrong(row) : teams[0].isWrong(row)
                })
            let kappa = try #require(Agreement(teams[0], copied)?.kappa)
            lowestCopier = min(lowestCopier, kappa)
            if kappa < threshold { missed += 1 }
        }
        print(
            "shared predictions over \(seeds) seeds: \(falsePositives) of \(honestPairs) honest pairs flagged"
                + " (highest κ \(highestHonest)), \(missed) of \(seeds) copiers missed (lowest κ \(lowestCopier))")
        #expect(falsePositives == 0)
        #expect(missed == 0)
        #expect(highestHonest < 0.4 && lowestCopier > 0.7, "a wide margin on both sides of the threshold")
    }
}
