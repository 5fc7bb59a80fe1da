import Synchronization

/// Group commit: concurrent callers each hand in one item, and the items that arrive while a transaction is being
/// written go together into the next one, so N concurrent transfers cost about one durable commit instead of N.
///
/// There is no background task. The first caller to find no batch in flight leads: it takes every waiting item,
/// runs `flush` on them, hands each other caller its result, and passes the lead to the oldest caller that arrived
/// meanwhile (if any), then returns its own result. Each caller therefore waits for at most the batch in flight
/// and its own, and no caller is held back to serve later ones.
package final class GroupCommit<Item: Sendable, Output: Sendable>: Sendable {
    /// Writes a batch in one transaction: one result per item, in order. A thrown error fails the whole batch.
    package typealias Flush = @Sendable ([Item]) async throws(StoreError) -> [Result<Output, StoreError>]

    private struct Waiting: Sendable {
        var item: Item
        var ticket: Ticket
    }

    private struct State: Sendable {
        var waiting: [Waiting] = []
        var isLeaderActive = false
    }

    private let state = Mutex(State())
    private let flush: Flush

    /// Creates a group.
    /// - Parameter flush: Writes one batch; called by one caller at a time.
    package init(flush: @escaping Flush) {
        self.flush = flush
    }

    /// Adds `item` to the next batch and waits until that batch is written.
    /// - Parameter item: What to write.
    /// - Returns: The item's result.
    /// - Throws: The item's error, or the batch's.
    package func submit(_ item: Item) async throws(StoreError) -> Output {
        let ticket = Ticket()
        let leads = state.withLock { state in
            state.waiting.append(Waiting(item: item, ticket: ticket))
            guard !state.isLeaderActive else { return false }
            state.isLeaderActive = true
            return true
        }
        if !leads {
            switch await ticket.outcome() {
            case .done(let result): return try result.get()
            case .lead: break
            }
        }
        return try await lead(ownTicket: ticket).get()
    }

    /// Writes everything waiting (the caller's own item among it), then resolves the others and hands on the lead.
    private func lead(ownTicket: Ticket) async -> Result<Output, StoreError> {
        let batch = state.withLock { state in
            defer { state.waiting.removeAll(keepingCapacity: true) }
            return state.waiting
        }
        let results: [Result<Output, StoreError>]
        do throws(StoreError) {
            results = try await flush(batch.map(\.item))
        } catch {
            results = Array(repeating: .failure(error), count: batch.count)
        }
        let next = state.withLock { state in
            guard let first = state.waiting.first else {
                state.isLeaderActive = false
                return nil as Ticket?
            }
            return first.ticket
        }
        var own: Result<Output, StoreError> = .failure(StoreError(.database, "a group commit lost its result"))
        for (index, waiting) in batch.enumerated() {
            let result =
                index < results.count
                ? results[index] : .failure(StoreError(.database, "a group commit returned too few results"))
            if waiting.ticket === ownTicket {
                own = result
            } else {
                waiting.ticket.resolve(.done(result))
            }
        }
        next?.resolve(.lead)
        return own
    }

    /// What a waiting caller is told.
    fileprivate enum Outcome: Sendable {
        /// Its item was written by another caller's batch.
        case done(Result<Output, StoreError>)
        /// It must lead the next batch.
        case lead
    }

    /// A one-shot hand-over from the leader to one waiting caller.
    private final class Ticket: Sendable {
        private enum Slot {
            case empty
            case waiting(CheckedContinuation<Outcome, Never>)
            case resolved(Outcome)
        }

        private let slot = Mutex<Slot>(.empty)

        func resolve(_ outcome: Outcome) {
            let continuation = slot.withLock { slot -> CheckedContinuation<Outcome, Never>? in
                guard case .waiting(let continuation) = slot else {
                    slot = .resolved(outcome)
                    return nil
                }
                slot = .resolved(outcome)
                return continuation
            }
            continuation?.resume(returning: outcome)
        }

        func outcome() async -> Outcome {
            await withCheckedContinuation { continuation in
                let ready = slot.withLock { slot -> Outcome? in
                    if case .resolved(let outcome) = slot { return outcome }
                    slot = .waiting(continuation)
                    return nil
                }
                if let ready {
                    continuation.resume(returning: ready)
                }
            }
        }
    }
}
