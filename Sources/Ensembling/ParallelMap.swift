import Dispatch
import Foundation
import Synchronization

/// `items.map(transform)` on all cores, in order. Throws the error of the lowest failing index.
public func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], _ transform: @Sendable (T) throws(EnsembleError) -> R
) throws(EnsembleError) -> [R] {
    let slots = ResultSlots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        do throws(EnsembleError) {
            slots.set(index, .success(try transform(items[index])))
        } catch {
            slots.set(index, .failure(error))
        }
    }
    var results: [R] = []
    for result in slots.values { results.append(try result!.get()) }
    return results
}

/// One slot per item, written from several threads.
private final class ResultSlots<R: Sendable>: Sendable {
    private let slots: Mutex<[Result<R, EnsembleError>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Result<R, EnsembleError>) {
        slots.withLock { $0[index] = value }
    }

    var values: [Result<R, EnsembleError>?] { slots.withLock { $0 } }
}
