import AssetStore
import Foundation
import Testing

@Suite
struct RetryScheduleTests {
    let schedule = RetrySchedule(retries: 5, baseDelay: .seconds(1), maxDelay: .seconds(10))
    let retryable = AssetFailure(code: "timeout", message: "timed out", isRetryable: true)

    @Test
    func withFullJitterDelaysDoubleFromTheBaseAndStopAtTheCap() {
        let delays = (1...5).map { schedule.decision(afterFailedAttempts: $0, failure: retryable, jitter: 1) }
        #expect(
            delays == [
                .retry(after: .seconds(1)), .retry(after: .seconds(2)), .retry(after: .seconds(4)),
                .retry(after: .seconds(8)), .retry(after: .seconds(10)),
            ]
        )
    }

    @Test
    func givesUpOnceTheRetriesAreSpent() {
        #expect(schedule.decision(afterFailedAttempts: 5, failure: retryable, jitter: 1) != .giveUp)
        #expect(schedule.decision(afterFailedAttempts: 6, failure: retryable, jitter: 1) == .giveUp)
    }

    @Test
    func aPermanentFailureGivesUpAtOnce() {
        let failure = AssetFailure(code: "http404", message: "404", isRetryable: false)
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure, jitter: 1) == .giveUp)
    }

    @Test
    func zeroRetriesNeverRetriesAndNegativeCountsAsZero() {
        #expect(RetrySchedule(retries: 0, baseDelay: .seconds(1), maxDelay: .seconds(1)).retries == 0)
        #expect(RetrySchedule(retries: -3, baseDelay: .seconds(1), maxDelay: .seconds(1)).retries == 0)
        let never = RetrySchedule(retries: 0, baseDelay: .seconds(1), maxDelay: .seconds(9))
        #expect(never.decision(afterFailedAttempts: 1, failure: retryable, jitter: 1) == .giveUp)
    }

    @Test
    func aLongerRetryAfterIsHonouredUpToTheCap() {
        var failure = retryable
        failure.retryAfter = .seconds(7)
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure, jitter: 1) == .retry(after: .seconds(7)))
        failure.retryAfter = .seconds(3600)
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure, jitter: 1) == .retry(after: .seconds(10)))
        failure.retryAfter = .milliseconds(100)
        #expect(schedule.decision(afterFailedAttempts: 3, failure: failure, jitter: 1) == .retry(after: .seconds(4)))
    }

    @Test
    func jitterDrawsTheDelayFromTheUpperHalfOfTheExponentialDelay() {
        #expect(schedule.decision(afterFailedAttempts: 3, failure: retryable, jitter: 0) == .retry(after: .seconds(2)))
        #expect(
            schedule.decision(afterFailedAttempts: 3, failure: retryable, jitter: 0.5) == .retry(after: .seconds(3))
        )
        #expect(schedule.decision(afterFailedAttempts: 3, failure: retryable, jitter: 1) == .retry(after: .seconds(4)))
        // At the cap the jitter still applies: 10 s capped, so 5...10 s.
        #expect(schedule.decision(afterFailedAttempts: 5, failure: retryable, jitter: 0) == .retry(after: .seconds(5)))
    }

    @Test
    func jitterOutsideZeroToOneIsClampedAndNaNCountsAsOne() {
        #expect(schedule.decision(afterFailedAttempts: 2, failure: retryable, jitter: -3) == .retry(after: .seconds(1)))
        #expect(schedule.decision(afterFailedAttempts: 2, failure: retryable, jitter: 7) == .retry(after: .seconds(2)))
        #expect(
            schedule.decision(afterFailedAttempts: 2, failure: retryable, jitter: .nan) == .retry(after: .seconds(2))
        )
        #expect(
            schedule.decision(afterFailedAttempts: 2, failure: retryable, jitter: .infinity)
                == .retry(after: .seconds(2))
        )
    }

    @Test
    func randomJitterStaysWithinHalfToAllOfTheDelayAndNeverAboveTheCap() {
        var generator = SystemRandomNumberGenerator()
        var seen = Set<Duration>()
        for attempt in 1...5 {
            let full = min(Duration.seconds(1) * (1 << (attempt - 1)), .seconds(10))
            for _ in 0..<200 {
                let jitter = Double.random(in: 0...1, using: &generator)
                let decision = schedule.decision(afterFailedAttempts: attempt, failure: retryable, jitter: jitter)
                guard case .retry(let delay) = decision else {
                    Issue.record("attempt \(attempt) gave up")
                    return
                }
                #expect(delay >= full / 2 && delay <= full, "attempt \(attempt), jitter \(jitter): \(delay)")
                #expect(delay <= schedule.maxDelay)
                seen.insert(delay)
            }
        }
        // Random draws spread the delays instead of repeating one per attempt.
        #expect(seen.count > 50)
    }

    @Test
    func retryAfterIsAFloorThatJitterNeverUndercuts() {
        var failure = retryable
        failure.retryAfter = .seconds(3)
        // Exponential 4 s, jittered 2...4 s: the server's 3 s wins over the lower draws only.
        #expect(schedule.decision(afterFailedAttempts: 3, failure: failure, jitter: 0) == .retry(after: .seconds(3)))
        #expect(schedule.decision(afterFailedAttempts: 3, failure: failure, jitter: 1) == .retry(after: .seconds(4)))
        for _ in 0..<500 {
            let jitter = Double.random(in: 0...1)
            guard case .retry(let delay) = schedule.decision(afterFailedAttempts: 3, failure: failure, jitter: jitter)
            else {
                Issue.record("gave up")
                return
            }
            #expect(delay >= .seconds(3) && delay <= .seconds(4), "jitter \(jitter): \(delay)")
        }
        // A Retry-After beyond the cap is cut to the cap, whatever the draw.
        failure.retryAfter = .seconds(3600)
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure, jitter: 0) == .retry(after: .seconds(10)))
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure, jitter: 1) == .retry(after: .seconds(10)))
    }

    @Test
    func theJitterPassedToTheIndexShortensThePersistedDelay() async throws {
        let scratch = try ScratchDirectory()
        let index = try await IndexDatabase.open(path: scratch.path + "/index.sqlite", durability: .full)
        let url = "https://img.example/j.jpg"
        let claimed = try await IndexFixture.claimAll(index, urls: [url])
        let id = try #require(claimed[url]?.id)
        let asset = try await index.markFailed(
            id,
            failure: retryable,
            schedule: schedule,
            jitter: 0,
            now: IndexFixture.epoch
        )
        #expect(asset.nextAttemptAt == IndexFixture.at(0.5))
        try await index.close()
    }

    @Test
    func aHugeAttemptCountDoesNotOverflow() {
        let patient = RetrySchedule(retries: .max, baseDelay: .seconds(30), maxDelay: .seconds(3600))
        let decision = patient.decision(afterFailedAttempts: 10_000, failure: retryable, jitter: 1)
        #expect(decision == .retry(after: .seconds(3600)))
    }

    @Test
    func theScheduleIsPersistedAndSurvivesAReopen() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path + "/index.sqlite"
        var index = try await IndexDatabase.open(path: path, durability: .full)
        let url = "https://img.example/a.jpg"
        let claimed = try await IndexFixture.claimAll(index, urls: [url])
        let id = try #require(claimed[url]?.id)
        _ = try await index.markFailed(id, failure: retryable, schedule: schedule, now: IndexFixture.epoch)
        try await index.close()

        index = try await IndexDatabase.open(path: path, durability: .full)
        let asset = try #require(try await index.asset(url: url))
        #expect(asset.state == .queued)
        #expect(asset.attempts == 1)
        #expect(asset.nextAttemptAt == IndexFixture.at(1))
        #expect(asset.lastErrorCode == "timeout")
        #expect(asset.lastErrorMessage == "timed out")
        #expect(try await index.claimDueAssets(limit: 5, perHostLimit: 5, now: IndexFixture.at(0.5)).isEmpty)
        let again = try await index.claimDueAssets(limit: 5, perHostLimit: 5, now: IndexFixture.at(1))
        #expect(again.map(\.id) == [id])
        let second = try await index.markFailed(id, failure: retryable, schedule: schedule, now: IndexFixture.at(1))
        #expect(second.attempts == 2)
        #expect(second.nextAttemptAt == IndexFixture.at(3))
        try await index.close()
    }
}
