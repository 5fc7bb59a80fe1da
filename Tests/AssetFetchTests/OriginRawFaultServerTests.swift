import AssetTestSupport
import Testing

/// The raw fault server's replies, as the curl tool sees them.
@Suite(.timeLimit(.minutes(1)))
struct OriginRawFaultServerTests {
    @Test(
        "each reply makes curl fail the way a broken server does",
        arguments: [
            // curl 7.88: no status line is HTTP/0.9, refused (CURLE_UNSUPPORTED_PROTOCOL); a header line without a
            // colon is CURLE_WEIRD_SERVER_REPLY; a bad chunk size is CURLE_RECV_ERROR.
            (OriginRawFaultServer.Reply.notHTTP, Int32(1)),
            (.badStatusLine, 1),
            (.badHeaderLine, 8),
            (.badChunk, 56),
        ]
    )
    func replyFailsCurl(reply: OriginRawFaultServer.Reply, curlExit: Int32) async throws {
        let server = try await OriginRawFaultServer.start()
        let response: CurlResponse
        do {
            response = try await Curl.fetch(server.url(reply, tag: "a"), timeout: .seconds(10))
        } catch {
            try? await server.shutdown()
            throw error
        }
        try await server.shutdown()
        #expect(response.exitCode == curlExit, "\(response.errorText)")
        #expect(server.attempts(for: server.url(reply, tag: "a")) == 1)
        #expect(server.attempts(for: server.url(reply, tag: "b")) == 0)
    }

    @Test("an unknown path gets a plain 404 and requests are counted per target")
    func unknownPathIsNotFound() async throws {
        let server = try await OriginRawFaultServer.start()
        let url = server.baseURL + "/nothing?tag=x"
        let first = try await Curl.fetch(url, timeout: .seconds(10))
        let second = try await Curl.fetch(url, timeout: .seconds(10))
        try await server.shutdown()
        #expect(first.exitCode == 0 && first.status == 404)
        #expect(second.status == 404)
        #expect(server.attempts(for: url) == 2)
        #expect(server.attempts(for: "/nothing?tag=x") == 2)
    }
}
