import Dispatch
import Synchronization

/// A bounded hand-over of body chunks from a blocking producer thread to one async consumer.
///
/// The producer blocks in `send` while `capacity` chunks wait unread; `cancel()` (from the consumer side) wakes
/// it and makes every later `send` fail, which aborts the transfer.
///
/// The buffer's fill level is counted in the mutex-guarded state, not in the semaphore: the semaphore starts at
/// zero and is signalled exactly once per wait (only to wake a producer that recorded itself as blocked), so its
/// value is back at its start whenever no thread waits on it. libdispatch traps when a semaphore is released
/// below its initial value, which a counting semaphore would be after an early drop of the stream.
final class ChunkChannel: Sendable {
    private struct State {
        var chunks = FIFO<[UInt8]>()
        var consumer: CheckedContinuation<[UInt8]?, any Error>?
        var end: Result<Void, FetchError>?
        var isCancelled = false
        /// Whether the producer is (about to be) blocked on `wakeUp`, waiting for space or cancellation.
        var isProducerWaiting = false

        /// Clears the producer's waiting mark; true when it was set, so the caller owes it exactly one signal.
        mutating func takeWaitingProducer() -> Bool {
            defer { isProducerWaiting = false }
            return isProducerWaiting
        }
    }

    private enum Hand {
        case refused
        case toConsumer(CheckedContinuation<[UInt8]?, any Error>)
        case buffered
        case full
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var isCancelled: Bool { state.withLock { $0.isCancelled } }

    /// Producer: hands over a chunk, blocking while the buffer is full. Returns false once cancelled.
    func send(_ chunk: [UInt8]) -> Bool {
        while true {
            let hand: Hand = state.withLock { state in
                if state.isCancelled { return .refused }
                if let consumer = state.consumer {
                    state.consumer = nil
                    return .toConsumer(consumer)
                }
                guard state.chunks.count < capacity else {
                    state.isProducerWaiting = true
                    return .full
                }
                state.chunks.append(chunk)
                return .buffered
            }
            switch hand {
            case .refused:
                return false
            case .toConsumer(let waiting):
                waiting.resume(returning: chunk)
                return true
            case .buffered:
                return true
            case .full:
                wakeUp.wait()
            }
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
                let (outcome, wakesProducer): (Result<[UInt8]?, any Error>?, Bool) = state.withLock { state in
                    if let chunk = state.chunks.popFirst() {
                        return (.success(chunk), state.takeWaitingProducer())
                    }
                    if state.isCancelled { return (.failure(FetchError(.cancelled, "stream cancelled")), false) }
                    switch state.end {
                    case .success: return (.success(nil), false)
                    case .failure(let error): return (.failure(error), false)
                    case nil:
                        state.consumer = continuation
                        return (nil, false)
                    }
                }
                if wakesProducer { wakeUp.signal() }
                guard let outcome else { return }
                continuation.resume(with: outcome)
            }
        } onCancel: {
            cancel()
        }
    }

    /// Consumer side: stops the stream; a waiting consumer gets `cancelled`, the producer is unblocked.
    func cancel() {
        let (consumer, wakesProducer) = state.withLock { state in
            state.isCancelled = true
            defer { state.consumer = nil }
            return (state.consumer, state.takeWaitingProducer())
        }
        if wakesProducer { wakeUp.signal() }
        consumer?.resume(throwing: FetchError(.cancelled, "stream cancelled"))
    }
}
