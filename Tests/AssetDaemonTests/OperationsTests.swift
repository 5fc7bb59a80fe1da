import AssetAPI
import AssetDaemon
import AssetFetch
import AssetTestSupport
import Foundation
import Logging
import Testing

@Suite(.timeLimit(.minutes(1)))
struct OperationsTests {
    @Test func systemdHearsReadyStatusWatchdogAndStopping() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let receiver = try DatagramReceiver(address: directory.file("notify"), abstract: false)
        let environment = ["NOTIFY_SOCKET": receiver.notifyAddress, "WATCHDOG_USEC": "200000"]
        var messages: [String] = []
        let events = try await DaemonHarness.run(in: directory, environment: environment) { daemon in
            // An open event stream must not hold up the shutdown.
            let events = try await daemon.client.stream(UnixSocketRequest(target: APIRoute.events, timeout: nil))
            #expect(events.head.status == 200)
            for _ in 0..<24 {
                try await Task.sleep(for: .milliseconds(50))
                while let message = receiver.receiveNow() { messages.append(message) }
            }
            return events
        }
        while let message = receiver.receiveNow() { messages.append(message) }
        // The daemon ended the stream when it stopped; read it to its end.
        var frames = ServerSentEventParser()
        var statusEvents = 0
        for try await chunk in events {
            statusEvents += frames.consume(chunk).filter { $0.event == ServerEvent.Name.status }.count
        }
        #expect(statusEvents >= 2)
        let ready = try #require(messages.firstIndex { $0.hasPrefix("READY=1\nSTATUS=listening on ") })
        #expect(messages.contains("STATUS=no assets; 0B of 10GiB"))
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 4)
        let stopping = try #require(messages.firstIndex(of: "STOPPING=1"))
        #expect(ready < stopping)
    }

    @Test func notificationsThatCannotBeSentAreLoggedWithoutFloodingTheLog() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        // Nobody listens at this path: every send fails with ENOENT.
        let environment = ["NOTIFY_SOCKET": directory.file("absent.sock"), "WATCHDOG_USEC": "200000"]
        let log = RecordingLogHandler.Store()
        try await DaemonHarness.run(in: directory, environment: environment, logger: log.logger()) { _ in
            try await Task.sleep(for: .milliseconds(800))
        }
        let failures = log.all.filter { $0.message == "cannot notify the service manager" }
        let sent = failures.map { $0.metadata["notify.messages"] ?? "" }
        #expect(failures.allSatisfy { $0.metadata["error"]?.contains("No such file or directory") == true })
        // The one-off messages are warnings every time.
        #expect(failures.contains { $0.metadata["notify.messages"] == "READY,STATUS" && $0.level == .warning })
        #expect(failures.contains { $0.metadata["notify.messages"] == "STOPPING" && $0.level == .warning })
        // STATUS every 300 ms and WATCHDOG every 100 ms: the first failure warns, the rest are debug.
        let periodic = failures.filter { ["STATUS", "WATCHDOG"].contains($0.metadata["notify.messages"]) }
        #expect(periodic.filter { $0.level == .warning }.count == 1, "\(sent)")
        #expect(periodic.filter { $0.level == .debug }.count >= 4, "\(sent)")
    }

    @Test func theCacheIsKeptUnderItsLimitByEvictingTheLeastRecentlyUsed() async throws {
        try await TestOrigin.withOrigin { origin in
            let urls = (0..<5).map { origin.objectURL(size: 10_000, seed: UInt64(70 + $0)) }
            let configuration = DaemonHarness.configuration {
                $0.maxCacheBytes = 25_000
                $0.concurrency = 1
            }
            try await DaemonHarness.run(configuration: configuration) { daemon in
                let page = urls.map { "<img src=\"\($0)\">" }.joined()
                let submitted = try await daemon.submit(article: page)
                _ = try await daemon.settle(article: submitted.id)
                var status = try await daemon.get(StatusDocument.self, APIRoute.status)
                let deadline = ContinuousClock.now + .seconds(10)
                while status.bytes > 25_000 && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                    status = try await daemon.get(StatusDocument.self, APIRoute.status)
                }
                #expect(status.bytes <= 25_000)
                #expect(status.assets.evicted >= 3)
                #expect(status.assets.cached + status.assets.evicted == 5)
                let article = try await daemon.get(ArticleDocument.self, APIRoute.article(id: submitted.id))
                let kept = article.assets.filter { $0.state == .cached }
                #expect(kept.allSatisfy { $0.path.map(FileManager.default.fileExists) == true })
                // The most recently fetched survive; the first ones went first.
                #expect(article.assets.first?.state == .evicted)
                #expect(article.assets.last?.state == .cached)
            }
        }
    }

    @Test func anOversizedArticleIsRefusedAndNothingIsLeftBehind() async throws {
        let configuration = DaemonHarness.configuration { $0.maxObjectBytes = 1000 }
        try await DaemonHarness.run(configuration: configuration) { daemon in
            let body = Array(repeating: UInt8(ascii: "a"), count: 3000)
            let response = try await daemon.request("POST", APIRoute.articles, body: body, contentType: "text/plain")
            #expect(response.head.status == 413)
            let document = try APIJSON.decode(APIErrorDocument.self, from: Data(response.body))
            #expect(document.error.code == .payloadTooLarge)
            let ingest = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.file("cache/ingest"))
            #expect(ingest.isEmpty)
            let status = try await daemon.get(StatusDocument.self, APIRoute.status)
            #expect(status.objects == 0)
            #expect(status.articles == 0)
        }
    }

    @Test func articlesCountedAtStartIncludeEarlierRuns() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        for run in 1...2 {
            try await DaemonHarness.run(in: directory) { daemon in
                for _ in 0..<3 {
                    _ = try await daemon.submit(article: "<p>no images</p>", contentType: "text/html")
                }
                let status = try await daemon.get(StatusDocument.self, APIRoute.status)
                #expect(status.articles == 3 * run)
            }
        }
    }
}
