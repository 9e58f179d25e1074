import Dispatch
import Foundation
import Synchronization

extension MeanBlend {
    /// The mean of the files at `paths`, read on every core and added up as each is read and aligned to the
    /// first, so only the sums and the files being read are held in memory (not every file twice, as reading
    /// them all, aligning them all, then blending would). Files are added in their order, each waiting for the
    /// one before: the result is bit for bit `blend(Alignment.align(files))`, however the reads interleave.
    /// A file read before the first is settled is held, and its reader goes on to the next file; the first
    /// file's reader adds the held ones. Errors are those of reading, aligning and blending; of several, the
    /// first file's. `reading` is called with each path as its read starts.
    public static func blend(
        paths: [String], idColumn: String, weights: [Double]? = nil, method: Method = .arithmetic,
        power: Double = 2, reading: @Sendable (String) -> Void = { _ in }
    ) throws(EnsembleError) -> (reference: PredictionFile, values: PredictionFile.Values) {
        guard !paths.isEmpty else { throw EnsembleError("no input files") }
        let weights = try Weights.resolve(weights, count: paths.count)
        try checkPower(method, power)
        let total = weights.reduce(0, +)
        let run = OrderedRun(count: paths.count)
        /// What a file read adds, aligned to the first (an error when the first failed).
        @Sendable func outcome(_ index: Int, _ read: Result<PredictionFile, EnsembleError>) -> OrderedRun.Outcome {
            do throws(EnsembleError) {
                return .read(try terms(of: read.get(), index: index, method: method, power: power, run: run))
            } catch {
                return .failed(error)
            }
        }
        /// Adds a file in its turn.
        @Sendable func addInTurn(_ index: Int, _ outcome: OrderedRun.Outcome) {
            run.finish(index, outcome) { sums, file in
                guard weights[index] > 0 else { return }
                add(file.terms, weight: weights[index] / total, at: file.referenceRows, into: &sums)
            }
        }
        let workers = min(paths.count, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = run.next() {
                if run.failed(before: index) {
                    run.finish(index, .skipped)
                    continue
                }
                reading(paths[index])
                let read = Result { () throws(EnsembleError) in
                    try PredictionFile.load(path: paths[index], idColumn: idColumn, indexed: index == 0)
                }
                if index == 0 {
                    // The first file is checked before it is settled as the reference.
                    let first = outcome(0, read)
                    let reference: PredictionFile? = if case .read = first { try? read.get() } else { nil }
                    let held = run.settle(reference: reference)
                    addInTurn(0, first)
                    for (heldIndex, file) in held { addInTurn(heldIndex, outcome(heldIndex, .success(file))) }
                } else if case .success(let file) = read, run.hold(index, file) {
                    continue
                } else {
                    addInTurn(index, outcome(index, read))
                }
            }
        }
        let (reference, sums) = try run.outcome()
        var columns = byColumn(sums, columns: reference.columnCount)
        for column in columns.indices { finish(&columns[column], method: method, power: power) }
        return (reference, result(columns, shapedLike: reference, method: method))
    }

    /// What a file read adds, aligned to the first file (itself, for the first).
    private static func terms(
        of file: PredictionFile, index: Int, method: Method, power: Double, run: OrderedRun
    ) throws(EnsembleError) -> OrderedRun.Terms {
        var columns = try columns(of: file, method: method)
        var rows: [Int32]?
        if index > 0 {
            guard let reference = run.reference else { throw EnsembleError("the first file could not be read") }
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
    /// (`referenceRows[i]`, or i for the first file); each sum is added in file order, as `blend` adds it. The
    /// sums are kept row by row: a shuffled file of 2 to 4 columns adds each row whole, to one or two cache
    /// lines (3 classes × 1M rows: 11.5 -> 8-9 ms a file, column by column, in a side-by-side loop).
    static func add(_ terms: [[Double]], weight: Double, at referenceRows: [Int32]?, into sums: inout [Double]) {
        let width = terms.count
        if let referenceRows, (2...4).contains(width) {
            withColumnPointers(terms) { columns in
                sums.withUnsafeMutableBufferPointer { sums in
                    referenceRows.withUnsafeBufferPointer { at in
                        // A constant width, so each row's columns are unrolled.
                        switch width {
                        case 2: addRows(width: 2, columns, weight: weight, at: at, into: sums)
                        case 3: addRows(width: 3, columns, weight: weight, at: at, into: sums)
                        default: addRows(width: 4, columns, weight: weight, at: at, into: sums)
                        }
                    }
                }
            }
            return
        }
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

    @inline(__always)
    private static func addRows(
        width: Int, _ columns: UnsafeBufferPointer<UnsafePointer<Double>>, weight: Double,
        at: UnsafeBufferPointer<Int32>, into sums: UnsafeMutableBufferPointer<Double>
    ) {
        for row in 0..<at.count {
            let base = Int(at[row]) &* width
            for column in 0..<width { sums[base &+ column] += weight * columns[column][row] }
        }
    }

    /// Calls `body` with a pointer to each column's values, valid for the call (the columns are not empty).
    private static func withColumnPointers<R>(
        _ columns: [[Double]], _ body: (UnsafeBufferPointer<UnsafePointer<Double>>) -> R
    ) -> R {
        var pointers: [UnsafePointer<Double>] = []
        func collect(_ index: Int) -> R {
            guard index < columns.count else { return pointers.withUnsafeBufferPointer(body) }
            return columns[index].withUnsafeBufferPointer { values in
                pointers.append(values.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Double>.alignment)!)
                return collect(index + 1)
            }
        }
        return collect(0)
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
        /// Whether the first file has been read and checked (`reference` is then set, or the run has failed).
        var settled = false
        var reference: PredictionFile?
        /// Files read before the first was settled, by index.
        var held: [(index: Int, file: PredictionFile)] = []
        /// The sums row by row (`row · columns + column`).
        var sums: [Double] = []
        /// The first error, by file order.
        var failure: (index: Int, error: EnsembleError)?
    }

    private let count: Int
    private let state = Mutex(State())
    /// `turns[i]` is signalled once file i has been added (or failed); file i + 1 waits for it.
    private let turns: [DispatchSemaphore]

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

    /// Settles the first file: the reference, or nil when it failed. Returns the files held meanwhile, in
    /// order, for the caller to add.
    func settle(reference: PredictionFile?) -> [(index: Int, file: PredictionFile)] {
        state.withLock { state in
            state.settled = true
            state.reference = reference
            defer { state.held = [] }
            return state.held.sorted { $0.index < $1.index }
        }
    }

    /// Holds a file read before the first is settled (true); false when the first is settled, and the caller
    /// adds it now.
    func hold(_ index: Int, _ file: PredictionFile) -> Bool {
        state.withLock { state in
            guard !state.settled else { return false }
            state.held.append((index, file))
            return true
        }
    }

    /// The first file, once settled; nil before, or when it failed.
    var reference: PredictionFile? { state.withLock { $0.reference } }

    /// Waits for the file before `index`, then adds this one's terms with `add` (or records its error).
    func finish(
        _ index: Int, _ outcome: Outcome, add: (inout [Double], Terms) -> Void = { _, _ in }
    ) {
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
            sums = nil  // `taken` the only reference: added to in place, not copied
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
