import AssetFetch
import Testing

@Suite
struct RetryPolicyTests {
    private let policy = RetryPolicy(maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(10))

    private func error(_ code: FetchError.Code, status: Int? = nil, retryAfter: RetryAfter? = nil) -> FetchError {
        FetchError(code, "test", httpStatus: status, retryAfter: retryAfter)
    }

    @Test(arguments: [FetchError.Code.dns, .connect, .timeout, .tooSlow, .truncated, .connectionReset])
    func retriesTransientNetworkFailures(code: FetchError.Code) {
        #expect(policy.decide(after: error(code), attempt: 1, now: 0, jitter: 1) == .retry(after: .seconds(1)))
    }

    @Test(arguments: [408, 425, 429, 500, 502, 503, 504])
    func retriesTransientStatuses(status: Int) {
        #expect(RetryPolicy.isTransient(error(.httpStatus, status: status)))
    }

    @Test(arguments: [400, 401, 403, 404, 410, 501, 505])
    func givesUpOnOtherStatuses(status: Int) {
        #expect(
            policy.decide(after: error(.httpStatus, status: status), attempt: 1, now: 0, jitter: 0)
                == .giveUp(.permanent)
        )
    }

    @Test
    func givesUpOnPermanentCodes() {
        let permanent: [FetchError.Code] = [
            .tls, .tooBig, .refusedAddress, .badScheme, .invalidURL, .tooManyRedirects, .wrongType, .protocolError,
            .cancelled, .sinkFailed, .setupFailed,
        ]
        for code in permanent {
            #expect(policy.decide(after: error(code), attempt: 1, now: 0, jitter: 0) == .giveUp(.permanent))
        }
        #expect(Set(permanent).count + 6 == FetchError.Code.allCases.count - 1, "every code is classified")
    }

    @Test
    func backsOffExponentiallyUpToTheMaximum() {
        let waits = (1...5).map { policy.decide(after: error(.connect), attempt: $0, now: 0, jitter: 1) }
        #expect(
            waits == [
                .retry(after: .seconds(1)), .retry(after: .seconds(2)), .retry(after: .seconds(4)),
                .retry(after: .seconds(8)), .giveUp(.attemptsExhausted),
            ]
        )
        let capped = RetryPolicy(maxAttempts: 100, baseDelay: .seconds(1), maxDelay: .seconds(10))
        #expect(capped.decide(after: error(.connect), attempt: 60, now: 0, jitter: 1) == .retry(after: .seconds(10)))
    }

    @Test
    func jitterScalesTheWaitIntoItsUpperHalf() {
        #expect(policy.decide(after: error(.timeout), attempt: 3, now: 0, jitter: 0) == .retry(after: .seconds(2)))
        #expect(policy.decide(after: error(.timeout), attempt: 3, now: 0, jitter: 0.5) == .retry(after: .seconds(3)))
        #expect(policy.decide(after: error(.timeout), attempt: 3, now: 0, jitter: 7) == .retry(after: .seconds(4)))
    }

    @Test
    func honoursRetryAfterInSecondsAndAsADate() {
        let seconds = error(.httpStatus, status: 503, retryAfter: .delay(seconds: 42))
        #expect(policy.decide(after: seconds, attempt: 1, now: 0, jitter: 0) == .retry(after: .seconds(42)))
        let date = error(.httpStatus, status: 429, retryAfter: .date(secondsSinceEpoch: 1_000_030))
        #expect(policy.decide(after: date, attempt: 2, now: 1_000_000, jitter: 0) == .retry(after: .seconds(30)))
        let past = error(.httpStatus, status: 429, retryAfter: .date(secondsSinceEpoch: 5))
        #expect(policy.decide(after: past, attempt: 2, now: 1_000_000, jitter: 0) == .retry(after: .zero))
    }

    @Test
    func givesUpWhenRetryAfterIsTooLong() {
        let long = error(.httpStatus, status: 503, retryAfter: .delay(seconds: 86_400))
        #expect(policy.decide(after: long, attempt: 1, now: 0, jitter: 0) == .giveUp(.retryAfterTooLong))
    }

    @Test
    func neverRetriesWithASingleAttempt() {
        let once = RetryPolicy(maxAttempts: 1)
        #expect(once.decide(after: error(.connect), attempt: 1, now: 0, jitter: 0) == .giveUp(.attemptsExhausted))
    }
}
