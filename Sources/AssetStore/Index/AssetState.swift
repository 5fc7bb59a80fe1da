/// Where an asset stands in its life: queued for download, being fetched, cached, failed for good, or evicted.
///
/// The raw value is what the index stores in `assets.state` and what the control API prints.
/// Legal moves between states are given by ``transition(from:event:)``.
package enum AssetState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Waiting for its turn; due once `nextAttemptAt` has passed.
    case queued
    /// Claimed by the scheduler; a transfer is (or was, before a crash) in flight.
    case fetching
    /// Its bytes are a durable object named by `digest`.
    case cached
    /// Failed permanently (or ran out of attempts); stays until someone asks for a retry.
    case failed
    /// Its object was removed to keep the cache under its size limit; it can be fetched again.
    case evicted

    /// The state an asset moves to when `event` happens in state `from`.
    ///
    /// The table (every pair not listed is illegal):
    ///
    /// | from | event | to |
    /// |---|---|---|
    /// | queued | claim | fetching |
    /// | fetching | complete | cached |
    /// | fetching | reschedule | queued |
    /// | fetching | fail | failed |
    /// | fetching | interrupt | queued |
    /// | failed | requeue | queued |
    /// | evicted | requeue | queued |
    /// | cached | evict | evicted |
    /// | cached | lose | queued |
    ///
    /// - Parameters:
    ///   - from: the current state.
    ///   - event: what happened.
    /// - Returns: the next state.
    /// - Throws: ``StoreError`` with code `illegalTransition` for any pair not in the table.
    package static func transition(from: AssetState, event: AssetEvent) throws(StoreError) -> AssetState {
        switch (from, event) {
        case (.queued, .claim): return .fetching
        case (.fetching, .complete): return .cached
        case (.fetching, .reschedule): return .queued
        case (.fetching, .fail): return .failed
        case (.fetching, .interrupt): return .queued
        case (.failed, .requeue): return .queued
        case (.evicted, .requeue): return .queued
        case (.cached, .evict): return .evicted
        case (.cached, .lose): return .queued
        default:
            throw StoreError(
                .illegalTransition,
                "an asset in state \(from.rawValue) cannot take event \(event.rawValue)"
            )
        }
    }
}
