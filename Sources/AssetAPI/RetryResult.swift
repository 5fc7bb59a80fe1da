/// The answer to `POST /v1/retry`.
package struct RetryResult: Sendable, Hashable, Codable {
    /// Assets put back in the queue, due now.
    package var requeued: Int

    /// Creates a retry result.
    /// - Parameter requeued: assets queued again.
    package init(requeued: Int) {
        self.requeued = requeued
    }
}
