/// Something that happens to an asset and may change its ``AssetState``.
package enum AssetEvent: String, Sendable, Hashable, CaseIterable {
    /// The scheduler takes a due queued asset to fetch it.
    case claim
    /// The transfer finished and its object is durable.
    case complete
    /// The transfer failed with a retryable error and attempts remain: back to the queue with a later due time.
    case reschedule
    /// The transfer failed permanently or ran out of attempts.
    case fail
    /// The transfer was cancelled (shutdown) or found in flight after a crash: back to the queue, no attempt used.
    case interrupt
    /// Someone asked for it again (a retry, or a new article referencing a failed or evicted asset).
    case requeue
    /// Its object was removed by least-recently-used eviction.
    case evict
    /// Its object is missing or did not re-hash to its digest: fetch it again.
    case lose
}
