package import AssetAPI
import Synchronization

/// One subscriber's queue of server events, read as batches: each batch is everything queued since the last read,
/// and the sequence ends when the subscription does (hub finished, reader fell behind, or `cancel()`).
///
/// Read it from one task. Cancelling the reading task ends the sequence and the subscription.
package final class EventSubscription: AsyncSequence, Sendable {
    package typealias Element = [ServerEvent]

    private struct State {
        var pending: [ServerEvent] = []
        var waiter: CheckedContinuation<Void, Never>?
        var isEnded = false
        var id: Int?
    }

    private let state = Mutex(State())
    private let limit: Int
    private let onCancel: @Sendable (Int) -> Void
    /// The asset transitions this subscriber wants.
    let filter: ServerEventFilter

    init(limit: Int, filter: ServerEventFilter, onCancel: @escaping @Sendable (Int) -> Void) {
        self.limit = limit
        self.filter = filter
        self.onCancel = onCancel
    }

    /// The hub's key for this subscription (set once, when the hub registers it).
    var id: Int? {
        get { state.withLock { $0.id } }
        set { state.withLock { $0.id = newValue } }
    }

    /// Ends the subscription: the hub forgets it, and a pending read returns what is queued, then the end.
    package func cancel() {
        end()
        if let id {
            onCancel(id)
        }
    }

    /// Queues an event unless the filter turns it away; when the queue is full, drops the oldest and ends the
    /// subscription.
    func deliver(_ event: ServerEvent) {
        if case .asset(let transition) = event, !filter.admits(transition.to) {
            return
        }
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.isEnded else { return nil }
            if state.pending.count >= limit {
                state.pending.removeFirst()
                state.isEnded = true
            }
            state.pending.append(event)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
        if state.withLock({ $0.isEnded }), let id {
            onCancel(id)
        }
    }

    /// Ends the subscription after what is queued.
    func end() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.isEnded = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Everything queued, waiting for at least one event; nil once the subscription ended and nothing is left.
    func nextBatch() async -> [ServerEvent]? {
        while true {
            let batch = state.withLock { state -> [ServerEvent]?? in
                if !state.pending.isEmpty {
                    defer { state.pending.removeAll(keepingCapacity: true) }
                    return .some(state.pending)
                }
                return state.isEnded ? .some(nil) : nil
            }
            if let batch {
                return batch
            }
            if Task.isCancelled {
                cancel()
                continue
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let isReady = state.withLock { state in
                        guard state.pending.isEmpty && !state.isEnded else { return true }
                        state.waiter = continuation
                        return false
                    }
                    if isReady {
                        continuation.resume()
                    }
                }
            } onCancel: {
                cancel()
            }
        }
    }

    package struct AsyncIterator: AsyncIteratorProtocol {
        let subscription: EventSubscription

        package mutating func next() async -> [ServerEvent]? {
            await subscription.nextBatch()
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(subscription: self)
    }
}
