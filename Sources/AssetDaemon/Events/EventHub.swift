package import AssetAPI
import Synchronization

/// Fans out server events (asset transitions, periodic status) to every `GET /v1/events` subscriber.
///
/// Each subscriber gets its own stream holding at most `bufferLimit` events. A reader that falls further behind
/// never blocks the daemon: its stream drops the oldest event and is then ended, so the reader learns that it missed
/// something (it must re-read the state it follows) instead of waiting for an event that was lost.
/// `finishAll()` ends every stream (shutdown) and refuses later subscriptions.
/// Thread-safe (a mutex guards the subscriber table).
package final class EventHub: Sendable {
    private struct State {
        var subscribers: [Int: AsyncStream<ServerEvent>.Continuation] = [:]
        var nextID = 0
        var isFinished = false
    }

    private let state = Mutex(State())
    private let bufferLimit: Int

    /// Creates a hub.
    /// - Parameter bufferLimit: Events buffered per subscriber before the oldest are dropped.
    package init(bufferLimit: Int = 16_384) {
        self.bufferLimit = bufferLimit
    }

    /// Starts a subscription; the stream ends when the hub finishes or the consumer stops iterating.
    /// - Returns: The events published from now on.
    package func subscribe() -> AsyncStream<ServerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ServerEvent.self,
            bufferingPolicy: .bufferingNewest(bufferLimit)
        )
        let id: Int? = state.withLock { state in
            guard !state.isFinished else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Delivers an event to every current subscriber, ending the stream of one whose buffer is full.
    /// - Parameter event: The event.
    package func publish(_ event: ServerEvent) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for continuation in subscribers {
            if case .dropped = continuation.yield(event) {
                continuation.finish()
            }
        }
    }

    /// The number of current subscribers.
    package var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// Ends every subscription and refuses new ones.
    package func finishAll() {
        let subscribers = state.withLock { state in
            state.isFinished = true
            let all = Array(state.subscribers.values)
            state.subscribers = [:]
            return all
        }
        for continuation in subscribers {
            continuation.finish()
        }
    }
}
