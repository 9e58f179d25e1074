import Foundation
import Synchronization
import Testing

@testable import Ensembling

/// Parts made on every core are emitted in order, as soon as each and those before it are done.
struct ParallelForEachTests {
    @Test func resultsAreEmittedInItemOrderWhateverOrderTheyFinishIn() throws {
        let emitted = Mutex<[Int]>([])
        try parallelForEach(Array(0..<200)) { (item) throws(EnsembleError) -> Int in
            usleep(UInt32((item * 7919) % 13) * 50)  // finish out of order
            return item * 2
        } inOrder: { (value) throws(EnsembleError) in
            emitted.withLock { $0.append(value) }
        }
        #expect(emitted.withLock { $0 } == (0..<200).map { $0 * 2 })
    }

    @Test func nothingIsEmittedAfterTheFirstFailureWhichIsThrown() {
        let emitted = Mutex<[Int]>([])
        let error = #expect(throws: EnsembleError.self) {
            try parallelForEach(Array(0..<100)) { (item) throws(EnsembleError) -> Int in
                if item == 37 || item == 80 { throw EnsembleError("item \(item)") }
                return item
            } inOrder: { (value) throws(EnsembleError) in
                emitted.withLock { $0.append(value) }
            }
        }
        #expect(error?.description.contains("item 37") == true)
        #expect(emitted.withLock { $0 } == Array(0..<emitted.withLock { $0.count }))
        #expect(emitted.withLock { $0.count } <= 37)
    }

    @Test func aFailingEmitStopsTheRest() {
        let emitted = Mutex<[Int]>([])
        #expect(throws: EnsembleError.self) {
            try parallelForEach(Array(0..<50)) { (item) throws(EnsembleError) -> Int in
                item
            } inOrder: {
                (value) throws(EnsembleError) in
                if value == 10 { throw EnsembleError("disk full") }
                emitted.withLock { $0.append(value) }
            }
        }
        #expect(emitted.withLock { $0 } == Array(0..<10))
    }
}
