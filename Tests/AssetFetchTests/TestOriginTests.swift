import AssetTestSupport
import Crypto
import Foundation
import Testing

/// The test origin, driven by the real `curl` tool: each fault does what `TestOrigin`'s documentation promises.
@Suite(.timeLimit(.minutes(1)))
struct TestOriginTests {
    @Test func objectServesTheGeneratedBytesWithLengthAndDefaultType() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 100_000, seed: 7))
            #expect(response.exitCode == 0)
            #expect(response.status == 200)
            #expect(response.header("Content-Length") == "100000")
            #expect(response.header("Content-Type") == "image/jpeg")
            #expect(response.body == TestContent.bytes(count: 100_000, seed: 7))
        }
    }

    @Test func largeBodyStreamsCompletelyAndHashesAsPredicted() async throws {
        try await TestOrigin.withOrigin { origin in
            let size = 24 * 1024 * 1024 + 3
            let response = try await Curl.fetch(origin.objectURL(size: size, seed: 99))
            #expect(response.exitCode == 0)
            #expect(response.body.count == size)
            let digest = TestContent.hexString(SHA256.hash(data: response.body))
            #expect(digest == TestContent.sha256Hex(count: size, seed: 99))
        }
    }

    @Test func statusAndRetryAfterAreSentAsGiven() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 10, seed: 1, "status=503&retry-after=2"))
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "2")
            #expect(response.body.count == 10)
        }
    }

    @Test func typeModifierSetsOrOmitsContentType() async throws {
        try await TestOrigin.withOrigin { origin in
            let html = try await Curl.fetch(origin.objectURL(size: 5, seed: 1, "type=text%2Fhtml"))
            #expect(html.header("Content-Type") == "text/html")
            let none = try await Curl.fetch(origin.objectURL(size: 5, seed: 1, "type=none"))
            #expect(none.status == 200)
            #expect(none.header("Content-Type") == nil)
        }
    }

    @Test func largerDeclaredLengthIsATruncatedTransfer() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 1000, seed: 3, "declared-length=5000"))
            #expect(response.exitCode == 18)  // CURLE_PARTIAL_FILE
            #expect(response.header("Content-Length") == "5000")
            #expect(response.body == TestContent.bytes(count: 1000, seed: 3))
        }
    }

    @Test func smallerDeclaredLengthSendsOnlyThatManyBytes() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 1000, seed: 3, "declared-length=10"))
            #expect(response.exitCode == 0)
            #expect(response.body == TestContent.bytes(count: 10, seed: 3))
        }
    }

    @Test func resetAfterAbortsTheConnectionWithAReset() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 1_000_000, seed: 4, "reset-after=3000"))
            #expect(response.exitCode == 56)  // CURLE_RECV_ERROR
            #expect(response.errorText.contains("reset"))
            #expect(response.status == 200)
            #expect(response.body.count <= 3000)
            #expect(response.body == TestContent.bytes(count: response.body.count, seed: 4))
        }
    }

    @Test func emptyReplyClosesWithoutAnyResponse() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 10, seed: 1, "empty-reply"))
            #expect(response.exitCode == 52)  // CURLE_GOT_NOTHING
            #expect(response.status == 0)
        }
    }

    @Test func noLengthUsesChunkedEncoding() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 200_000, seed: 5, "no-length"))
            #expect(response.exitCode == 0)
            #expect(response.header("Transfer-Encoding") == "chunked")
            #expect(response.header("Content-Length") == nil)
            #expect(response.body == TestContent.bytes(count: 200_000, seed: 5))
        }
    }

    @Test func noLengthOverHTTP10IsDelimitedByClose() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 70_000, seed: 5, "no-length"), ["-0"])
            #expect(response.exitCode == 0)
            #expect(response.header("Transfer-Encoding") == nil)
            #expect(response.header("Connection") == "close")
            #expect(response.body == TestContent.bytes(count: 70_000, seed: 5))
            #expect(origin.requests.first?.version == "1.0")
        }
    }

    @Test func headRequestGetsHeadersWithoutBody() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.objectURL(size: 4096, seed: 5), ["-I"])
            #expect(response.exitCode == 0)
            #expect(response.header("Content-Length") == "4096")
            #expect(origin.requests.first?.method == "HEAD")
        }
    }

    @Test func matchingETagGivesNotModified() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 50, seed: 6, "etag=v1")
            let first = try await Curl.fetch(url)
            #expect(first.status == 200)
            #expect(first.header("ETag") == "\"v1\"")
            let again = try await Curl.fetch(url, ["-H", "If-None-Match: W/\"v0\", \"v1\""])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == "\"v1\"")
            let changed = try await Curl.fetch(url, ["-H", "If-None-Match: \"v2\""])
            #expect(changed.status == 200)
            #expect(changed.body.count == 50)
        }
    }

    @Test func exactLastModifiedGivesNotModified() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 50, seed: 6, "last-modified=784111777")
            let first = try await Curl.fetch(url)
            #expect(first.header("Last-Modified") == "Sun, 06 Nov 1994 08:49:37 GMT")
            let again = try await Curl.fetch(url, ["-H", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT"])
            #expect(again.status == 304)
            let other = try await Curl.fetch(url, ["-H", "If-Modified-Since: Sun, 06 Nov 1994 08:49:38 GMT"])
            #expect(other.status == 200)
        }
    }

    @Test func failFirstFailsExactlyKTimesThenServes() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 64, seed: 8, "fail-first=2&status=429&retry-after=1")
            let statuses = try await [Curl.fetch(url), Curl.fetch(url), Curl.fetch(url), Curl.fetch(url)]
            #expect(statuses.map(\.status) == [429, 429, 200, 200])
            #expect(statuses[0].header("Retry-After") == "1")
            #expect(statuses[2].header("Retry-After") == nil)
            #expect(statuses[3].body == TestContent.bytes(count: 64, seed: 8))
            #expect(origin.attempts(for: url) == 4)
            let other = try await Curl.fetch(origin.objectURL(size: 64, seed: 8, "fail-first=2&tag=b"))
            #expect(other.status == 503)
        }
    }

    @Test func failFirstAppliesResetOnlyToTheFailingAttempts() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 100_000, seed: 9, "fail-first=1&reset-after=10")
            let first = try await Curl.fetch(url)
            #expect(first.exitCode == 56)
            let second = try await Curl.fetch(url)
            #expect(second.exitCode == 0)
            #expect(second.body.count == 100_000)
        }
    }

    @Test func redirectPointsAtTheDecodedTarget() async throws {
        try await TestOrigin.withOrigin { origin in
            let target = OriginTarget.percentEncoded("file:///etc/passwd")
            let response = try await Curl.fetch(origin.url("/redirect?to=\(target)&status=308"))
            #expect(response.status == 308)
            #expect(response.header("Location") == "file:///etc/passwd")
        }
    }

    @Test func redirectChainTakesNHopsToTheFinalPath() async throws {
        try await TestOrigin.withOrigin { origin in
            let final = OriginTarget.percentEncoded("/object?size=33&seed=2")
            let response = try await Curl.fetch(origin.url("/redirect-chain?n=3&final=\(final)"), ["-L"])
            #expect(response.exitCode == 0)
            #expect(response.status == 200)
            #expect(response.body == TestContent.bytes(count: 33, seed: 2))
            #expect(origin.requestCount == 4)
            #expect(origin.requests.last?.target == "/object?size=33&seed=2")
        }
    }

    @Test func redirectLoopNeverEnds() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.url("/redirect-loop"), ["-L", "--max-redirs", "5"])
            #expect(response.exitCode == 47)  // CURLE_TOO_MANY_REDIRECTS
            #expect(origin.requestCount == 6)
        }
    }

    @Test func delayHoldsBackTheResponseHead() async throws {
        try await TestOrigin.withOrigin { origin in
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                let response = try await Curl.fetch(origin.objectURL(size: 10, seed: 1, "delay-ms=400"))
                #expect(response.status == 200)
            }
            #expect(elapsed >= .milliseconds(400))
            let timedOut = try await Curl.fetch(origin.objectURL(size: 10, seed: 1, "delay-ms=5000"), ["-m", "1"])
            #expect(timedOut.exitCode == 28)  // CURLE_OPERATION_TIMEDOUT
            #expect(timedOut.status == 0)
        }
    }

    @Test func bodyDelaySendsHeadersFirst() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(
                origin.objectURL(size: 10, seed: 1, "body-delay-ms=30000"),
                ["-m", "3"]
            )
            #expect(response.exitCode == 28)
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
        }
    }

    @Test func trickleLimitsTheRate() async throws {
        try await TestOrigin.withOrigin { origin in
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                let response = try await Curl.fetch(origin.objectURL(size: 3000, seed: 2, "trickle-bps=5000"))
                #expect(response.body == TestContent.bytes(count: 3000, seed: 2))
            }
            // 3000 bytes at 5000 B/s in 250-byte slices every 50 ms: about 0.55 s.
            #expect(elapsed >= .milliseconds(450))
            #expect(elapsed < .seconds(10))
        }
    }

    @Test func unknownParameterIsABadRequestNamingIt() async throws {
        try await TestOrigin.withOrigin { origin in
            let response = try await Curl.fetch(origin.url("/object?size=1&colour=red"))
            #expect(response.status == 400)
            #expect(String(decoding: response.body, as: UTF8.self).contains("colour"))
            let missing = try await Curl.fetch(origin.url("/nothing-here"))
            #expect(missing.status == 404)
            let post = try await Curl.fetch(origin.url("/object"), ["-X", "POST"])
            #expect(post.status == 405)
        }
    }

    @Test func publishedPathServesItsBytes() async throws {
        try await TestOrigin.withOrigin { origin in
            origin.publish("/articles/a.html", bytes: Array("<img src=x>".utf8), contentType: "text/html")
            let response = try await Curl.fetch(origin.url("/articles/a.html"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/html")
            #expect(response.body == Array("<img src=x>".utf8))
        }
    }

    @Test func requestsOnOneCurlRunShareAKeepAliveConnection() async throws {
        try await TestOrigin.withOrigin { origin in
            let result = try await ProcessRunner.run(
                "curl",
                [
                    "-sS", "-o", "/dev/null", "-o", "/dev/null", "-A", "origin-test/1",
                    origin.objectURL(size: 10, seed: 1), origin.objectURL(size: 20, seed: 2),
                ]
            )
            #expect(result.exitCode == 0)
            let requests = origin.requests
            #expect(requests.count == 2)
            #expect(origin.connectionCount == 1)
            #expect(Set(requests.map(\.connectionID)).count == 1)
            #expect(requests.first?.header("user-agent") == "origin-test/1")
            #expect(requests.map(\.sequence) == [0, 1])
        }
    }

    @Test func closeModifierEndsTheConnection() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 10, seed: 1, "close")
            let result = try await ProcessRunner.run("curl", ["-sS", "-o", "/dev/null", "-o", "/dev/null", url, url])
            #expect(result.exitCode == 0)
            #expect(origin.connectionCount == 2)
        }
    }

    @Test func servesManyParallelConnections() async throws {
        try await TestOrigin.withOrigin { origin in
            let scratch = try TemporaryDirectory()
            defer { scratch.remove() }
            var arguments = ["-sS", "--parallel", "--parallel-max", "150", "--parallel-immediate"]
            for index in 0..<300 {
                arguments += ["-o", scratch.appending("f\(index)"), origin.objectURL(size: 20_000 + index, seed: 10)]
            }
            let result = try await ProcessRunner.run("curl", arguments)
            #expect(result.exitCode == 0)
            #expect(origin.requestCount == 300)
            #expect(origin.connectionCount >= 100)
            for index in [0, 149, 299] {
                let body = try #require(
                    FileManager.default.contents(atPath: scratch.appending("f\(index)")).map { [UInt8]($0) }
                )
                #expect(body == TestContent.bytes(count: 20_000 + index, seed: 10))
            }
        }
    }

    @Test func eachFaultHoldsUnderAParallelMix() async throws {
        try await TestOrigin.withOrigin { origin in
            // fault → (curl exit codes, status) expected with --max-filesize 1000000. A connection closed without a
            // reply shows as 52, or as 55/56 when curl was still writing on a reused connection.
            let faults: [(query: String, exitCodes: Set<Int>, status: Int)] = [
                ("size=4000", [0], 200), ("size=4000&reset-after=100", [56], 200),
                ("size=4000&declared-length=99999", [18], 200), ("size=4000&empty-reply", [52, 55, 56], 0),
                ("size=4000&delay-ms=50", [0], 200), ("size=4000&trickle-bps=20000", [0], 200),
                ("size=4000&no-length", [0], 200), ("size=4000&status=503&retry-after=1", [0], 503),
                ("size=4000&close", [0], 200), ("size=10000000000", [63], 200),
            ]
            var arguments = [
                "-s", "--parallel", "--parallel-max", "120", "--parallel-immediate", "-m", "20",
                "--max-filesize", "1000000", "-w", "%{exitcode} %{http_code} %{url}\n",
            ]
            for index in 0..<300 {
                arguments += [
                    "-o", "/dev/null", origin.url("/object?seed=\(index)&" + faults[index % faults.count].query),
                ]
            }
            let result = try await ProcessRunner.run("curl", arguments)
            let lines = result.outputText.split(separator: "\n")
            #expect(lines.count == 300)
            for line in lines {
                let fields = line.split(separator: " ")
                guard fields.count == 3, let target = fields[2].split(separator: "&", maxSplits: 1).last else {
                    Issue.record("unexpected curl line: \(line)")
                    continue
                }
                let expected = try #require(faults.first { $0.query == target })
                #expect(expected.exitCodes.contains(Int(fields[0]) ?? -1), "\(line)")
                #expect(expected.status == Int(fields[1]), "\(line)")
            }
            // curl sends a request again when a reused connection closes without a reply (empty-reply).
            #expect((300...360).contains(origin.requestCount))
            let after = try await Curl.fetch(origin.objectURL(size: 1_000_000, seed: 77))
            #expect(after.body == TestContent.bytes(count: 1_000_000, seed: 77))
        }
    }

    @Test func unixSocketModeServesTheSameVocabulary() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let origin = try await TestOrigin.start(unixSocketPath: scratch.appending("o.sock"))
        let response = try await Curl.fetch(
            origin.objectURL(size: 99, seed: 3, "status=201"),
            ["--unix-socket", scratch.appending("o.sock")]
        )
        try await origin.shutdown()
        #expect(origin.baseURL == "http://localhost")
        #expect(response.status == 201)
        #expect(response.body == TestContent.bytes(count: 99, seed: 3))
    }

    @Test func listensOnOtherLoopbackAddresses() async throws {
        try await TestOrigin.withOrigin(host: "127.0.0.2") { origin in
            #expect(origin.baseURL == "http://127.0.0.2:\(origin.port)")
            let response = try await Curl.fetch(origin.objectURL(size: 5, seed: 1))
            #expect(response.body == TestContent.bytes(count: 5, seed: 1))
        }
    }

    @Test(.enabled(if: TestOriginTests.hasIPv6Loopback))
    func listensOnIPv6Loopback() async throws {
        try await TestOrigin.withOrigin(host: "::1") { origin in
            #expect(origin.baseURL == "http://[::1]:\(origin.port)")
            let response = try await Curl.fetch(origin.objectURL(size: 5, seed: 1))
            #expect(response.status == 200)
            #expect(response.body == TestContent.bytes(count: 5, seed: 1))
        }
    }

    /// Whether this machine has ::1 on its loopback interface.
    private static var hasIPv6Loopback: Bool {
        let interfaces = (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8)) ?? ""
        return interfaces.contains("00000000000000000000000000000001")
    }

    @Test func restartsOnTheSamePortWithAFreshLedger() async throws {
        let first = try await TestOrigin.start()
        _ = try await Curl.fetch(first.objectURL(size: 1, seed: 1, "fail-first=1"))
        try await first.shutdown()
        let second = try await TestOrigin.start(port: first.port)
        let response = try await Curl.fetch(second.objectURL(size: 1, seed: 1, "fail-first=1"))
        try await second.shutdown()
        #expect(second.baseURL == first.baseURL)
        #expect(response.status == 503)
        #expect(second.requestCount == 1)
    }

    @Test func portInUseIsABindError() async throws {
        try await TestOrigin.withOrigin { origin in
            let error = await #expect(throws: TestSupportError.self) {
                _ = try await TestOrigin.start(port: origin.port)
            }
            #expect(error?.code == .bindFailed)
        }
    }

    @Test func shutdownClosesKeepAliveConnectionsAndStopsListening() async throws {
        let origin = try await TestOrigin.start()
        let slow = origin.objectURL(size: 1_000_000, seed: 1, "trickle-bps=1000")
        async let cut = Curl.fetch(slow)
        while origin.requestCount == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await origin.shutdown()
        let interrupted = try await cut
        #expect(interrupted.exitCode != 0)
        let refused = try await Curl.fetch(origin.objectURL(size: 1, seed: 1))
        #expect(refused.exitCode == 7)  // CURLE_COULDNT_CONNECT
    }
}
