import AssetStore
import Foundation
import Testing

@Suite
struct RetryScheduleTests {
    let schedule = RetrySchedule(retries: 5, baseDelay: .seconds(1), maxDelay: .seconds(10))
    let retryable = AssetFailure(code: "timeout", message: "timed out", isRetryable: true)

    @Test
    func delaysDoubleFromTheBaseAndStopAtTheCap() {
        let delays = (1...5).map { schedule.decision(afterFailedAttempts: $0, failure: retryable) }
        #expect(
            delays == [
                .retry(after: .seconds(1)), .retry(after: .seconds(2)), .retry(after: .seconds(4)),
                .retry(after: .seconds(8)), .retry(after: .seconds(10)),
            ]
        )
    }

    @Test
    func givesUpOnceTheRetriesAreSpent() {
        #expect(schedule.decision(afterFailedAttempts: 5, failure: retryable) != .giveUp)
        #expect(schedule.decision(afterFailedAttempts: 6, failure: retryable) == .giveUp)
    }

    @Test
    func aPermanentFailureGivesUpAtOnce() {
        let failure = AssetFailure(code: "http404", message: "404", isRetryable: false)
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure) == .giveUp)
    }

    @Test
    func zeroRetriesNeverRetriesAndNegativeCountsAsZero() {
        #expect(RetrySchedule(retries: 0, baseDelay: .seconds(1), maxDelay: .seconds(1)).retries == 0)
        #expect(RetrySchedule(retries: -3, baseDelay: .seconds(1), maxDelay: .seconds(1)).retries == 0)
        let never = RetrySchedule(retries: 0, baseDelay: .seconds(1), maxDelay: .seconds(9))
        #expect(never.decision(afterFailedAttempts: 1, failure: retryable) == .giveUp)
    }

    @Test
    func aLongerRetryAfterIsHonouredUpToTheCap() {
        var failure = retryable
        failure.retryAfter = .seconds(7)
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure) == .retry(after: .seconds(7)))
        failure.retryAfter = .seconds(3600)
        #expect(schedule.decision(afterFailedAttempts: 1, failure: failure) == .retry(after: .seconds(10)))
        failure.retryAfter = .milliseconds(100)
        #expect(schedule.decision(afterFailedAttempts: 3, failure: failure) == .retry(after: .seconds(4)))
    }

    @Test
    func aHugeAttemptCountDoesNotOverflow() {
        let patient = RetrySchedule(retries: .max, baseDelay: .seconds(30), maxDelay: .seconds(3600))
        #expect(patient.decision(afterFailedAttempts: 10_000, failure: retryable) == .retry(after: .seconds(3600)))
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
