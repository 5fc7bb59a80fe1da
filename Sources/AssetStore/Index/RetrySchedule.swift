/// When to try a failed transfer again: exponential backoff from a base delay, capped, with jitter, honouring
/// `Retry-After`.
///
/// Jitter spreads assets that fail together (one origin going down) so their retries do not arrive in lockstep: the
/// delay is drawn from the upper half of the exponential delay, as AssetFetch's `RetryPolicy` does. The random
/// number is an argument, so the decision stays a pure function.
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
    /// The exponential delay after the n-th failed attempt is `baseDelay × 2^(n−1)`, capped at `maxDelay`; jitter
    /// scales it into its upper half, `delay × (0.5 + jitter/2)`. A `Retry-After` is a floor: the result is never
    /// shorter than the server asked for, nor longer than `maxDelay` (which also caps the `Retry-After`).
    /// - Parameters:
    ///   - failedAttempts: failed attempts so far, counting this one (1 after the first failure).
    ///   - failure: the failure, with its retryability and `Retry-After`.
    ///   - jitter: a random number in 0...1 (clamped; NaN counts as 1): 0 gives half the exponential delay, 1 all
    ///     of it.
    /// - Returns: `.retry(after:)` or `.giveUp`.
    package func decision(afterFailedAttempts failedAttempts: Int, failure: AssetFailure, jitter: Double) -> Decision {
        guard failure.isRetryable, failedAttempts <= retries else { return .giveUp }
        let exponent = min(max(failedAttempts - 1, 0), 40)
        let exponential = max(min(baseDelay * (Int64(1) << exponent), maxDelay), .zero)
        let fraction = jitter.isNaN ? 1 : min(max(jitter, 0), 1)
        var delay = min(exponential * (0.5 + fraction / 2), exponential)
        if let retryAfter = failure.retryAfter {
            delay = max(delay, min(retryAfter, maxDelay))
        }
        return .retry(after: max(delay, .zero))
    }
}
