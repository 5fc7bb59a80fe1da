import AssetAPI
import AssetDaemon
import Foundation
import Testing

@Suite struct StatusLineTests {
    func status(_ counts: AssetStateCounts, bytes: Int64, active: Int = 0, rate: Double = 0) -> StatusDocument {
        StatusDocument(
            version: "0.1",
            assets: counts,
            articles: 1,
            objects: 1,
            bytes: bytes,
            cacheLimitBytes: 10 << 30,
            activeTransfers: active,
            transferRate: rate,
            startedAt: Date(timeIntervalSince1970: 0),
            uptimeSeconds: 1
        )
    }

    @Test func busyDaemonShowsCountsSizeAndRate() {
        let line = StatusLine.make(
            from: status(
                AssetStateCounts(queued: 3, fetching: 2, cached: 12, failed: 1),
                bytes: 1_288_490_189,
                active: 2,
                rate: 358_400
            )
        )
        #expect(line == "3 queued, 2 fetching, 12 cached, 1 failed; 1.2GiB of 10GiB; 350KiB/s")
    }

    @Test func idleDaemonOmitsRateAndEmptyStates() {
        #expect(StatusLine.make(from: status(AssetStateCounts(), bytes: 0)) == "no assets; 0B of 10GiB")
        #expect(StatusLine.make(from: status(AssetStateCounts(evicted: 4), bytes: 512)) == "4 evicted; 512B of 10GiB")
    }

    static let sizes: [(Int64, String)] = [
        (0, "0B"), (1023, "1023B"), (1024, "1KiB"), (1536, "1.5KiB"), (10 * 1024 + 512, "11KiB"), (5 << 20, "5MiB"),
        (1_288_490_189, "1.2GiB"), (10 << 30, "10GiB"), (-5, "0B"), (1 << 40, "1TiB"),
    ]

    @Test(arguments: sizes)
    func humanBytes(_ bytes: Int64, _ expected: String) {
        #expect(StatusLine.humanBytes(bytes) == expected)
    }
}
