import AssetAPI
import AssetDaemon
import AssetTestSupport
import Foundation
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1)))
struct SchedulerLimitsTests {
    /// The largest number of transfers in flight seen while sampling.
    private final class Sampler: Sendable {
        private let state = Mutex((peak: 0, isDone: false))
        var peak: Int { state.withLock { $0.peak } }
        var isDone: Bool { state.withLock { $0.isDone } }
        func record(_ active: Int) { state.withLock { $0.peak = max($0.peak, active) } }
        func finish() { state.withLock { $0.isDone = true } }
    }

    /// Samples the daemon's transfers in flight until `body` finishes; returns the largest count seen.
    private static func peakTransfers(_ daemon: DaemonHarness, during body: () async throws -> Void) async throws -> Int
    {
        let sampler = Sampler()
        let core = daemon.core
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while !sampler.isDone {
                    sampler.record(core.statistics.activeTransfers)
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            do {
                try await body()
            } catch {
                sampler.finish()
                throw error
            }
            sampler.finish()
            try await group.waitForAll()
        }
        return sampler.peak
    }

    @Test func transfersPerHostStayWithinTheLimitWhileOtherHostsProceed() async throws {
        try await TestOrigin.withOrigin(host: "127.0.0.1") { first in
            try await TestOrigin.withOrigin(host: "127.0.0.2") { second in
                try await Self.checkLimits(first, second)
            }
        }
    }

    private static func checkLimits(_ first: TestOrigin, _ second: TestOrigin) async throws {
        let busy = (0..<6).map { first.objectURL(size: 100, seed: UInt64($0), "delay-ms=300") }
        let other = second.objectURL(size: 100, seed: 99, "delay-ms=300")
        let configuration = DaemonHarness.configuration {
            $0.concurrency = 8
            $0.perHost = 2
        }
        try await DaemonHarness.run(configuration: configuration) { daemon in
            let started = ContinuousClock.now
            let peak = try await peakTransfers(daemon) {
                let page = (busy + [other]).map { "<img src=\"\($0)\">" }.joined()
                let submitted = try await daemon.submit(article: page)
                while true {
                    let article = try await daemon.get(ArticleDocument.self, APIRoute.article(id: submitted.id))
                    if article.assets.allSatisfy({ $0.state == .cached }) { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            let total = started.duration(to: .now)
            #expect(peak <= 3)  // two on the busy host, one on the other
            #expect(peak >= 2)
            #expect(total >= .milliseconds(900))  // six requests, two at a time, 300 ms each
            // Not queued behind the busy host: the other origin is asked before the busy one's last round.
            let busyArrivals = first.requests.map(\.arrival).sorted()
            let otherArrival = try #require(second.requests.first?.arrival)
            try #require(busyArrivals.count == 6)
            #expect(otherArrival < busyArrivals[4])
        }
    }

    @Test func theSchedulerClaimsForAnEighthOfItsSlotsAtATimeWhileTransfersRun() {
        typealias Scheduler = FetchScheduler
        // Up to 15 slots, every free slot is claimed for at once.
        #expect(Scheduler.claimableSlots(concurrency: 8, inFlight: 7) == 1)
        #expect(Scheduler.claimableSlots(concurrency: 15, inFlight: 14) == 1)
        #expect(Scheduler.claimableSlots(concurrency: 1, inFlight: 0) == 1)
        // No free slot, or more in flight than slots (the limit was lowered by a reload): nothing.
        #expect(Scheduler.claimableSlots(concurrency: 8, inFlight: 8) == nil)
        #expect(Scheduler.claimableSlots(concurrency: 8, inFlight: 9) == nil)
        // With 32 slots, 4 must be free while transfers run; with 128, 16.
        #expect(Scheduler.claimableSlots(concurrency: 32, inFlight: 29) == nil)
        #expect(Scheduler.claimableSlots(concurrency: 32, inFlight: 28) == 4)
        #expect(Scheduler.claimableSlots(concurrency: 128, inFlight: 113) == nil)
        #expect(Scheduler.claimableSlots(concurrency: 128, inFlight: 100) == 28)
        // An idle scheduler claims whatever it may, so a lone asset never waits for company.
        #expect(Scheduler.claimableSlots(concurrency: 32, inFlight: 0) == 32)
    }
}
