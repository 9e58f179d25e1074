import Dispatch
import Foundation
import MLMetrics
import Synchronization
import Testing

@testable import Ensembling

/// `MeanBlend.blend(paths:)` holds the files read while the first (the reference the others are aligned to) is
/// still being read, and the first file's reader adds them once it is settled. Here the first file's read does
/// not start until every other file's read has: that only ends if the other reader goes on from file to file
/// without waiting for the first (it would wait forever, were files still aligned as soon as they are read).
@Suite struct HeldFilesTests {
    let directory: URL
    static let rows = 3_000

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("held-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A class-probability file of `rows` rows in a shuffled order of its own; `badLastRow` replaces the last
    /// row's first value with text.
    func file(_ name: String, seed: UInt64, badLastRow: Bool = false) throws -> String {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<Self.rows)
        order.shuffle(using: &generator)
        var text = "id,cat,dog\n"
        for (position, row) in order.enumerated() {
            let cat = Double(generator.next() % 1_000) / 1_000
            let first = badLastRow && position == Self.rows - 1 ? "x" : "\(cat)"
            text += "r\(row),\(first),\(1 - cat)\n"
        }
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func filesReadBeforeTheFirstAreHeldAndAddedInOrder() throws {
        var paths = [try file("first.csv", seed: 1)]
        for index in 1...6 { paths.append(try file("model\(index).csv", seed: UInt64(index + 1))) }
        let weights = [3.0, 1, 2, 0.5, 1, 4, 1]
        let gate = FirstAfterTheOthers(paths)
        let (reference, blended) = try MeanBlend.blend(
            paths: paths, idColumn: "id", weights: weights, reading: gate.reading)
        #expect(gate.othersStartedFirst, "the first file was read before the others were: none was held")
        let files = try paths.map { try PredictionFile.load(path: $0) }
        let whole = try MeanBlend.blend(try Alignment.align(files), weights: weights, method: .arithmetic, power: 2)
        let columns = try #require(probabilities(blended))
        let wholeColumns = try #require(probabilities(whole))
        #expect(reference.ids.count == Self.rows)
        #expect(reference.ids[0] == files[0].ids[0])
        // Bit for bit: each sum is added in file order whichever file was read first.
        #expect(columns.map { $0.map(\.bitPattern) } == wholeColumns.map { $0.map(\.bitPattern) })
    }

    @Test func aFirstFileThatFailsLateIsNamedAndTheHeldFilesDoNotHang() throws {
        var paths = [try file("first.csv", seed: 1, badLastRow: true)]
        for index in 1...6 { paths.append(try file("model\(index).csv", seed: UInt64(index + 1))) }
        let gate = FirstAfterTheOthers(paths)
        #expect {
            _ = try MeanBlend.blend(paths: paths, idColumn: "id", reading: gate.reading)
        } throws: { error in
            "\(error)".contains("first.csv, line \(Self.rows + 1), column \"cat\"") && "\(error)".contains("\"x\"")
        }
        #expect(gate.othersStartedFirst)
    }

    private func probabilities(_ values: PredictionFile.Values) -> [[Double]]? {
        guard case .probabilities(_, let columns) = values else { return nil }
        return columns
    }
}

/// A `reading` callback that holds the first file's read back until every other file's read has started (or
/// 30 seconds have passed), and tells which happened.
private final class FirstAfterTheOthers: Sendable {
    private let first: String
    private let others: Int
    private let started = Mutex(0)
    private let allStarted = DispatchSemaphore(value: 0)
    private let outcome = Mutex(false)

    init(_ paths: [String]) {
        first = paths[0]
        others = paths.count - 1
    }

    var othersStartedFirst: Bool { outcome.withLock { $0 } }

    @Sendable func reading(_ path: String) {
        if path == first {
            let inTime = allStarted.wait(timeout: .now() + 30) == .success
            outcome.withLock { $0 = inTime }
        } else if started.withLock({ count in
            count += 1
            return count == others
        }) {
            allStarted.signal()
        }
    }
}
