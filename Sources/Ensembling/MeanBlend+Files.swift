import Dispatch
import Foundation
import Synchronization

extension MeanBlend {
    /// The mean of the files at `paths`, read on every core and added up as each is read and aligned to the
    /// first, so only the sums and the files being read are held in memory (not every file twice, as reading
    /// them all, aligning them all, then blending would). Files are added in their order, each waiting for the
    /// one before: the result is bit for bit `blend(Alignment.align(files))`, however the reads interleave.
    /// Errors are those of reading, aligning and blending; of several, the first file's. `reading` is called
    /// with each path as its read starts.
    public static func blend(
        paths: [String], idColumn: String, weights: [Double]? = nil, method: Method = .arithmetic,
        power: Double = 2, reading: @Sendable (String) -> Void = { _ in }
    ) throws(EnsembleError) -> (reference: PredictionFile, values: PredictionFile.Values) {
        guard !paths.isEmpty else { throw EnsembleError("no input files") }
        let weights = try Weights.resolve(weights, count: paths.count)
        try checkPower(method, power)
        let total = weights.reduce(0, +)
        let run = OrderedRun(count: paths.count)
        let workers = min(paths.count, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = run.next() {
                if run.failed(before: index) {
                    run.finish(index, .skipped)
                    continue
                }
                reading(paths[index])
                let outcome: OrderedRun.Outcome
                do throws(EnsembleError) {
                    outcome = .read(
                        try prepare(
                            path: paths[index], idColumn: idColumn, index: index, method: method, power: power,
                            run: run))
                } catch {
                    outcome = .failed(error)
                }
                run.finish(index, outcome) { sums, file in
                    guard weights[index] > 0 else { return }
                    add(file.terms, weight: weights[index] / total, at: file.referenceRows, into: &sums)
                }
            }
        }
        let (reference, sums) = try run.outcome()
        var columns = byColumn(sums, columns: reference.columnCount)
        for column in columns.indices { finish(&columns[column], method: method, power: power) }
        return (reference, result(columns, shapedLike: reference, method: method))
    }

    /// Reads one file, checks it and computes what it adds, aligned to the first file (read, for the first).
    private static func prepare(
        path: String, idColumn: String, index: Int, method: Method, power: Double, run: OrderedRun
    ) throws(EnsembleError) -> OrderedRun.Terms {
        let file = try PredictionFile.load(path: path, idColumn: idColumn, indexed: index == 0)
        var columns = try columns(of: file, method: method)
        var rows: [Int32]?
        let reference: PredictionFile
        if index == 0 {
            reference = file
            run.publish(reference: file)
        } else {
            guard let first = run.reference() else { throw EnsembleError("the first file could not be read") }
            reference = first
            try Alignment.checkSameShape(file, as: reference)
            rows = try Alignment.referenceRows(of: file, matching: reference)
            if case .probabilities(let order, _) = reference.values, case .probabilities(let classes, _) = file.values {
                let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
                columns = order.map { columns[position[$0]!] }
            }
        }
        return OrderedRun.Terms(terms: columns.map { terms($0, method: method, power: power) }, referenceRows: rows)
    }

    /// `sums[row · C + column] += weight · terms[column][i]` for each row i of a file, at its reference row
    /// (`referenceRows[i]`, or i for the first file). The sums are kept row by row, so a file's row adds to one
    /// cache line however the files are shuffled (kept column by column, a row would miss the cache once per
    /// column); each sum is still added in file order, as `blend` adds it.
    static func add(_ terms: [[Double]], weight: Double, at referenceRows: [Int32]?, into sums: inout [Double]) {
        let width = terms.count
        sums.withUnsafeMutableBufferPointer { sums in
            for (column, values) in terms.enumerated() {
                values.withUnsafeBufferPointer { values in
                    if let referenceRows {
                        referenceRows.withUnsafeBufferPointer { at in
                            for row in 0..<values.count {
                                sums[Int(at[row]) &* width &+ column] += weight * values[row]
                            }
                        }
                    } else {
                        for row in 0..<values.count { sums[row &* width &+ column] += weight * values[row] }
                    }
                }
            }
        }
    }

    /// Row-by-row sums as columns.
    static func byColumn(_ sums: [Double], columns: Int) -> [[Double]] {
        (0..<columns).map { column in stride(from: column, to: sums.count, by: columns).map { sums[$0] } }
    }
}

extension PredictionFile {
    /// How many value columns the file has (a score file one, a class-probability file one per class).
    var columnCount: Int {
        switch values {
        case .labels, .scores: return 1
        case .probabilities(let classes, _): return classes.count
        }
    }
}

/// The shared state of `MeanBlend.blend(paths:…)`: the next file to read, the first file once read, and
/// the sums each file adds to in turn.
private final class OrderedRun: Sendable {
    /// What one file adds: its terms per column in its own row order, and for each of its rows the row of the
    /// first file with the same id (nil for the first file itself).
    struct Terms: Sendable {
        let terms: [[Double]]
        let referenceRows: [Int32]?
    }

    /// How a file's turn ends.
    enum Outcome: Sendable {
        case read(Terms)
        case failed(EnsembleError)
        /// Not read, because a file before it failed.
        case skipped
    }

    private struct State {
        var next = 0
        var reference: PredictionFile?
        /// The sums row by row (`row · columns + column`).
        var sums: [Double] = []
        /// The first error, by file order.
        var failure: (index: Int, error: EnsembleError)?
    }

    private let count: Int
    private let state = Mutex(State())
    /// `turns[i]` is signalled once file i has been added (or failed); file i + 1 waits for it.
    private let turns: [DispatchSemaphore]
    private let referenceSettled = DispatchSemaphore(value: 0)

    init(count: Int) {
        self.count = count
        turns = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    /// The next file to read, in file order (so a file's turn never waits on a file nobody has taken).
    func next() -> Int? {
        state.withLock { state in
            guard state.next < count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    /// Whether a file before `index` failed (later files are then not read).
    func failed(before index: Int) -> Bool {
        state.withLock { $0.failure.map { $0.index < index } ?? false }
    }

    /// Makes the first file the reference the others wait for.
    func publish(reference: PredictionFile) {
        state.withLock { $0.reference = reference }
        referenceSettled.signal()
    }

    /// The first file, once read; nil when it failed.
    func reference() -> PredictionFile? {
        referenceSettled.wait()
        referenceSettled.signal()
        return state.withLock { $0.reference }
    }

    /// Waits for the file before `index`, then adds this one's terms with `add` (or records its error).
    func finish(
        _ index: Int, _ outcome: Outcome, add: (inout [Double], Terms) -> Void = { _, _ in }
    ) {
        // A first file that failed never published itself: the others stop waiting for it now.
        if index == 0, case .failed = outcome { referenceSettled.signal() }
        if index > 0 { turns[index - 1].wait() }
        // This file's turn: the sums are taken out of the lock while it adds to them (the turns keep one file
        // at a time), so the other threads can take their next file meanwhile.
        var sums: [Double]? = state.withLock { state in
            switch outcome {
            case .read(let file) where state.failure == nil:
                var sums: [Double] = []
                swap(&sums, &state.sums)
                if index == 0 {
                    sums = [Double](repeating: 0, count: file.terms.count * (file.terms.first?.count ?? 0))
                }
                return sums
            case .read, .skipped: return nil
            case .failed(let error):
                if state.failure == nil { state.failure = (index, error) }
                return nil
            }
        }
        if var taken = sums, case .read(let file) = outcome {
            sums = nil
            add(&taken, file)
            state.withLock { $0.sums = taken }
        }
        turns[index].signal()
    }

    /// The reference and the sums, or the first file's error.
    func outcome() throws(EnsembleError) -> (PredictionFile, [Double]) {
        try state.withLock { state throws(EnsembleError) in
            if let failure = state.failure {
                throw failure.error
            }
            return (state.reference!, state.sums)
        }
    }
}
