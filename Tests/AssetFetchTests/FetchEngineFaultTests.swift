import AssetFetch
import AssetTestSupport
import Glibc
import Testing

/// Every fault the test origin injects ends in one exact error code and one retry decision.
@Suite(.timeLimit(.minutes(1)))
struct FetchEngineFaultTests {
    private static let retry = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxDelay: .seconds(30))

    private func decision(_ error: FetchError) -> RetryDecision {
        Self.retry.decide(after: error, attempt: 1, now: 1_000_000, jitter: 1)
    }

    private func expectFailure(
        _ modifiers: String,
        size: Int = 1000,
        code: FetchError.Code,
        transient: Bool,
        configure: (inout FetchPolicy) -> Void = { _ in },
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> FetchError {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine(configure)
            defer { engine.shutDown() }
            let url = origin.objectURL(size: size, seed: 1, modifiers)
            let error = try #require(
                await EngineFixture.failure(of: url, engine: engine),
                sourceLocation: sourceLocation
            )
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(RetryPolicy.isTransient(error) == transient, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(origin.baseURL), "the message names the URL", sourceLocation: sourceLocation)
            return error
        }
    }

    @Test(arguments: [400, 403, 404, 410, 501])
    func permanentStatusesFailWithoutRetry(status: Int) async throws {
        let error = try await expectFailure("status=\(status)", code: .httpStatus, transient: false)
        #expect(error.httpStatus == status)
        #expect(decision(error) == .giveUp(.permanent))
    }

    @Test(arguments: [408, 425, 429, 500, 502, 503, 504])
    func transientStatusesAreRetriedWithBackoff(status: Int) async throws {
        let error = try await expectFailure("status=\(status)", code: .httpStatus, transient: true)
        #expect(error.httpStatus == status)
        #expect(decision(error) == .retry(after: .seconds(1)))
    }

    @Test
    func retryAfterSecondsIsHonoured() async throws {
        let error = try await expectFailure("status=503&retry-after=7", code: .httpStatus, transient: true)
        #expect(error.retryAfter == .delay(seconds: 7))
        #expect(decision(error) == .retry(after: .seconds(7)))
    }

    @Test
    func retryAfterDateIsHonoured() async throws {
        let date = OriginTarget.percentEncoded(HTTPDate.format(secondsSinceEpoch: 1_000_090))
        let error = try await expectFailure("status=429&retry-after=\(date)", code: .httpStatus, transient: true)
        #expect(error.retryAfter == .date(secondsSinceEpoch: 1_000_090))
        #expect(decision(error) == .retry(after: .seconds(90)))
    }

    @Test
    func aSlowFirstByteHitsTheTotalTimeout() async throws {
        let error = try await expectFailure("delay-ms=5000", code: .timeout, transient: true) {
            $0.timeout = .milliseconds(500)
        }
        #expect(decision(error) == .retry(after: .seconds(1)))
    }

    @Test
    func aTrickleBelowTheLowSpeedLimitIsTooSlow() async throws {
        let error = try await expectFailure("trickle-bps=200", size: 100_000, code: .tooSlow, transient: true) {
            $0.lowSpeedLimit = 10_000
            $0.lowSpeedTime = .seconds(1)
        }
        #expect(decision(error) == .retry(after: .seconds(1)))
    }

    @Test
    func aLongerContentLengthThanTheBodyIsTruncated() async throws {
        let error = try await expectFailure("declared-length=5000", code: .truncated, transient: true)
        #expect(decision(error) == .retry(after: .seconds(1)))
    }

    @Test
    func aResetMidBodyIsAConnectionReset() async throws {
        let error = try await expectFailure("reset-after=100", size: 100_000, code: .connectionReset, transient: true)
        #expect(decision(error) == .retry(after: .seconds(1)))
    }

    @Test
    func anEmptyReplyIsAConnectionReset() async throws {
        let error = try await expectFailure("empty-reply", code: .connectionReset, transient: true)
        #expect(decision(error) == .retry(after: .seconds(1)))
    }

    @Test
    func theWrongContentTypeIsRefusedBeforeTheBody() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let sink = RecordingSink()
            let url = origin.objectURL(size: 1000, seed: 1, "type=text/html")
            let error = try #require(await EngineFixture.failure(of: url, engine: engine, sink: sink))
            #expect(error.code == .wrongType)
            #expect(decision(error) == .giveUp(.permanent))
            #expect(sink.beginCount == 0)
            #expect(sink.byteCount == 0)
        }
    }

    @Test
    func anAnnouncedOversizedBodyIsTooBig() async throws {
        let error = try await expectFailure("tag=big", size: 5000, code: .tooBig, transient: false) {
            $0.maxObjectBytes = 4096
        }
        #expect(decision(error) == .giveUp(.permanent))
    }

    @Test
    func anOversizedBodyOfUnknownLengthIsStoppedWhileStreaming() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine { $0.maxObjectBytes = 100_000 }
            defer { engine.shutDown() }
            let sink = RecordingSink()
            let url = origin.objectURL(size: 1_000_000, seed: 1, "no-length")
            let error = try #require(await EngineFixture.failure(of: url, engine: engine, sink: sink))
            #expect(error.code == .tooBig)
            #expect(sink.beginCount == 1)
            #expect(sink.byteCount <= 100_000)
        }
    }

    @Test
    func aFailingSinkAbortsTheTransfer() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let sink = RecordingSink(failAfterBytes: 1)
            let url = origin.objectURL(size: 2_000_000, seed: 1)
            let error = try #require(await EngineFixture.failure(of: url, engine: engine, sink: sink))
            #expect(error.code == .sinkFailed)
            #expect(error.underlying is RecordingSink.SinkError)
            #expect(decision(error) == .giveUp(.permanent))
            #expect(sink.byteCount < 2_000_000)
        }
    }

    @Test
    func aRedirectLoopIsTooManyRedirects() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine { $0.maxRedirects = 3 }
            defer { engine.shutDown() }
            let error = try #require(await EngineFixture.failure(of: origin.url("/redirect-loop"), engine: engine))
            #expect(error.code == .tooManyRedirects)
            #expect(decision(error) == .giveUp(.permanent))
            #expect(origin.requestCount == 4)
        }
    }

    @Test
    func aRedirectToFileIsRefused() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let url = origin.url("/redirect?to=" + OriginTarget.percentEncoded("file:///etc/passwd"))
            let sink = RecordingSink()
            let error = try #require(await EngineFixture.failure(of: url, engine: engine, sink: sink))
            #expect(error.code == .badScheme)
            #expect(decision(error) == .giveUp(.permanent))
            #expect(sink.byteCount == 0)
        }
    }

    @Test
    func aFileURLIsRefusedBeforeAnythingIsSent() async throws {
        let engine = try EngineFixture.engine()
        defer { engine.shutDown() }
        #expect(await EngineFixture.failure(of: "file:///etc/passwd", engine: engine)?.code == .badScheme)
        #expect(await EngineFixture.failure(of: "not a url", engine: engine)?.code == .invalidURL)
    }

    @Test
    func aClosedPortIsAConnectFailure() async throws {
        // A port bound but never listening refuses connections, and stays ours for the whole test, so no test
        // running in parallel can start listening on it (as could happen with a port closed and reused).
        let socket = try BoundButNotListening()
        defer { socket.close() }
        let url = "http://127.0.0.1:\(socket.port)/object?size=1&seed=1"
        let engine = try EngineFixture.engine()
        defer { engine.shutDown() }
        let error = try #require(await EngineFixture.failure(of: url, engine: engine))
        #expect(error.code == .connect)
        #expect(error.osErrno == 111, "ECONNREFUSED")
        #expect(decision(error) == .retry(after: .seconds(1)))
    }

    @Test
    func loopbackIsRefusedWithoutPrivateNetworksAndNothingIsSent() async throws {
        try await TestOrigin.withOrigin { origin in
            let engine = try EngineFixture.engine { $0.allowPrivateNetworks = false }
            defer { engine.shutDown() }
            let error = try #require(
                await EngineFixture.failure(of: origin.objectURL(size: 1, seed: 1), engine: engine)
            )
            #expect(error.code == .refusedAddress)
            #expect(error.message.contains("127.0.0.1"))
            #expect(decision(error) == .giveUp(.permanent))
            #expect(origin.requestCount == 0)
            #expect(origin.connectionCount == 0)
        }
    }

    @Test
    func aRedirectToAnotherLoopbackAddressIsRefused() async throws {
        try await TestOrigin.withOrigin(host: "127.0.0.2") { target in
            try await TestOrigin.withOrigin { origin in
                let engine = try EngineFixture.engine {
                    $0.allowPrivateNetworks = false
                    $0.exemptAddresses = [.v4(0x7f00_0001)]  // only the first hop, 127.0.0.1
                }
                defer { engine.shutDown() }
                let url = origin.url("/redirect?to=" + OriginTarget.percentEncoded(target.objectURL(size: 10, seed: 1)))
                let error = try #require(await EngineFixture.failure(of: url, engine: engine))
                #expect(error.code == .refusedAddress)
                #expect(error.message.contains("127.0.0.2"))
                #expect(origin.requestCount == 1)
                #expect(target.requestCount == 0)
            }
        }
    }
}

/// A TCP socket bound to an ephemeral loopback port without `listen()`: connecting to it is refused.
private struct BoundButNotListening {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(descriptor, $0, length) }
        }
        try #require(bound == 0)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        try #require(named == 0)
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
