/// When to try a failed transfer again: exponential backoff from a base delay, capped, honouring `Retry-After`.
///
/// Pure: the index applies it inside the transaction that records the failure, so the attempt count it sees is the
/// persisted one and a restart keeps the schedule.
package struct RetrySchedule: Sendable, Hashable {
    /// What to do after a failure.
    package enum Decision: Sendable, Hashable {
        /// Queue it again, due after this delay.
        case retry(after: Duration)
        /// Fail it for good (not retryable, or out of attempts).
        case giveUp
    }

    /// How many retries follow the first attempt (the `retries` configuration key); 0 means never retry.
    package var retries: Int
    /// The delay before the first retry (`retry-base-delay`); each further retry doubles it.
    package var baseDelay: Duration
    /// The longest delay (`retry-max-delay`), also the cap on a server's `Retry-After`.
    package var maxDelay: Duration

    /// Creates a schedule.
    /// - Parameters:
    ///   - retries: retries after the first attempt; negative values count as 0.
    ///   - baseDelay: the first retry's delay.
    ///   - maxDelay: the cap on any delay.
    package init(retries: Int, baseDelay: Duration, maxDelay: Duration) {
        self.retries = max(0, retries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Decides what follows a failed attempt.
    ///
    /// The delay after the n-th failed attempt is `baseDelay × 2^(n−1)`, capped at `maxDelay`; a `Retry-After`
    /// longer than that is honoured up to `maxDelay`.
    /// - Parameters:
    ///   - failedAttempts: failed attempts so far, counting this one (1 after the first failure).
    ///   - failure: the failure, with its retryability and `Retry-After`.
    /// - Returns: `.retry(after:)` or `.giveUp`.
    package func decision(afterFailedAttempts failedAttempts: Int, failure: AssetFailure) -> Decision {
        guard failure.isRetryable, failedAttempts <= retries else { return .giveUp }
        let exponent = min(max(failedAttempts - 1, 0), 40)
        var delay = min(baseDelay * (Int64(1) << exponent), maxDelay)
        if let retryAfter = failure.retryAfter, retryAfter > delay {
            delay = min(retryAfter, maxDelay)
        }
        return .retry(after: max(delay, .zero))
    }
}
