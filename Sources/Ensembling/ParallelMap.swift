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

/// `transform` of each item on all cores, each result handed to `emit` in item order as soon as it and those
/// before it are done (on the thread that finds it ready), so output made in parts is written while later
/// parts are still being made. Nothing is emitted after an error; throws the first, by item order.
public func parallelForEach<T: Sendable, R: Sendable>(
    _ items: [T], _ transform: @Sendable (T) throws(EnsembleError) -> R,
    inOrder emit: @Sendable (R) throws(EnsembleError) -> Void
) throws(EnsembleError) {
    let run = OrderedResults<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        do throws(EnsembleError) {
            run.finish(index, .success(try transform(items[index])))
        } catch {
            run.finish(index, .failure(error))
        }
        run.emitReady(emit)
    }
    run.emitReady(emit)  // whatever finished while another thread was emitting
    if let failure = run.failure { throw failure }
}

/// The results of `parallelForEach` until each is emitted, and the first failure by item order.
private final class OrderedResults<R: Sendable>: Sendable {
    private struct State {
        var results: [Result<R, EnsembleError>?]
        var next = 0
        var failure: (index: Int, error: EnsembleError)?
    }

    private let state: Mutex<State>
    /// Held by the thread emitting; others leave the emitting to it.
    private let emitting = Mutex(())

    init(count: Int) { state = Mutex(State(results: Array(repeating: nil, count: count))) }

    func finish(_ index: Int, _ result: Result<R, EnsembleError>) {
        state.withLock { state in
            if case .failure(let error) = result, state.failure.map({ index < $0.index }) ?? true {
                state.failure = (index, error)
            }
            state.results[index] = result
        }
    }

    /// Emits the results that are ready in order, unless another thread is emitting.
    func emitReady(_ emit: (R) throws(EnsembleError) -> Void) {
        emitting.withLockIfAvailable { _ in
            while let (index, value) = takeNext() {
                do throws(EnsembleError) {
                    try emit(value)
                } catch {
                    finish(index, .failure(error))
                }
            }
        }
    }

    /// The next result in order when it is ready and nothing has failed.
    private func takeNext() -> (Int, R)? {
        state.withLock { state in
            guard state.failure == nil, state.next < state.results.count,
                case .success(let value)? = state.results[state.next]
            else { return nil }
            state.results[state.next] = nil
            state.next += 1
            return (state.next - 1, value)
        }
    }

    var failure: EnsembleError? { state.withLock { $0.failure?.error } }
}
