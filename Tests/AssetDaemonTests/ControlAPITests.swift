import AssetAPI
import AssetDaemon
import AssetFetch
import AssetTestSupport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1)))
struct ControlAPITests {
    private func curl(_ daemon: DaemonHarness, _ arguments: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run("curl", ["-sS", "--unix-socket", daemon.socket] + arguments, timeout: .seconds(20))
    }

    @Test func curlReadsTheStatusOverTheSocket() async throws {
        try await DaemonHarness.run { daemon in
            let result = try await curl(daemon, ["-w", "\n%{http_code} %{content_type}", "http://localhost/v1/status"])
            #expect(result.exitCode == 0)
            let lines = result.outputText.split(separator: "\n")
            try #require(lines.count == 2)
            let status = try APIJSON.decode(StatusDocument.self, from: Data(lines[0].utf8))
            #expect(status.version == DaemonCore.version)
            #expect(status.assets.total == 0)
            #expect(lines[1] == "200 application/json; charset=utf-8")
        }
    }

    @Test func theSocketIsGroupAccessibleOnly() async throws {
        try await DaemonHarness.run { daemon in
            let attributes = try FileManager.default.attributesOfItem(atPath: daemon.socket)
            let mode = try #require(attributes[.posixPermissions] as? Int)
            #expect(mode & 0o777 == 0o660)
        }
    }

    @Test func errorsCarryTheirStatusAndCode() async throws {
        try await DaemonHarness.run { daemon in
            let cases: [(method: String, target: String, status: Int, code: APIErrorCode)] = [
                ("GET", "/v1/articles/999", 404, .notFound),
                ("GET", "/v1/articles/abc", 400, .badRequest),
                ("GET", "/v1/objects/xyz", 400, .badRequest),
                ("GET", "/v1/objects/" + String(repeating: "a", count: 64), 404, .notFound),
                ("GET", "/v1/assets?state=lost", 400, .invalidQuery),
                ("GET", "/v1/assets?sha256=" + String(repeating: "b", count: 64), 404, .notFound),
                ("GET", "/v1/assets?sha256=nothex", 400, .badRequest),
                ("GET", "/v1/assets?limit=0", 400, .invalidQuery),
                ("GET", "/v1/assets?url=http%3A%2F%2Fnowhere%2Fx.jpg", 404, .notFound),
                ("POST", "/v1/articles?policy=biggest", 400, .invalidQuery),
                ("POST", "/v1/articles?width=-3", 400, .invalidQuery),
                ("POST", "/v1/articles", 400, .badRequest),
                ("GET", "/v2/nothing", 404, .notFound),
            ]
            for item in cases {
                let body: [UInt8]? = item.method == "POST" && item.target.contains("?") ? Array("<p>".utf8) : nil
                let response = try await daemon.request(item.method, item.target, body: body)
                #expect(response.head.status == item.status, "\(item.method) \(item.target)")
                let document = try? APIJSON.decode(APIErrorDocument.self, from: Data(response.body))
                #expect(document?.error.code == item.code, "\(item.method) \(item.target)")
            }
            let badJSON = try await daemon.request(
                "POST",
                "/v1/articles",
                body: Array("{".utf8),
                contentType: "application/json"
            )
            #expect(badJSON.head.status == 400)
        }
    }

    @Test func objectsAreServedWithTheirRecordedType() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 150_000, seed: 41, "type=image/webp")
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: "<img src=\"\(url)\">")
                let article = try await daemon.settle(article: submitted.id)
                let digest = try #require(article.assets.first?.sha256)
                let output = daemon.directory.file("object.out")
                let result = try await curl(
                    daemon,
                    ["-o", output, "-w", "%{http_code} %{content_type}", "http://localhost/v1/objects/\(digest)"]
                )
                #expect(result.outputText == "200 image/webp")
                let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
                #expect(Array(bytes) == TestContent.bytes(count: 150_000, seed: 41))
            }
        }
    }

    @Test func assetsCanBeListedByStateAndPaged() async throws {
        try await TestOrigin.withOrigin { origin in
            let good = (0..<3).map { origin.objectURL(size: 10, seed: UInt64(50 + $0)) }
            let bad = origin.objectURL(size: 10, seed: 60, "status=410")
            try await DaemonHarness.run { daemon in
                let page = (good + [bad]).map { "<img src=\"\($0)\">" }.joined()
                let submitted = try await daemon.submit(article: page)
                _ = try await daemon.settle(article: submitted.id)
                let failed = try await daemon.get(AssetListDocument.self, "/v1/assets?state=failed")
                #expect(failed.assets.map(\.url) == [bad])
                let first = try await daemon.request("GET", "/v1/assets?limit=2")
                let firstPage = try APIJSON.decode(AssetListDocument.self, from: Data(first.body))
                #expect(firstPage.assets.count == 2)
                let cursor = try #require(first.header(ControlRoutes.nextCursorHeader))
                let rest = try await daemon.get(AssetListDocument.self, "/v1/assets?limit=2&after=\(cursor)")
                #expect((firstPage.assets + rest.assets).map(\.url) == good + [bad])
                let byArticle = try await daemon.get(
                    AssetListDocument.self,
                    "/v1/assets?article=\(submitted.id)&state=cached"
                )
                #expect(byArticle.assets.map(\.url) == good)
                let digest = try #require(byArticle.assets.first?.sha256)
                let byDigest = try await daemon.get(AssetListDocument.self, "/v1/assets?sha256=\(digest)")
                #expect(byDigest.assets.map(\.url) == [good[0]])
            }
        }
    }

    @Test func everyAssetViewCarriesTheSelectedWidth() async throws {
        try await TestOrigin.withOrigin { origin in
            let small = origin.objectURL(size: 10, seed: 62)
            let large = origin.objectURL(size: 20, seed: 63)
            let plain = origin.objectURL(size: 30, seed: 64)
            try await DaemonHarness.run { daemon in
                // The first set picks 1200w for a 1000 px slot; the bare src has no w descriptor.
                let page = "<img srcset=\"\(small) 400w, \(large) 1200w\" sizes=\"1000px\"><img src=\"\(plain)\">"
                let submitted = try await daemon.submit(article: page)
                let expected: [String: Int?] = [large: 1200, plain: nil]
                #expect(submitted.assets.map(\.url) == [large, plain])
                #expect(submitted.assets.map(\.width) == [1200, nil])
                let article = try await daemon.settle(article: submitted.id)
                #expect(article.assets.map(\.width) == [1200, nil])
                for url in [large, plain] {
                    let byURL = try await daemon.get(
                        AssetListDocument.self,
                        "/v1/assets?url=" + APIQueryItem.percentEncode(url)
                    )
                    #expect(byURL.assets.map(\.width) == [expected[url] ?? nil], "\(url)")
                }
                let byArticle = try await daemon.get(AssetListDocument.self, "/v1/assets?article=\(submitted.id)")
                #expect(byArticle.assets.map(\.width) == [1200, nil])
                let all = try await daemon.get(AssetListDocument.self, "/v1/assets")
                #expect(all.assets.map(\.width) == [1200, nil])
                let digest = try #require(article.assets.first?.sha256)
                let byDigest = try await daemon.get(AssetListDocument.self, "/v1/assets?sha256=\(digest)")
                #expect(byDigest.assets.map(\.width) == [1200])
            }
        }
    }

    @Test func retryRequeuesFailedAssets() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 10, seed: 61, "fail-first=1&status=404")
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: "<img src=\"\(url)\">")
                let failed = try await daemon.settle(article: submitted.id)
                #expect(failed.assets.first?.state == .failed)
                let response = try await daemon.request(
                    "POST",
                    APIRoute.retry,
                    body: Array(#"{"failed_only":true}"#.utf8)
                )
                let result = try APIJSON.decode(RetryResult.self, from: Data(response.body))
                #expect(result.requeued == 1)
                let article = try await daemon.settle(article: submitted.id)
                #expect(article.assets.first?.state == .cached)
            }
        }
    }

    @Test func verifyAndGarbageCollectionReportACleanStore() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 1000, seed: 62)
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: "<img src=\"\(url)\">")
                _ = try await daemon.settle(article: submitted.id)
                let verify = try await daemon.request("POST", APIRoute.verify)
                let report = try APIJSON.decode(VerifyResult.self, from: Data(verify.body))
                #expect(report.isClean)
                #expect(report.checked == 2)  // the article and its image
                #expect(report.bytesChecked == 1000 + Int64(#"<img src="\#(url)">"#.utf8.count))
                let gc = try await daemon.request("POST", APIRoute.garbageCollection)
                let collected = try APIJSON.decode(GarbageCollectionResult.self, from: Data(gc.body))
                #expect(collected.removedObjects == 0)
                #expect(collected.evictedObjects == 0)
            }
        }
    }

    @Test func metricsAndHealthAreServed() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 4321, seed: 63)
            try await DaemonHarness.run { daemon in
                let submitted = try await daemon.submit(article: "<img src=\"\(url)\">")
                _ = try await daemon.settle(article: submitted.id)
                let metrics = try await daemon.request("GET", APIRoute.metrics)
                let text = String(decoding: metrics.body, as: UTF8.self)
                #expect(text.contains(#"assetd_transfers_total{outcome="cached"} 1"#))
                #expect(text.contains("assetd_received_bytes_total 4321"))
                #expect(text.contains("assetd_cache_objects 2"))
                #expect(text.contains("assetd_fetch_duration_seconds_count 1"))
                let health = try await daemon.get(HealthDocument.self, APIRoute.health)
                #expect(health.status == .ok)
            }
        }
    }

    @Test func eventsStreamTransitionsOfEnqueuedAssets() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 500, seed: 64)
            let (stream, seen) = try await DaemonHarness.run { daemon in
                let stream = try await daemon.client.stream(UnixSocketRequest(target: APIRoute.events, timeout: nil))
                #expect(stream.head.contentType == "text/event-stream")
                _ = try await daemon.submit(article: "<img src=\"\(url)\">")
                var parser = ServerSentEventParser()
                var seen: [AssetState] = []
                chunks: for try await chunk in stream {
                    for frame in parser.consume(chunk) {
                        if case .asset(let transition) = try ServerEvent.decode(frame), transition.url == url {
                            seen.append(transition.to)
                            if transition.to == .cached { break chunks }
                        }
                    }
                }
                return (stream, seen)
            }
            #expect(seen == [.queued, .fetching, .cached])
            // The daemon ends the stream when it stops.
            for try await _ in stream {}
        }
    }

    @Test func aFilteredEventStreamCarriesOnlyTheTransitionsAskedFor() async throws {
        try await TestOrigin.withOrigin { origin in
            let url = origin.objectURL(size: 500, seed: 65)
            let seen = try await DaemonHarness.run { daemon in
                let target = APIRoute.withQuery(APIRoute.events, ServerEventFilter.outcomes.queryItems)
                let stream = try await daemon.client.stream(UnixSocketRequest(target: target, timeout: nil))
                _ = try await daemon.submit(article: "<img src=\"\(url)\">")
                var parser = ServerSentEventParser()
                var seen: [AssetState] = []
                var sawStatus = false
                chunks: for try await chunk in stream {
                    for frame in parser.consume(chunk) {
                        switch try ServerEvent.decode(frame) {
                        case .asset(let transition) where transition.url == url:
                            seen.append(transition.to)
                            if transition.to == .cached { break chunks }
                        case .status:
                            sawStatus = true
                        default:
                            continue
                        }
                    }
                }
                #expect(sawStatus, "status events are never filtered")
                let refused = try await daemon.client.send(UnixSocketRequest(target: "/v1/events?to=cached,done"))
                #expect(refused.head.status == 400)
                #expect(String(decoding: refused.body, as: UTF8.self).contains("invalid_query"))
                return seen
            }
            #expect(seen == [.cached])
        }
    }
}
