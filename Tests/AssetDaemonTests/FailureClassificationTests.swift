import AssetDaemon
import AssetFetch
import AssetStore
import Testing

struct FailureClassificationTests {
    @Test func httpStatusFailuresAreRecordedWithTheStatus() {
        let notFound = FailureClassification.failure(for: FetchError(.httpStatus, "gone", httpStatus: 404), now: 0)
        #expect(notFound.code == "http404")
        #expect(!notFound.isRetryable)
        let unavailable = FailureClassification.failure(
            for: FetchError(.httpStatus, "busy", httpStatus: 503, retryAfter: .delay(seconds: 7)),
            now: 0
        )
        #expect(unavailable.code == "http503")
        #expect(unavailable.isRetryable)
        #expect(unavailable.retryAfter == .seconds(7))
    }

    @Test func aRetryAfterDateBecomesAWaitFromNow() {
        let error = FetchError(.httpStatus, "later", httpStatus: 429, retryAfter: .date(secondsSinceEpoch: 1_000_030))
        #expect(FailureClassification.failure(for: error, now: 1_000_000).retryAfter == .seconds(30))
    }

    @Test(arguments: [
        (FetchError.Code.timeout, true), (.connectionReset, true), (.truncated, true), (.dns, true),
        (.tooBig, false), (.wrongType, false), (.tls, false), (.refusedAddress, false),
    ])
    func transportFailuresKeepTheirCodeAndRetryability(code: FetchError.Code, isRetryable: Bool) {
        let failure = FailureClassification.failure(for: FetchError(code, "x"), now: 0)
        #expect(failure.code == code.rawValue)
        #expect(failure.isRetryable == isRetryable)
    }

    @Test func storeFailuresArePrefixedAndJudged() {
        let short = FailureClassification.failure(for: StoreError(.lengthMismatch, "short"))
        #expect(short.code == "store.lengthMismatch")
        #expect(short.isRetryable)
        let denied = FailureClassification.failure(for: StoreError(.permissionDenied, "no"))
        #expect(!denied.isRetryable)
    }

    @Test func aBodyThatCouldNotBeStoredIsRecordedAsTheStoreFailure() {
        let full = StoreError(.noSpace, "no space left on device")
        let failure = FailureClassification.failure(
            for: FetchError(.sinkFailed, "cannot store the body: no space left on device", underlying: full),
            now: 0
        )
        #expect(failure.code == "store.noSpace")
        #expect(failure.isRetryable, "room may be freed; a full disk is retried")
        // A sink failure of another cause stays what it was.
        let other = FailureClassification.failure(for: FetchError(.sinkFailed, "bad sink"), now: 0)
        #expect(other.code == "sinkFailed")
    }

    @Test func outcomesFollowTheStateAfterTheTransfer() {
        #expect(FailureClassification.outcome(after: .cached, attemptCounted: false) == "cached")
        #expect(FailureClassification.outcome(after: .queued, attemptCounted: true) == "retry")
        #expect(FailureClassification.outcome(after: .failed, attemptCounted: true) == "failed")
    }

    @Test func aTransferPutBackWithoutAnAttemptIsInterruptedNotARetry() {
        #expect(FailureClassification.outcome(after: .queued, attemptCounted: false) == "interrupted")
    }
}
