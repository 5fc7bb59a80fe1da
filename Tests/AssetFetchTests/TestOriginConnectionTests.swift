import AssetTestSupport
import Foundation
import Testing

/// The test origin's connections and lifecycle: keep-alive, parallel load, listening addresses, shutdown.
@Suite(.timeLimit(.minutes(1)))
struct TestOriginConnectionTests {
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

    @Test(.enabled(if: TestOriginConnectionTests.hasIPv6Loopback))
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
        // An address of its own, so no other test's origin is on it. The restart may need a few tries: see
        // `TestOrigin.start` on spawned children holding the old listening socket for a moment.
        let host = "127.0.0.93"
        let first = try await TestOrigin.start(host: host)
        _ = try await Curl.fetch(first.objectURL(size: 1, seed: 1, "fail-first=1"))
        try await first.shutdown()
        let second = try await TestOrigin.start(host: host, port: first.port)
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
        // An address of its own, so that no other test's listener can take the freed port before it is probed.
        let origin = try await TestOrigin.start(host: "127.0.0.94")
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
