import Dispatch
import Synchronization

/// A bounded hand-over of body chunks from a blocking producer thread to one async consumer.
///
/// The producer blocks in `send` while `capacity` chunks wait unread; `cancel()` (from the consumer side) wakes
/// it and makes every later `send` fail, which aborts the transfer.
final class ChunkChannel: Sendable {
    private struct State {
        var chunks = FIFO<[UInt8]>()
        var consumer: CheckedContinuation<[UInt8]?, any Error>?
        var end: Result<Void, FetchError>?
        var isCancelled = false
    }

    private let state = Mutex(State())
    private let space: DispatchSemaphore

    init(capacity: Int) {
        space = DispatchSemaphore(value: max(1, capacity))
    }

    var isCancelled: Bool { state.withLock { $0.isCancelled } }

    /// Producer: hands over a chunk, blocking while the buffer is full. Returns false once cancelled.
    func send(_ chunk: [UInt8]) -> Bool {
        space.wait()
        let consumer: CheckedContinuation<[UInt8]?, any Error>?? = state.withLock { state in
            if state.isCancelled { return .none }
            if let consumer = state.consumer {
                state.consumer = nil
                return .some(consumer)
            }
            state.chunks.append(chunk)
            return .some(nil)
        }
        switch consumer {
        case .none:
            space.signal()
            return false
        case .some(.some(let waiting)):
            space.signal()
            waiting.resume(returning: chunk)
            return true
        case .some(.none):
            return true
        }
    }

    /// Producer: ends the stream with success or an error.
    func finish(_ result: Result<Void, FetchError>) {
        let consumer = state.withLock { state in
            state.end = result
            defer { state.consumer = nil }
            return state.consumer
        }
        guard let consumer else { return }
        switch result {
        case .success: consumer.resume(returning: nil)
        case .failure(let error): consumer.resume(throwing: error)
        }
    }

    /// Consumer: the next chunk, or nil at the end. Cancelling the task cancels the channel.
    func next() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8]?, any Error>) in
                let outcome: Result<[UInt8]?, any Error>? = state.withLock { state in
                    if let chunk = state.chunks.popFirst() { return .success(chunk) }
                    if state.isCancelled { return .failure(FetchError(.cancelled, "stream cancelled")) }
                    switch state.end {
                    case .success: return .success(nil)
                    case .failure(let error): return .failure(error)
                    case nil:
                        state.consumer = continuation
                        return nil
                    }
                }
                guard let outcome else { return }
                if case .success(.some) = outcome { space.signal() }
                continuation.resume(with: outcome)
            }
        } onCancel: {
            cancel()
        }
    }

    /// Consumer side: stops the stream; a waiting consumer gets `cancelled`, the producer is unblocked.
    func cancel() {
        let consumer = state.withLock { state in
            state.isCancelled = true
            defer { state.consumer = nil }
            return state.consumer
        }
        space.signal()
        consumer?.resume(throwing: FetchError(.cancelled, "stream cancelled"))
    }
}
