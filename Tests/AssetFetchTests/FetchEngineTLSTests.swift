import AssetFetch
import AssetTestSupport
import Testing

/// HTTPS through nginx on loopback with a CA made at test time, reached under a real host name via `connect-to`.
@Suite(.timeLimit(.minutes(1)))
struct FetchEngineTLSTests {
    private static let host = "images.example.test"

    private func withTLSServer(
        _ body: (NginxServer, TLSMaterial, [GeneratedFile]) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let root = directory.appending("www")
        let files = try GeneratedFiles.writeMany(count: 24, under: root) { 1000 + $0 * 5000 }
        let tls = try await TLSMaterial.make(dnsNames: [Self.host], in: directory.path)
        let server = try await NginxServer.start(root: root, tls: tls)
        do {
            try await body(server, tls, files)
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
    }

    private func engine(
        _ server: NginxServer,
        _ tls: TLSMaterial?,
        perHost: Int = 8,
        connectToHost: String = host
    ) throws -> FetchEngine {
        try EngineFixture.engine(concurrency: 16, perHost: perHost) { policy in
            policy.caFile = tls?.caPath
            policy.connectTo = [server.connectToEntry(host: connectToHost)].compactMap { $0 }
        }
    }

    @Test
    func fetchesOverHTTP2WithTheTrustedTestCA() async throws {
        try await withTLSServer { server, tls, files in
            let engine = try engine(server, tls)
            defer { engine.shutDown() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for file in files {
                    group.addTask {
                        let sink = RecordingSink()
                        let url = "https://\(Self.host)/\(file.relativePath)"
                        let response = try await engine.fetch(FetchRequest(url: url), into: sink)
                        #expect(response.httpVersion == "2")
                        #expect(response.head.status == 200)
                        #expect(response.head.contentType == "image/jpeg")
                        #expect(response.effectiveURL == url)
                        #expect(sink.sha256Hex == file.sha256Hex)
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test
    func plainHTTPToNginxUsesHTTP1() async throws {
        try await withTLSServer { server, _, files in
            let engine = try EngineFixture.engine()
            defer { engine.shutDown() }
            let file = try #require(files.first)
            let sink = RecordingSink()
            let response = try await engine.fetch(
                FetchRequest(url: server.baseURL + "/" + file.relativePath),
                into: sink
            )
            #expect(response.httpVersion == "1.1")
            #expect(sink.sha256Hex == file.sha256Hex)
        }
    }

    @Test
    func anUntrustedCertificateIsATLSFailure() async throws {
        try await withTLSServer { server, _, files in
            let engine = try engine(server, nil)
            defer { engine.shutDown() }
            let file = try #require(files.first)
            let url = "https://\(Self.host)/\(file.relativePath)"
            let error = try #require(await EngineFixture.failure(of: url, engine: engine))
            #expect(error.code == .tls)
            #expect(!RetryPolicy.isTransient(error))
        }
    }

    @Test
    func aCertificateForAnotherNameIsATLSFailure() async throws {
        try await withTLSServer { server, tls, files in
            let engine = try engine(server, tls, connectToHost: "other.example.test")
            defer { engine.shutDown() }
            let file = try #require(files.first)
            let url = "https://other.example.test/\(file.relativePath)"
            let error = try #require(await EngineFixture.failure(of: url, engine: engine))
            #expect(error.code == .tls)
        }
    }
}
