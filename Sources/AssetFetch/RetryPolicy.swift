/// How often and how long to wait before fetching again after a failure. Pure: the caller supplies the clock and
/// the randomness.
package struct RetryPolicy: Sendable, Equatable {
    /// Total attempts including the first; 1 means never retry.
    package var maxAttempts: Int
    /// The wait before the second attempt; each further attempt doubles it.
    package var baseDelay: Duration
    /// No computed wait exceeds this; a longer `Retry-After` is honoured up to `maxRetryAfter`.
    package var maxDelay: Duration
    /// A `Retry-After` asking for more than this gives up instead of waiting.
    package var maxRetryAfter: Duration

    package init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .seconds(1),
        maxDelay: Duration = .seconds(60),
        maxRetryAfter: Duration = .seconds(3600)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// HTTP statuses worth another attempt.
    package static let transientStatuses: Set<Int> = [408, 425, 429, 500, 502, 503, 504]

    /// Whether a failure is worth another attempt at all, whatever the attempt count.
    package static func isTransient(_ error: FetchError) -> Bool {
        switch error.code {
        case .dns, .connect, .timeout, .tooSlow, .truncated, .connectionReset:
            true
        case .httpStatus:
            error.httpStatus.map { transientStatuses.contains($0) } ?? false
        case .tls, .tooBig, .refusedAddress, .badScheme, .invalidURL, .tooManyRedirects, .wrongType, .protocolError,
            .cancelled, .sinkFailed, .setupFailed:
            false
        }
    }

    /// Decides what to do after attempt number `attempt` (1-based) failed with `error`.
    /// - Parameters:
    ///   - now: the current time in seconds since the Unix epoch, used for a `Retry-After` date.
    ///   - jitter: a number in 0..<1; the exponential wait is scaled into its upper half (`wait × (0.5 + jitter/2)`)
    ///     so that many clients failing together spread out.
    /// - Returns: `.retry(after:)` or `.giveUp`.
    package func decide(after error: FetchError, attempt: Int, now: Int64, jitter: Double) -> RetryDecision {
        guard Self.isTransient(error) else { return .giveUp(.permanent) }
        guard attempt < maxAttempts else { return .giveUp(.attemptsExhausted) }
        if let retryAfter = error.retryAfter {
            let wait = retryAfter.wait(now: now)
            return wait <= maxRetryAfter ? .retry(after: wait) : .giveUp(.retryAfterTooLong)
        }
        let exponent = min(max(attempt - 1, 0), 30)
        let exponential = min(baseDelay * (1 << exponent), maxDelay)
        let clampedJitter = min(max(jitter, 0), 1)
        return .retry(after: exponential * (0.5 + clampedJitter / 2))
    }
}

/// The outcome of `RetryPolicy.decide`.
package enum RetryDecision: Sendable, Equatable {
    /// Why a failure is not retried.
    package enum Reason: String, Sendable {
        case permanent
        case attemptsExhausted
        case retryAfterTooLong
    }

    case retry(after: Duration)
    case giveUp(Reason)
}
