import AssetAPI
import AssetDaemon
import AssetStore
import AssetTestSupport
import Foundation
import Logging
import Testing

@Suite(.timeLimit(.minutes(1)))
struct LifecycleTests {
    private static func html(_ url: String) -> String {
        "<html><body><img srcset=\"\(url) 800w\" sizes=\"800px\"></body></html>"
    }

    /// Reads one asset straight from the index of a stopped daemon.
    private static func storedAsset(_ url: String, in directory: TestDirectory) async throws -> AssetStore.AssetRecord {
        let index = try await IndexDatabase.open(path: directory.file("state/index.sqlite"), durability: .relaxed)
        let asset = try await index.asset(url: url)
        try await index.close()
        return try #require(asset)
    }

    @Test func shutdownReturnsTransfersInFlightToTheQueueAndRestartFinishesThem() async throws {
        try await TestOrigin.withOrigin { origin in
            // The first request trickles (about 20 s for the body); later ones are served at once.
            let slow = origin.objectURL(size: 40_000, seed: 31, "fail-first=1&status=200&trickle-bps=2000")
            let directory = try TestDirectory()
            defer { directory.remove() }
            try await DaemonHarness.run(in: directory) { daemon in
                _ = try await daemon.submit(article: Self.html(slow))
                let deadline = ContinuousClock.now + .seconds(20)
                while daemon.core.statistics.bytesReceived == 0 && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(daemon.core.statistics.activeTransfers == 1)
            }
            let parked = try await Self.storedAsset(slow, in: directory)
            #expect(parked.state == .queued)
            #expect(parked.attempts == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("cache/ingest")).isEmpty)

            try await DaemonHarness.run(in: directory) { daemon in
                let list = try await daemon.get(
                    AssetListDocument.self,
                    "/v1/assets?url=" + APIQueryItem.percentEncode(slow)
                )
                let id = try #require(list.assets.first?.articleIDs.first)
                let article = try await daemon.settle(article: id)
                #expect(article.assets.first?.state == .cached)
                #expect(article.assets.first?.sha256 == TestContent.sha256Hex(count: 40_000, seed: 31))
            }
            #expect(origin.attempts(for: slow) == 2)
        }
    }

    @Test func aRestartKeepsThePersistedRetrySchedule() async throws {
        try await TestOrigin.withOrigin { origin in
            let flaky = origin.objectURL(size: 64, seed: 32, "fail-first=1&status=503")
            let directory = try TestDirectory()
            defer { directory.remove() }
            // Long enough that the restart comes before the retry is due, even on a loaded machine.
            let configuration = DaemonHarness.configuration {
                $0.retryBaseDelay = .seconds(10)
                $0.retryMaxDelay = .seconds(10)
            }
            try await DaemonHarness.run(in: directory, configuration: configuration) { daemon in
                let submitted = try await daemon.submit(article: Self.html(flaky))
                let deadline = ContinuousClock.now + .seconds(10)
                while ContinuousClock.now < deadline {
                    let article = try await daemon.get(ArticleDocument.self, APIRoute.article(id: submitted.id))
                    if article.assets.first?.attempts == 1 { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            let waiting = try await Self.storedAsset(flaky, in: directory)
            #expect(waiting.state == .queued)
            #expect(waiting.attempts == 1)
            let due = try #require(waiting.nextAttemptAt)
            // 10 s scaled by jitter into 5...10 s.
            let delay = due.timeIntervalSince(waiting.updatedAt)
            #expect(delay >= 4.999 && delay <= 10.001)

            try await DaemonHarness.run(in: directory, configuration: configuration) { daemon in
                #expect(origin.attempts(for: flaky) == 1)
                let list = try await daemon.get(AssetListDocument.self, "/v1/assets?state=queued")
                let id = try #require(list.assets.first?.articleIDs.first)
                let article = try await daemon.settle(article: id)
                #expect(article.assets.first?.state == .cached)
                #expect(Date() >= due)
            }
            #expect(origin.attempts(for: flaky) == 2)
        }
    }

    @Test func aSecondDaemonOnTheSameStateDirectoryIsRefused() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        try await DaemonHarness.run(in: directory) { _ in
            let paths = DaemonPaths(
                stateDirectory: directory.file("state"),
                cacheDirectory: directory.file("cache2"),
                socket: directory.file("d.sock")
            )
            let loaded = LoadedConfiguration(configuration: DaemonHarness.configuration(), paths: paths, file: nil)
            await #expect {
                _ = try await DaemonRuntime.open(
                    loaded,
                    environment: [:],
                    logger: .init(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
                )
            } throws: { error in
                (error as? DaemonError)?.code == .stateDirectoryLocked
            }
        }
    }
}
