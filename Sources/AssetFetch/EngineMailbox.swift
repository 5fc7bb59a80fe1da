import Synchronization

/// The state shared between callers of the engine and its thread: submitted jobs, cancellations, the shutdown flag
/// and the admission count that bounds how many jobs the engine holds at once.
final class EngineMailbox: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var incoming: [FetchJob] = []
        var cancellations: [UInt64] = []
        var isShuttingDown = false
        /// Jobs admitted and not yet finished.
        var admitted = 0
        var waiters = FIFO<Waiter>()
    }

    /// What the engine thread takes from the mailbox in one go.
    struct Delivery {
        var jobs: [FetchJob]
        var cancellations: [UInt64]
        var isShuttingDown: Bool
    }

    private let state = Mutex(State())
    /// Jobs the engine holds at most (queued plus running); further submitters wait in line.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Waits for room in the engine. Returns false if the task was cancelled or the engine shut down while waiting.
    func admit(id: UInt64) async -> Bool {
        let admittedAtOnce = state.withLock { state in
            guard !state.isShuttingDown, state.admitted < capacity, state.waiters.isEmpty else { return false }
            state.admitted += 1
            return true
        }
        if admittedAtOnce { return !Task.isCancelled || releasing() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate: Bool? = state.withLock { state in
                    if state.isShuttingDown || Task.isCancelled { return false }
                    if state.admitted < capacity && state.waiters.isEmpty {
                        state.admitted += 1
                        return true
                    }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.remove(firstWhere: { $0.id == id }) }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Gives back room taken by a submitter that was cancelled before posting; always false.
    private func releasing() -> Bool {
        release()
        return false
    }

    /// Gives back the room of a finished job and lets the next waiter in.
    func release() {
        let next: Waiter? = state.withLock { state in
            state.admitted -= 1
            guard state.admitted < capacity, let waiter = state.waiters.popFirst() else { return nil }
            state.admitted += 1
            return waiter
        }
        next?.continuation.resume(returning: true)
    }

    /// The outcome of `post`.
    enum PostOutcome {
        /// The engine is shutting down; the job was not taken.
        case refused
        /// Taken; the engine thread must be woken (nothing else was waiting for it).
        case acceptedNeedsWakeUp
        /// Taken along with earlier jobs whose wake-up is still pending.
        case accepted
    }

    /// Hands an admitted job to the engine thread.
    func post(_ job: FetchJob) -> PostOutcome {
        state.withLock { state in
            guard !state.isShuttingDown else { return .refused }
            state.incoming.append(job)
            return state.incoming.count == 1 ? .acceptedNeedsWakeUp : .accepted
        }
    }

    func postCancellation(id: UInt64) {
        state.withLock { $0.cancellations.append(id) }
    }

    /// Marks the engine as shutting down and turns every waiting submitter away.
    func shutDown() {
        let waiters = state.withLock { state in
            state.isShuttingDown = true
            return state.waiters.removeAll()
        }
        for waiter in waiters { waiter.continuation.resume(returning: false) }
    }

    func takeDelivery() -> Delivery {
        state.withLock { state in
            defer {
                state.incoming.removeAll(keepingCapacity: true)
                state.cancellations.removeAll(keepingCapacity: true)
            }
            return Delivery(
                jobs: state.incoming,
                cancellations: state.cancellations,
                isShuttingDown: state.isShuttingDown
            )
        }
    }
}
