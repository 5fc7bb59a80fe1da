/// Why a transfer failed, as the index records it and as ``RetrySchedule`` judges it.
package struct AssetFailure: Sendable, Hashable {
    /// A stable code (e.g. the fetch error's code, or `http503`); stored in `last_error_code`.
    package var code: String
    /// A message naming the URL and cause; stored in `last_error_message`.
    package var message: String
    /// Whether trying again may help (timeouts, resets, 408/429/5xx); `false` fails the asset at once.
    package var isRetryable: Bool
    /// The server's `Retry-After`, if it sent one; the schedule waits at least this long (capped by its maximum).
    package var retryAfter: Duration?

    /// Creates a failure value.
    package init(code: String, message: String, isRetryable: Bool, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.isRetryable = isRetryable
        self.retryAfter = retryAfter
    }
}
