import AssetFetch
import AssetTestSupport
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1)))
struct FetchEngineTests {
    @Test
    func fetchesBodiesWhoseDigestsMatch() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let sizes = [0, 1, 16_385, 1 << 20, 3_000_001]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (seed, size) in sizes.enumerated() {
                    group.addTask {
                        let sink = RecordingSink()
                        let url = origin.objectURL(size: size, seed: UInt64(seed))
                        let response = try await engine.fetch(FetchRequest(url: url), into: sink)
                        #expect(response.bodyByteCount == Int64(size))
                        #expect(response.head.status == 200)
                        #expect(response.head.contentType == "image/jpeg")
                        #expect(response.head.contentLength == Int64(size))
                        #expect(response.httpVersion == "1.1")
                        #expect(!response.isNotModified)
                        #expect(sink.beginCount == 1)
                        #expect(sink.byteCount == size)
                        #expect(sink.sha256Hex == TestContent.sha256Hex(count: size, seed: UInt64(seed)))
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test
    func streamsChunkedBodiesOfUnknownLength() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let sink = RecordingSink()
            let response = try await engine.fetch(
                FetchRequest(url: origin.objectURL(size: 200_000, seed: 9, "no-length")),
                into: sink
            )
            #expect(response.head.contentLength == nil)
            #expect(response.bodyByteCount == 200_000)
            #expect(sink.sha256Hex == TestContent.sha256Hex(count: 200_000, seed: 9))
        }
    }

    @Test
    func neverRunsMoreThanPerHostTransfersAgainstOneOrigin() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine(concurrency: 8, perHost: 2)
            defer { engine.shutDown() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let url = origin.objectURL(size: 10, seed: 1, "delay-ms=50&tag=\(index)")
                        _ = try await engine.fetch(FetchRequest(url: url), into: RecordingSink())
                    }
                }
                try await group.waitForAll()
            }
            #expect(origin.requestCount == 10)
            #expect(origin.connectionCount <= 2, "keep-alive connections are reused, at most two at a time")
        }
    }

    @Test
    func followsRedirectsAndReportsTheFinalURL() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let final = OriginTarget.percentEncoded("/object?size=100&seed=3")
            let sink = RecordingSink()
            let response = try await engine.fetch(
                FetchRequest(url: origin.url("/redirect-chain?n=3&final=\(final)")),
                into: sink
            )
            #expect(response.redirectCount == 3)
            #expect(response.effectiveURL == origin.objectURL(size: 100, seed: 3))
            #expect(response.head.location == nil)
            #expect(sink.sha256Hex == TestContent.sha256Hex(count: 100, seed: 3))
        }
    }

    @Test
    func reportsNotModifiedForAMatchingETag() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let url = origin.objectURL(size: 500, seed: 4, "etag=v1")
            let first = try await engine.fetch(FetchRequest(url: url), into: RecordingSink())
            let etag = try #require(first.head.etag)
            #expect(etag == "\"v1\"")
            let sink = RecordingSink()
            let second = try await engine.fetch(FetchRequest(url: url, ifNoneMatch: etag), into: sink)
            #expect(second.isNotModified)
            #expect(second.head.status == 304)
            #expect(sink.beginCount == 0)
            #expect(sink.byteCount == 0)
            #expect(origin.requests.last?.header("If-None-Match") == etag)
            let changed = try await engine.fetch(FetchRequest(url: url, ifNoneMatch: "\"v0\""), into: RecordingSink())
            #expect(!changed.isNotModified)
            #expect(changed.bodyByteCount == 500)
        }
    }

    @Test
    func reportsNotModifiedForAnUnchangedLastModified() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let url = origin.objectURL(size: 500, seed: 4, "last-modified=1700000000")
            let first = try await engine.fetch(FetchRequest(url: url), into: RecordingSink())
            let lastModified = try #require(first.head.lastModified)
            #expect(HTTPDate.secondsSinceEpoch(lastModified) == 1_700_000_000)
            let second = try await engine.fetch(
                FetchRequest(url: url, ifModifiedSince: lastModified),
                into: RecordingSink()
            )
            #expect(second.isNotModified)
            #expect(origin.requests.last?.header("If-Modified-Since") == lastModified)
        }
    }

    @Test
    func cancellingTheTaskAbortsTheTransferPromptly() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine { $0.lowSpeedLimit = 0 }
            defer { engine.shutDown() }
            let url = origin.objectURL(size: 1_000_000, seed: 5, "trickle-bps=1000")
            let sink = RecordingSink()
            let task = Task { try await engine.fetch(FetchRequest(url: url), into: sink) }
            try await Task.sleep(for: .milliseconds(300))
            let clock = ContinuousClock()
            let start = clock.now
            task.cancel()
            let result = await task.result
            #expect(clock.now - start < .seconds(10), "uncancelled, the trickle would take 1,000 s")
            #expect(throws: FetchError.self) { try result.get() }
            if case .failure(let error as FetchError) = result { #expect(error.code == .cancelled) }
            #expect(sink.byteCount < 1_000_000)
            // The engine keeps working after a cancellation.
            let response = try await engine.fetch(
                FetchRequest(url: origin.objectURL(size: 10, seed: 1)),
                into: RecordingSink()
            )
            #expect(response.bodyByteCount == 10)
        }
    }

    @Test
    func aTaskCancelledBeforeSubmittingNeverReachesTheOrigin() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await engine.fetch(
                    FetchRequest(url: origin.objectURL(size: 10, seed: 1)),
                    into: RecordingSink()
                )
            }
            let result = await task.result
            if case .failure(let error as FetchError) = result {
                #expect(error.code == .cancelled)
            } else {
                Issue.record("expected cancellation, got \(result)")
            }
            #expect(origin.requestCount == 0)
        }
    }

    @Test
    func shuttingDownFailsWaitingFetchesWithCancelled() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine(concurrency: 1, perHost: 1, queueLimit: 1) { $0.lowSpeedLimit = 0 }
            let results = Task {
                await withTaskGroup(of: FetchError.Code?.self) { group in
                    for index in 0..<3 {
                        group.addTask {
                            let url = origin.objectURL(size: 100, seed: 1, "delay-ms=5000&tag=\(index)")
                            return await EngineFixture.failure(of: url, engine: engine)?.code
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            try await Task.sleep(for: .milliseconds(300))
            engine.shutDown()
            let codes = await results.value
            #expect(codes == [.cancelled, .cancelled, .cancelled])
            #expect(
                await EngineFixture.failure(of: origin.objectURL(size: 1, seed: 1), engine: engine)?.code == .cancelled
            )
        }
    }

    @Test
    func usesOnlyTheConfiguredUserAgent() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine { $0.userAgent = "assetd-test/9" }
            defer { engine.shutDown() }
            _ = try await engine.fetch(FetchRequest(url: origin.objectURL(size: 1, seed: 1)), into: RecordingSink())
            #expect(origin.requests.first?.header("User-Agent") == "assetd-test/9")
            #expect(origin.requests.first?.header("Accept-Encoding") == nil)
        }
    }
}

extension FetchEngineTests {
    @Test
    func submittingWaitsForRoomWhenTheQueueIsFull() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine(concurrency: 1, perHost: 1, queueLimit: 1)
            defer { engine.shutDown() }
            let order = Mutex<[String]>([])
            let sink = RecordingSink()
            try await engine.submit(FetchRequest(url: origin.objectURL(size: 10, seed: 1, "delay-ms=300")), into: sink)
            {
                _ in order.withLock { $0.append("first finished") }
            }
            order.withLock { $0.append("first submitted") }
            try await engine.submit(FetchRequest(url: origin.objectURL(size: 10, seed: 2)), into: RecordingSink()) {
                _ in
            }
            order.withLock { $0.append("second submitted") }
            #expect(order.withLock { $0 } == ["first submitted", "first finished", "second submitted"])
        }
    }
}
