import ArgumentParser
import Ensembling

extension Ensemble {
    /// `ensemble mean`.
    struct Mean: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Weighted mean of score or class-probability files.",
            discussion: """
                arithmetic: Σwp/Σw. geometric: exp(Σw·ln p/Σw), p clipped to [1e-15, 1-1e-15], class rows \
                renormalised. rank: average ranks per file and column (ties averaged, as scipy's rankdata), \
                Σwr/Σw, scaled to [0, 1] — scores, not probabilities. power: (Σw·p^K/Σw)^(1/K).
                """)

        @Argument(help: "Score files (id,<name>) or class-probability files (id,<class>,…).")
        var files: [String]

        @Option(name: .shortAndLong, help: "Where to write the blend (written whole or not at all).")
        var output: String

        @Option(help: "One weight per file, comma-separated (default: all 1).")
        var weights: WeightList?

        @Option(help: "arithmetic, geometric, rank or power (default: arithmetic).")
        var method: MeanBlend.Method = .arithmetic

        @Option(help: "The exponent K of --method power (default: 2).")
        var power = 2.0

        @Flag(help: "Write id,label with the class of the largest blended value (ties: first class in header order).")
        var argmax = false

        @OptionGroup var common: CommonOptions

        func validate() throws {
            if files.isEmpty { throw ValidationError("mean needs at least one file") }
        }

        func run() throws {
            try reporting(json: common.json) { () throws(EnsembleError) in
                let (reference, blended) = try MeanBlend.blend(
                    paths: files, idColumn: common.idColumn, weights: weights?.values, method: method, power: power,
                    reading: { Report.progress("reading \($0)") })
                Report.progress(nil)
                let result = argmax ? try MeanBlend.argmax(blended) : blended
                try PredictionWriter.write(result, ids: reference, to: output)
                if common.json {
                    Report.json(
                        MeanReport(
                            output: output, rows: reference.ids.count, method: method.rawValue, files: files.count))
                } else {
                    Report.human([
                        "\(method.rawValue) mean of \(files.count) files, \(reference.ids.count) rows, written to \(output)"
                    ])
                }
            }
        }
    }
}
