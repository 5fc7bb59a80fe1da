import AssetAPI
import AssetDaemon
import AssetFetch
import AssetStore
import AssetTestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1)))
struct PipelineTests {
    private static func html(_ urls: [String]) -> String {
        let images = urls.map { "<img src=\"\($0)\" alt=\"\">" }.joined(separator: "\n")
        return "<!doctype html><html><body>\n\(images)\n</body></html>\n"
    }

    @Test func articleImagesAreAllCachedWithTheirDigests() async throws {
        try await TestOrigin.withOrigin { origin in
            let sizes = [0, 1, 4096, 70_000, 300_001]
            let urls = sizes.enumerated().map { origin.objectURL(size: $1, seed: UInt64($0 + 1)) }
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: Self.html(urls))
                #expect(submitted.assets.map(\.url) == urls)
                let article = try await daemon.settle(article: submitted.id)
                for (index, size) in sizes.enumerated() {
                    let asset = try #require(article.assets.first { $0.url == urls[index] })
                    #expect(asset.state == .cached)
                    #expect(asset.byteCount == Int64(size))
                    #expect(asset.sha256 == TestContent.sha256Hex(count: size, seed: UInt64(index + 1)))
                    let path = try #require(asset.path)
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                    #expect(Array(bytes) == TestContent.bytes(count: size, seed: UInt64(index + 1)))
                }
                #expect(article.imageCount == sizes.count)
            }
        }
    }

    @Test func aSharedAssetIsFetchedOnceForTwoArticles() async throws {
        try await TestOrigin.withOrigin { origin in
            let shared = origin.objectURL(size: 2048, seed: 7)
            let own = origin.objectURL(size: 100, seed: 8)
            try await DaemonHarness.run { daemon in
                let first = try await daemon.submit(article: Self.html([shared]))
                _ = try await daemon.settle(article: first.id)
                let second = try await daemon.submit(article: Self.html([shared, own]))
                let article = try await daemon.settle(article: second.id)
                #expect(article.assets.allSatisfy { $0.state == .cached })
                #expect(second.assets.first?.id == first.assets.first?.id)
                #expect(second.assets.first?.state == .cached)
                #expect(origin.attempts(for: shared) == 1)
                let asset = try #require(article.assets.first { $0.url == shared })
                #expect(asset.articleIDs == [first.id, second.id])
            }
        }
    }

    @Test func anArticleSubmittedWhileItsImageIsFetchingIsNamedInTheCachedEvent() async throws {
        try await TestOrigin.withOrigin { origin in
            let slow = origin.objectURL(size: 2048, seed: 9, "delay-ms=800")
            try await DaemonHarness.run { daemon in
                let subscription = daemon.core.events.subscribe(ServerEventFilter(states: [.cached]))
                let first = try await daemon.submit(article: Self.html([slow]))
                while origin.requestCount == 0 {
                    try await Task.sleep(for: .milliseconds(10))
                }
                // The claim read the asset's articles before this one existed.
                let second = try await daemon.submit(article: Self.html([slow]))
                #expect(second.assets.first?.state == .fetching)
                var cached: AssetTransition?
                for await batch in subscription {
                    for case .asset(let transition) in batch where transition.to == .cached {
                        cached = transition
                    }
                    if cached != nil { break }
                }
                #expect(cached?.articleIDs == [first.id, second.id])
                #expect(origin.attempts(for: slow) == 1)
            }
        }
    }

    @Test func permanentFailuresRecordTheirCodes() async throws {
        try await TestOrigin.withOrigin { origin in
            let missing = origin.objectURL(size: 10, seed: 1, "status=404")
            let text = origin.objectURL(size: 10, seed: 2, "type=text/plain")
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: Self.html([missing, text]))
                let article = try await daemon.settle(article: submitted.id)
                let notFound = try #require(article.assets.first { $0.url == missing })
                #expect(notFound.state == .failed)
                #expect(notFound.error?.code == "http404")
                #expect(notFound.httpStatus == 404)
                #expect(notFound.attempts == 1)
                let wrongType = try #require(article.assets.first { $0.url == text })
                #expect(wrongType.state == .failed)
                #expect(wrongType.error?.code == "wrongType")
                #expect(origin.attempts(for: missing) == 1)
            }
        }
    }

    @Test func transientFailuresAreRetriedUntilTheyPass() async throws {
        try await TestOrigin.withOrigin { origin in
            let flaky = origin.objectURL(size: 5000, seed: 3, "fail-first=2&status=503")
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: Self.html([flaky]))
                let article = try await daemon.settle(article: submitted.id)
                let asset = try #require(article.assets.first)
                #expect(asset.state == .cached)
                #expect(asset.attempts == 2)
                #expect(asset.sha256 == TestContent.sha256Hex(count: 5000, seed: 3))
                #expect(origin.attempts(for: flaky) == 3)
            }
        }
    }

    @Test func retriesStopWhenTheAttemptsRunOut() async throws {
        try await TestOrigin.withOrigin { origin in
            let broken = origin.objectURL(size: 10, seed: 4, "status=503")
            let configuration = DaemonHarness.configuration { $0.retries = 1 }
            try await DaemonHarness.run(configuration: configuration) { daemon in
                let submitted = try await daemon.submit(article: Self.html([broken]))
                let article = try await daemon.settle(article: submitted.id)
                let asset = try #require(article.assets.first)
                #expect(asset.state == .failed)
                #expect(asset.error?.code == "http503")
                #expect(asset.attempts == 2)
                #expect(origin.attempts(for: broken) == 2)
            }
        }
    }

    @Test func aRetryWaitsForItsScheduledTime() async throws {
        try await TestOrigin.withOrigin { origin in
            let flaky = origin.objectURL(size: 10, seed: 5, "fail-first=1&status=503")
            // The first retry is due after 1 s scaled by jitter into 0.5...1 s.
            let configuration = DaemonHarness.configuration {
                $0.retryBaseDelay = .seconds(1)
                $0.retryMaxDelay = .seconds(2)
            }
            try await DaemonHarness.run(configuration: configuration) { daemon in
                let started = ContinuousClock.now
                let submitted = try await daemon.submit(article: Self.html([flaky]))
                let article = try await daemon.settle(article: submitted.id)
                #expect(article.assets.first?.state == .cached)
                #expect(started.duration(to: .now) >= .milliseconds(500))
                let requests = origin.requests.filter { $0.target.hasSuffix("fail-first=1&status=503") }
                try #require(requests.count == 2)
                #expect(requests[0].arrival.duration(to: requests[1].arrival) >= .milliseconds(490))
            }
        }
    }

    @Test func assetsFailingTogetherGetJitteredRetryTimes() async throws {
        try await TestOrigin.withOrigin { origin in
            let urls = (0..<8).map { origin.objectURL(size: 10, seed: UInt64(40 + $0), "fail-first=1&status=503") }
            let configuration = DaemonHarness.configuration {
                $0.retryBaseDelay = .seconds(20)
                $0.retryMaxDelay = .seconds(20)
            }
            let directory = try TestDirectory()
            defer { directory.remove() }
            try await DaemonHarness.run(in: directory, configuration: configuration) { daemon in
                let submitted = try await daemon.submit(article: Self.html(urls))
                let deadline = ContinuousClock.now + .seconds(20)
                while ContinuousClock.now < deadline {
                    let article = try await daemon.get(ArticleDocument.self, APIRoute.article(id: submitted.id))
                    if article.assets.allSatisfy({ $0.attempts == 1 && $0.state == .queued }) { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            // The index keeps milliseconds (the API's dates are whole seconds).
            let index = try await IndexDatabase.open(path: directory.file("state/index.sqlite"), durability: .relaxed)
            var delays: [Int64] = []
            for url in urls {
                let asset = try #require(try await index.asset(url: url))
                #expect(asset.attempts == 1)
                let due = try #require(asset.nextAttemptAt)
                delays.append(Int64((due.timeIntervalSince(asset.updatedAt) * 1000).rounded()))
            }
            try await index.close()
            for delay in delays {
                #expect((10_000...20_000).contains(delay), "delay \(delay) ms is outside 10...20 s")
            }
            // Without jitter all eight would be due exactly 20 s after their failure.
            #expect(Set(delays).count > 1, "\(delays)")
        }
    }

    @Test func plainTextArticlesAreScannedForSrcsetRuns() async throws {
        try await TestOrigin.withOrigin { origin in
            let small = origin.objectURL(size: 300, seed: 11)
            let large = origin.objectURL(size: 900, seed: 12)
            let text = "Photo: \(small) 480w, \(large) 1024w\n"
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: text, query: "width=1000", contentType: "text/plain")
                #expect(submitted.assets.map(\.url) == [large])
                let article = try await daemon.settle(article: submitted.id)
                #expect(article.assets.first?.state == .cached)
                #expect(article.assets.first?.width == 1024)
                #expect(article.contentType == "text/plain")
            }
        }
    }

    @Test func anArticleByURLIsFetchedStoredAndParsed() async throws {
        try await TestOrigin.withOrigin { origin in
            let image = origin.objectURL(size: 1234, seed: 21)
            let relative = "/object?size=77&seed=22"
            let page = Self.html([image, relative])
            origin.publish("/article.html", bytes: Array(page.utf8), contentType: "text/html; charset=utf-8")
            origin.publish("/photo.jpg", bytes: [1, 2, 3], contentType: "image/jpeg")
            try await DaemonHarness.run { daemon in
                let body = try APIJSON.encode(ArticleSubmissionRequest(url: origin.url("/article.html")))
                let response = try await daemon.request(
                    "POST",
                    APIRoute.articles,
                    body: Array(body),
                    contentType: "application/json"
                )
                #expect(response.head.status == 202)
                let submitted = try APIJSON.decode(ArticleSubmissionResult.self, from: Data(response.body))
                #expect(submitted.assets.map(\.url) == [image, origin.url(relative)])
                let article = try await daemon.settle(article: submitted.id)
                #expect(article.url == origin.url("/article.html"))
                #expect(article.assets.allSatisfy { $0.state == .cached })
                let stored = try await daemon.request("GET", APIRoute.object(sha256: article.sha256))
                #expect(stored.body == Array(page.utf8))

                let imageBody = try APIJSON.encode(ArticleSubmissionRequest(url: origin.url("/photo.jpg")))
                let refused = try await daemon.request(
                    "POST",
                    APIRoute.articles,
                    body: Array(imageBody),
                    contentType: "application/json"
                )
                #expect(refused.head.status == 415)
            }
        }
    }
}
