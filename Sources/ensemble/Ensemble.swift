import ArgumentParser
import Dispatch
import Ensembling
import Foundation
import MLMetrics

/// `ensemble`: combines several models' prediction files on a team's own machine.
@main
struct Ensemble: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensemble",
        abstract: "Combine models' prediction files: vote, mean, stack, select, evaluate, tasks.",
        discussion: """
            Files are CSV in Podium's shapes: labels (id,label), one score per row (id,<name>), or class \
            probabilities (id,<class>,…). Rows are joined on the id column, never by position. Reports go to \
            stderr; --json prints one JSON object on stdout.
            """,
        version: "0.1.0",
        subcommands: [Vote.self, Mean.self, Stack.self, Select.self, Evaluate.self, Tasks.self]
    )

    /// Runs the command line, with the allocator set for reading many large files.
    static func main() {
        AllocatorTuning.keepFreedMemory()
        main(nil)
    }
}

/// Options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "The id column of every file (default: id).")
    var idColumn = "id"

    @Flag(help: "Print the report as one JSON object on stdout.")
    var json = false
}

/// Parses `--weights 1,2,0.5`.
struct WeightList: ExpressibleByArgument {
    let values: [Double]

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        values = parts.map { $0! }
    }
}

extension HardVote.TieBreak: ExpressibleByArgument {}
extension MeanBlend.Method: ExpressibleByArgument {}
extension Stacking.MetaLearner: ExpressibleByArgument {}

extension BuiltinMetric: ExpressibleByArgument {}

/// Runs `body`, turning an `EnsembleError` into one line on stderr (and a JSON error) and exit status 1.
func reporting(json: Bool, _ body: () throws(EnsembleError) -> Void) throws {
    do {
        try body()
    } catch {
        Report.error("ensemble: \(error.description)")
        if json { Report.json(ErrorReport(error: .init(message: error.description))) }
        throw ExitCode(1)
    }
}

/// Loads files on all cores, with a progress line on a terminal. Only the first file gets an id index
/// when `indexFirst` (the others are aligned to it); with `indexFirst: false` none does (all are aligned
/// to a labels file).
func loadAll(_ paths: [String], idColumn: String, indexFirst: Bool = true) throws(EnsembleError) -> [PredictionFile] {
    let files = try parallelMap(Array(paths.enumerated())) { (entry) throws(EnsembleError) -> PredictionFile in
        Report.progress("reading \(entry.element)")
        return try PredictionFile.load(
            path: entry.element, idColumn: idColumn, indexed: indexFirst && entry.offset == 0)
    }
    Report.progress(nil)
    return files
}
