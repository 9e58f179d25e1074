import Ensembling
import Foundation
import Tabular
import Testing

/// Hard voting: scikit-learn's weighted rule on a fixture, and each tie-break worked by hand.
struct VoteTests {
    static let directory = ScikitLearnFixtureTests.directory

    func labelFile(_ name: String, _ ids: [String], _ labels: [String]) -> PredictionFile {
        PredictionFile(
            source: name, idColumn: "id", ids: IDColumn(ids), lines: LineNumbers(ids.indices.map { Int32($0 + 2) }),
            values: .labels(column: "label", LabelColumn(labels)))
    }

    @Test(arguments: ["weighted", "unweighted"])
    func matchesVotingClassifier(_ name: String) throws {
        let fixture = ScikitLearnFixtureTests.expected["vote_\(name)"] as! [String: Any]
        let files = try Alignment.align(
            (0..<4).map {
                try PredictionFile.load(path: Self.directory.appendingPathComponent("vote/model\($0).csv").path)
            })
        let result = try HardVote.vote(files, weights: fixture["weights"] as? [Double])
        guard case .labels(_, let voted) = result else {
            Issue.record("a vote of labels gave \(result)")
            throw VoteTestFailure.notLabels
        }
        let expected = fixture["labels"] as! [String]
        let ids = fixture["ids"] as! [String]
        let mismatches = ids.indices.filter { voted[files[0].ids.row(of: ids[$0])!] != expected[$0] }
        #expect(mismatches.isEmpty, "\(mismatches.count) rows differ")
    }

    @Test func tieBreaks() throws {
        // Row r1: b and a tie 1-1 (c has nothing); row r2: unanimous.
        let ids = ["r1", "r2"]
        let files = [labelFile("one", ids, ["b", "c"]), labelFile("two", ids, ["a", "c"])]
        func voted(_ tie: HardVote.TieBreak, proba: [PredictionFile] = []) throws -> [String] {
            let result = try HardVote.vote(files, tie: tie, probabilities: proba)
            guard case .labels(_, let labels) = result else { throw VoteTestFailure.notLabels }
            return [labels[0], labels[1]]
        }
        #expect(try voted(.lowest) == ["a", "c"])
        #expect(try voted(.first) == ["b", "c"])
        let probabilities = { (b: Double) in
            PredictionFile(
                source: "p", idColumn: "id", ids: IDColumn(ids), lines: [2, 3],
                values: .probabilities(
                    classes: ["a", "b", "c"], columns: [[0.5 - b / 2, 0.1], [b, 0.1], [0.5 - b / 2, 0.8]]))
        }
        // Weighted mean probability of b is 0.6 vs a's 0.2: soft picks b.
        #expect(try voted(.soft, proba: [probabilities(0.6), probabilities(0.6)]) == ["b", "c"])
        // Equal soft scores fall back to the lowest label.
        #expect(try voted(.soft, proba: [probabilities(1 / 3), probabilities(1 / 3)]) == ["a", "c"])
    }

    @Test func weightsBreakTiesBeforeAnyRule() throws {
        let files = [labelFile("one", ["r"], ["b"]), labelFile("two", ["r"], ["a"])]
        guard case .labels(_, let labels) = try HardVote.vote(files, weights: [2, 1]) else {
            throw VoteTestFailure.notLabels
        }
        #expect(labels[0] == "b")
    }
}

/// A vote that did not give labels: the test fails rather than passing by returning early.
enum VoteTestFailure: Error { case notLabels }
