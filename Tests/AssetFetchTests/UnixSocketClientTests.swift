import AssetFetch
import AssetTestSupport
import Crypto
import Testing

/// The control-socket client against the test origin in Unix-socket mode.
@Suite(.timeLimit(.minutes(1)))
struct UnixSocketClientTests {
    private func withSocketOrigin(_ body: (TestOrigin, UnixSocketClient) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.appending("o.sock")
        let origin = try await TestOrigin.start(unixSocketPath: path)
        do {
            try await body(origin, UnixSocketClient(socketPath: path))
            try await origin.shutdown()
        } catch {
            try? await origin.shutdown()
            throw error
        }
    }

    @Test
    func readsAWholeResponse() async throws {
        try await withSocketOrigin { origin, client in
            let response = try await client.send(UnixSocketRequest(target: "/object?size=70000&seed=8"))
            #expect(response.head.status == 200)
            #expect(response.header("content-type") == "image/jpeg")
            #expect(response.head.contentLength == 70_000)
            #expect(
                TestContent.hexString(SHA256.hash(data: response.body)) == TestContent.sha256Hex(count: 70_000, seed: 8)
            )
            #expect(origin.requests.first?.target == "/object?size=70000&seed=8")
        }
    }

    @Test
    func anErrorStatusIsAResponseWithItsBody() async throws {
        try await withSocketOrigin { _, client in
            let response = try await client.send(UnixSocketRequest(target: "/nothing-here"))
            #expect(response.head.status == 404)
            #expect(!response.body.isEmpty)
            #expect(response.head.contentType == "text/plain")
        }
    }

    @Test
    func sendsTheMethodHeadersAndBody() async throws {
        try await withSocketOrigin { origin, client in
            let body = Array(#"{"url":"http://127.0.0.1/a.html"}"#.utf8)
            let response = try await client.send(
                UnixSocketRequest(
                    method: "POST",
                    target: "/v1/articles",
                    headers: ["Content-Type: application/json"],
                    body: body
                )
            )
            #expect(response.head.status == 405, "the test origin only serves GET and HEAD")
            let request = try #require(origin.requests.first)
            #expect(request.method == "POST")
            #expect(request.header("Content-Length") == "\(body.count)")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("Expect") == nil)
        }
    }

    @Test
    func streamsLinesAsTheyArrive() async throws {
        try await withSocketOrigin { origin, client in
            let text = (1...6).map { "data: event \($0)\n\n" }.joined()
            origin.publish("/v1/events", bytes: Array(text.utf8), contentType: "text/event-stream")
            let clock = ContinuousClock()
            let start = clock.now
            let stream = try await client.stream(
                UnixSocketRequest(target: "/v1/events?trickle-bps=20&no-length", timeout: nil)
            )
            #expect(stream.head.status == 200)
            #expect(stream.head.contentType == "text/event-stream")
            var lines: [(String, Duration)] = []
            for try await line in stream.lines { lines.append((line, clock.now - start)) }
            #expect(lines.map(\.0).filter { !$0.isEmpty } == (1...6).map { "data: event \($0)" })
            let first = try #require(lines.first?.1)
            let last = try #require(lines.last?.1)
            // The body trickles over about five seconds; the margins allow for a loaded machine stalling the origin
            // or the client for a second or two.
            #expect(last - first > .seconds(2), "the lines come spread over the trickle")
            #expect(first < .seconds(3), "the first event is delivered before the body ends")
        }
    }

    @Test
    func cancellingAStreamAbortsItPromptly() async throws {
        try await withSocketOrigin { _, client in
            let stream = try await client.stream(
                UnixSocketRequest(target: "/object?size=100000&trickle-bps=100", timeout: nil)
            )
            let reader = Task {
                var count = 0
                for try await chunk in stream { count += chunk.count }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            let clock = ContinuousClock()
            let start = clock.now
            reader.cancel()
            let result = await reader.result
            #expect(clock.now - start < .seconds(10), "uncancelled, the trickle would take 1,000 s")
            if case .failure(let error as FetchError) = result {
                #expect(error.code == .cancelled)
            } else {
                Issue.record("expected cancellation, got \(result)")
            }
        }
    }

    @Test
    func aMissingSocketIsAConnectFailureNamingTheCause() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let client = UnixSocketClient(socketPath: directory.appending("absent.sock"))
        do {
            _ = try await client.send(UnixSocketRequest(target: "/v1/status"))
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .connect)
            #expect(error.osErrno == 2, "ENOENT")
            #expect(error.message.contains("absent.sock"))
        }
    }
}
