import AssetAPI
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `assetctl` against a canned daemon on a Unix socket: what it sends, what it prints, how it exits.
@Suite("assetctl daemon commands", .timeLimit(.minutes(1)))
struct DaemonCommandBinaryTests {
    /// A short private directory for a socket, removed by `remove()`.
    struct Scratch {
        let path: String

        init() throws {
            var template = Array("/tmp/assetd-XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { $0.baseAddress.flatMap { mkdtemp($0) } }
            try #require(made != nil)
            path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        var socket: String { path + "/d.sock" }

        func remove() {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    static let cached = APIFixtures.cachedAsset()
    static let failed = APIFixtures.failedAsset()
    static let objectBytes: [UInt8] = [0xFF, 0xD8, 0x00, 0xD9]

    /// The ls table of the standard routes' two assets.
    static let expectedListTable = """
        STATE   SIZE  DIGEST        URL                          ERROR
        cached   4 B  9f86d081884c  https://img.test/a-1280.jpg
        failed     -  -             https://img.test/b-1280.jpg  HTTP 404 from https://img.test/b-1280.jpg

        """

    /// The routes most tests need.
    static func standardRoutes(_ request: CannedDaemon.Request) -> CannedDaemon.Reply {
        switch (request.method, request.path) {
        case ("GET", "/v1/status"):
            return .json(APIFixtures.json(APIFixtures.status))
        case ("GET", "/v1/assets"):
            let query = APIQueryItem.decode(
                String(request.target.split(separator: "?", maxSplits: 1).dropFirst().first ?? "")
            )
            if let url = query.first(where: { $0.name == "url" })?.value {
                let matches = [cached, failed].filter { $0.url == url }
                return .json(APIFixtures.json(AssetListDocument(assets: matches)))
            }
            return .json(APIFixtures.json(AssetListDocument(assets: [cached, failed])))
        case ("GET", "/v1/articles/7"):
            return .json(APIFixtures.json(APIFixtures.article(assets: [cached, failed])))
        case ("GET", "/v1/objects/\(APIFixtures.digest)"):
            return .body(status: 200, contentType: "image/jpeg", bytes: objectBytes)
        case ("POST", "/v1/verify"):
            return .json(
                APIFixtures.json(VerifyResult(checked: 1, bytesChecked: 4, corrupt: [APIFixtures.digest], requeued: 1))
            )
        case ("POST", "/v1/gc"):
            return .json(
                APIFixtures.json(
                    GarbageCollectionResult(
                        removedObjects: 2,
                        evictedObjects: 0,
                        removedIngestFiles: 1,
                        freedBytes: 4096
                    )
                )
            )
        case ("POST", "/v1/retry"):
            return .json(APIFixtures.json(RetryResult(requeued: 1)))
        default:
            return .error("not_found", "no route \(request.path)", status: 404)
        }
    }

    static func withDaemon<Result>(
        _ handler: @escaping @Sendable (CannedDaemon.Request) -> CannedDaemon.Reply = standardRoutes,
        _ body: (CannedDaemon, Scratch) throws -> Result
    ) throws -> Result {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemon = try CannedDaemon(socketPath: scratch.socket, handler: handler)
        defer { daemon.stop() }
        return try body(daemon, scratch)
    }

    @Test("status prints the labelled lines; --json passes the document through byte for byte")
    func status() throws {
        try Self.withDaemon { daemon, _ in
            let text = try AssetctlProcess.run(["status", "--socket", daemon.socketPath])
            #expect(text.status == 0)
            #expect(text.standardOutput == StatusRenderingTests.expectedText)
            let json = try AssetctlProcess.run(["status", "--json", "--socket", daemon.socketPath])
            #expect(json.status == 0)
            #expect(json.standardOutput == APIFixtures.json(APIFixtures.status) + "\n")
            #expect(daemon.requests.map(\.target) == ["/v1/status", "/v1/status"])
        }
    }

    @Test("$ASSETD_SOCKET is used when --socket is absent")
    func environmentSocket() throws {
        try Self.withDaemon { daemon, _ in
            let run = try AssetctlProcess.run(["status", "--json"], environment: ["ASSETD_SOCKET": daemon.socketPath])
            #expect(run.status == 0)
            #expect(daemon.requests.count == 1)
        }
    }

    @Test("ls sends its filters as the query and prints the table")
    func list() throws {
        try Self.withDaemon { daemon, _ in
            let run = try AssetctlProcess.run([
                "ls", "--state", "failed", "--article", "7", "--socket", daemon.socketPath,
            ])
            #expect(run.status == 0)
            #expect(daemon.requests.map(\.target) == ["/v1/assets?state=failed&article=7"])
            #expect(run.standardOutput == Self.expectedListTable)
        }
    }

    @Test("ls follows the next-page cursor until the last page, and --json then prints one document")
    func listPages() throws {
        let handler: @Sendable (CannedDaemon.Request) -> CannedDaemon.Reply = { request in
            guard request.path == "/v1/assets" else { return .error("not_found", "no route", status: 404) }
            if request.target.hasSuffix("after=1") {
                return .json(APIFixtures.json(AssetListDocument(assets: [Self.failed])))
            }
            let page = Array(APIFixtures.json(AssetListDocument(assets: [Self.cached])).utf8)
            return .body(status: 200, contentType: "application/json", bytes: page, headers: ["X-Assetd-Next-After: 1"])
        }
        try Self.withDaemon(handler) { daemon, _ in
            let run = try AssetctlProcess.run(["ls", "--state", "cached", "--json", "--socket", daemon.socketPath])
            #expect(run.status == 0)
            #expect(
                daemon.requests.map(\.target) == ["/v1/assets?state=cached", "/v1/assets?state=cached&after=1"]
            )
            let document = try APIJSON.decode(AssetListDocument.self, from: Data(run.output))
            #expect(document.assets == [Self.cached, Self.failed])
        }
    }

    @Test("show finds an article by id, an asset by URL and by digest prefix")
    func show() throws {
        try Self.withDaemon { daemon, _ in
            let article = try AssetctlProcess.run(["show", "7", "--socket", daemon.socketPath])
            #expect(article.status == 0)
            #expect(article.standardOutput.hasPrefix("article       7\n"))
            let byURL = try AssetctlProcess.run(["show", Self.failed.url, "--socket", daemon.socketPath])
            #expect(byURL.status == 0)
            #expect(byURL.standardOutput.contains("error         http_status: HTTP 404"))
            let byDigest = try AssetctlProcess.run(["show", "9f86d081884c", "--json", "--socket", daemon.socketPath])
            #expect(byDigest.status == 0)
            let document = try APIJSON.decode(AssetListDocument.self, from: Data(byDigest.output))
            #expect(document.assets == [Self.cached])
            let missing = try AssetctlProcess.run(["show", "https://img.test/none.jpg", "--socket", daemon.socketPath])
            #expect(missing.status == 1)
            #expect(missing.standardError == "error: no asset with URL https://img.test/none.jpg\n")
            #expect(missing.standardOutput.isEmpty)
        }
    }

    @Test("path prints the cached file; an asset that is not cached exits 1 with its reason")
    func path() throws {
        try Self.withDaemon { daemon, _ in
            let run = try AssetctlProcess.run(["path", Self.cached.url, "--socket", daemon.socketPath])
            #expect(run.status == 0)
            #expect(run.standardOutput == (Self.cached.path ?? "") + "\n")
            let failed = try AssetctlProcess.run(["path", Self.failed.url, "--socket", daemon.socketPath])
            #expect(failed.status == 1)
            #expect(failed.standardError.hasPrefix("error: \(Self.failed.url) is not cached (state failed)"))
        }
    }

    @Test("cat writes the object's bytes unchanged")
    func cat() throws {
        try Self.withDaemon { daemon, _ in
            let run = try AssetctlProcess.run(["cat", Self.cached.url, "--socket", daemon.socketPath])
            #expect(run.status == 0)
            #expect(run.output == Self.objectBytes)
            #expect(daemon.requests.last?.target == "/v1/objects/\(APIFixtures.digest)")
        }
    }

    @Test("cat of an object the daemon no longer has exits 1 with the daemon's message, writing nothing")
    func catMissingObject() throws {
        let handler: @Sendable (CannedDaemon.Request) -> CannedDaemon.Reply = { request in
            request.path.hasPrefix("/v1/objects/")
                ? .error("not_found", "no object has the digest \(APIFixtures.digest)", status: 404)
                : Self.standardRoutes(request)
        }
        try Self.withDaemon(handler) { daemon, _ in
            let run = try AssetctlProcess.run(["cat", Self.cached.url, "--socket", daemon.socketPath])
            #expect(run.status == 1)
            #expect(run.output.isEmpty)
            #expect(run.standardError == "error: no object has the digest \(APIFixtures.digest)\n")
        }
    }

    @Test("verify lists corrupt objects and exits 1; gc and retry report their counts")
    func maintenance() throws {
        try Self.withDaemon { daemon, _ in
            let verify = try AssetctlProcess.run(["verify", "--socket", daemon.socketPath])
            #expect(verify.status == 1)
            #expect(verify.standardOutput.contains("corrupt  \(APIFixtures.digest)"))
            let gc = try AssetctlProcess.run(["gc", "--socket", daemon.socketPath])
            #expect(gc.status == 0)
            #expect(
                gc.standardOutput == "removed 2 unreferenced objects, evicted 0, removed 1 ingest file; freed 4.0 KiB\n"
            )
            let retry = try AssetctlProcess.run(["retry", "--failed", "--socket", daemon.socketPath])
            #expect(retry.status == 0)
            #expect(retry.standardOutput == "queued 1 asset again\n")
            let sent = try #require(daemon.requests.last)
            #expect(try APIJSON.decode(RetryRequest.self, from: Data(sent.body)) == RetryRequest(failedOnly: true))
        }
    }

    @Test("API errors print their message; not_found exits 1, invalid_query exits 2")
    func apiErrors() throws {
        let handler: @Sendable (CannedDaemon.Request) -> CannedDaemon.Reply = { request in
            request.target.contains("article=")
                ? .error("invalid_query", "article must be an integer id", status: 400)
                : .error("not_found", "no article 42", status: 404)
        }
        try Self.withDaemon(handler) { daemon, _ in
            let missing = try AssetctlProcess.run(["show", "42", "--socket", daemon.socketPath])
            #expect(missing.status == 1)
            #expect(missing.standardError == "error: no article 42\n")
            let bad = try AssetctlProcess.run(["ls", "--article", "1", "--socket", daemon.socketPath])
            #expect(bad.status == 2)
            #expect(bad.standardError == "error: article must be an integer id\n")
        }
    }
}
