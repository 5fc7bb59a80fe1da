package import AssetFetch
package import AssetStore

/// Turns why a transfer failed into what the index records: a stable code, a message and whether to retry. Pure.
///
/// Codes are the `FetchError` codes (`timeout`, `connectionReset`, …), except that an HTTP status failure is
/// recorded as `http<status>` (`http404`, `http503`) and store failures as `store.<code>` (`store.noSpace`).
/// Retryability follows `RetryPolicy.isTransient` (connection problems, timeouts, 408/425/429/5xx).
package enum FailureClassification {
    /// The record of a failed fetch.
    /// - Parameters:
    ///   - error: The fetch error; a sink failure caused by the store is classified as that store error.
    ///   - now: Seconds since the Unix epoch, to turn a `Retry-After` date into a wait.
    /// - Returns: The failure to record.
    package static func failure(for error: FetchError, now: Int64) -> AssetStore.AssetFailure {
        // The body could not be stored (a full disk while it streamed in): a store failure, retried as one.
        if error.code == .sinkFailed, let storeError = error.underlying as? StoreError {
            return failure(for: storeError)
        }
        let code: String
        if error.code == .httpStatus, let status = error.httpStatus {
            code = "http\(status)"
        } else {
            code = error.code.rawValue
        }
        return AssetStore.AssetFailure(
            code: code,
            message: error.message,
            isRetryable: RetryPolicy.isTransient(error),
            retryAfter: error.retryAfter.map { $0.wait(now: now) }
        )
    }

    /// The record of a transfer whose bytes could not be stored.
    ///
    /// A short body (`lengthMismatch`) and a full disk (`noSpace`) may succeed later; other store failures are
    /// permanent for this asset until someone retries it.
    /// - Parameter error: The store error.
    /// - Returns: The failure to record.
    package static func failure(for error: StoreError) -> AssetStore.AssetFailure {
        let isRetryable: Bool
        switch error.code {
        case .lengthMismatch, .noSpace, .ioError, .database:
            isRetryable = true
        case .invalidDigest, .notFound, .digestMismatch, .permissionDenied, .fileSystem, .writerClosed,
            .illegalTransition:
            isRetryable = false
        }
        return AssetStore.AssetFailure(
            code: "store.\(error.code.rawValue)",
            message: error.message,
            isRetryable: isRetryable
        )
    }

    /// The outcome label of a transfer for metrics: `cached`, `retry`, `failed` or `interrupted`.
    /// - Parameters:
    ///   - state: The asset's state after the transfer was recorded.
    ///   - attemptCounted: Whether the transfer counted as an attempt; a transfer cancelled and put back in the
    ///     queue without one is `interrupted`, not `retry`.
    /// - Returns: The label.
    package static func outcome(after state: AssetStore.AssetState, attemptCounted: Bool) -> String {
        switch state {
        case .cached: "cached"
        case .queued: attemptCounted ? "retry" : "interrupted"
        case .failed: "failed"
        case .fetching, .evicted: "interrupted"
        }
    }
}
