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
        func slots(_ concurrency: Int, transferring: Int) -> TransferSlots {
            var slots = TransferSlots(concurrency: concurrency)
            for _ in 0..<transferring { slots.start() }
            return slots
        }
        // Up to 15 slots, every free slot is claimed for at once.
        #expect(slots(8, transferring: 7).claimable == 1)
        #expect(slots(15, transferring: 14).claimable == 1)
        #expect(slots(1, transferring: 0).claimable == 1)
        #expect(slots(8, transferring: 8).claimable == nil)
        // With 32 slots, 4 must be free while transfers run; with 128, 16.
        #expect(slots(32, transferring: 29).claimable == nil)
        #expect(slots(32, transferring: 28).claimable == 4)
        #expect(slots(128, transferring: 113).claimable == nil)
        #expect(slots(128, transferring: 100).claimable == 28)
        // An idle scheduler claims whatever it may, so a lone asset never waits for company.
        #expect(slots(32, transferring: 0).claimable == 32)
    }

    @Test func aSettlingAssetGivesItsSlotBackAndTooManySettlingHoldClaimsBack() {
        var slots = TransferSlots(concurrency: 2)
        #expect(slots.settlingLimit == 32)
        slots.start()
        slots.start()
        #expect(slots.claimable == nil)
        slots.bodyReceived(host: "a.test")
        #expect(slots.claimable == 1)
        #expect(slots.transferring == 1 && slots.settling == 1 && slots.settlingByHost == ["a.test": 1])
        slots.finish(host: "b.test", settled: false)
        #expect(slots.claimable == 2)
        slots.finish(host: "a.test", settled: true)
        #expect(slots == TransferSlots(concurrency: 2))
        // 32 settling at once: no claim until one is recorded, though every slot is free.
        for index in 0..<32 {
            slots.start()
            slots.bodyReceived(host: "h\(index % 3).test")
        }
        #expect(slots.transferring == 0 && slots.settling == 32 && slots.claimable == nil)
        #expect(slots.settlingByHost == ["h0.test": 11, "h1.test": 11, "h2.test": 10])
        slots.finish(host: "h2.test", settled: true)
        #expect(slots.claimable == 2)
    }
}
