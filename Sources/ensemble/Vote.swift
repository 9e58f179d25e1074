import ArgumentParser
import Ensembling

extension Ensemble {
    /// `ensemble vote`.
    struct Vote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Weighted majority vote over label files (id,label).",
            discussion: """
                Ties: lowest (default) picks the label first by Unicode code point, as scikit-learn's \
                VotingClassifier; first picks the earliest file's label; soft picks the tied label with the \
                largest weighted mean probability in the --proba files (one per label file, same order).
                """)

        @Argument(help: "Label files.")
        var files: [String]

        @Option(name: .shortAndLong, help: "Where to write id,label (written whole or not at all).")
        var output: String

        @Option(help: "One weight per file, comma-separated (default: all 1).")
        var weights: WeightList?

        @Option(help: "Tie-break: lowest, first or soft (default: lowest).")
        var tie: HardVote.TieBreak = .lowest

        @Option(parsing: .upToNextOption, help: "Class-probability files for --tie soft, one per label file.")
        var proba: [String] = []

        @OptionGroup var common: CommonOptions

        func validate() throws {
            if files.count < 2 { throw ValidationError("vote needs at least two label files") }
            if tie == .soft && proba.count != files.count {
                throw ValidationError(
                    "--tie soft needs one --proba file per label file (\(files.count)), got \(proba.count)")
            }
        }

        func run() throws {
            try reporting(json: common.json) { () throws(EnsembleError) in
                let aligned = try Alignment.align(try loadAll(files, idColumn: common.idColumn))
                let probabilities = try loadAll(proba, idColumn: common.idColumn)
                let result = try HardVote.vote(
                    aligned, weights: weights?.values, tie: tie, probabilities: probabilities)
                try PredictionWriter.write(result, ids: aligned[0], to: output)
                guard case .labels(_, let labels) = result else { return }
                let agreeing = aligned.map { file -> Int in
                    guard case .labels(_, let own) = file.values else { return 0 }
                    return (0..<own.codes.count).filter { own[$0] == labels[$0] }.count
                }
                if common.json {
                    Report.json(VoteReport(output: output, rows: labels.codes.count, agreement: agreeing))
                } else {
                    Report.human(
                        ["voted \(labels.codes.count) rows from \(files.count) files into \(output)"]
                            + zip(files, agreeing).map { "  \($0): agrees with the vote on \($1) rows" })
                }
            }
        }
    }
}
