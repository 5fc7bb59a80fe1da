package import AssetAPI
import Synchronization

/// Fans out server events (asset transitions, periodic status) to every `GET /v1/events` subscriber.
///
/// Each subscriber has its own queue of at most `bufferLimit` events, read in batches: a reader takes everything
/// that arrived since its last read at once, so a busy daemon writes many events with one socket write instead of
/// one write each. A reader that falls further behind never blocks the daemon: its queue drops the oldest event and
/// is then ended, so the reader learns that it missed something (it must re-read the state it follows) instead of
/// waiting for an event that was lost. `finishAll()` ends every queue (shutdown) and refuses later subscriptions.
/// Thread-safe (mutexes guard the subscriber table and each queue).
package final class EventHub: Sendable {
    private struct State {
        var subscribers: [Int: EventSubscription] = [:]
        var nextID = 0
        var isFinished = false
    }

    private let state = Mutex(State())
    private let bufferLimit: Int

    /// Creates a hub.
    /// - Parameter bufferLimit: Events queued per subscriber before its queue is ended.
    package init(bufferLimit: Int = 16_384) {
        self.bufferLimit = bufferLimit
    }

    /// Starts a subscription; it ends when the hub finishes, the subscriber falls behind, or `cancel()` is called.
    /// - Parameter filter: The asset transitions wanted (`status` events always pass).
    /// - Returns: The events published from now on, in batches.
    package func subscribe(_ filter: ServerEventFilter = .all) -> EventSubscription {
        state.withLock { state in
            let subscription = EventSubscription(limit: bufferLimit, filter: filter) { [weak self] id in
                self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
            }
            guard !state.isFinished else {
                subscription.end()
                return subscription
            }
            subscription.id = state.nextID
            state.subscribers[state.nextID] = subscription
            state.nextID += 1
            return subscription
        }
    }

    /// Delivers an event to every current subscriber, ending the queue of one that is full.
    /// - Parameter event: The event.
    package func publish(_ event: ServerEvent) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers {
            subscriber.deliver(event)
        }
    }

    /// The number of current subscribers.
    package var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// Whether any subscriber wants transitions into `target`, so a publisher can skip the work of one nobody reads.
    /// - Parameter target: The state an asset changes to.
    /// - Returns: true when at least one subscriber's filter admits it.
    package func wantsTransitions(to target: AssetState) -> Bool {
        state.withLock { $0.subscribers.values.contains { $0.filter.admits(target) } }
    }

    /// Ends every subscription and refuses new ones.
    package func finishAll() {
        let subscribers = state.withLock { state in
            state.isFinished = true
            let all = Array(state.subscribers.values)
            state.subscribers = [:]
            return all
        }
        for subscriber in subscribers {
            subscriber.end()
        }
    }
}
