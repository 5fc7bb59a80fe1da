import AssetAPI
import AssetDaemon
import AssetFetch
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// A daemon running in this process on a temporary socket and directories, driven through the real Unix socket.
struct DaemonHarness {
    let directory: TestDirectory
    let runtime: DaemonRuntime
    let group: ServiceGroup
    let client: UnixSocketClient

    var core: DaemonCore { runtime.core }
    var socket: String { directory.file("c.sock") }

    /// Settings every harness daemon gets: loopback allowed, quick retries, small limits.
    static func configuration(_ adjust: (inout DaemonConfiguration) -> Void = { _ in }) -> DaemonConfiguration {
        var configuration = DaemonConfiguration.defaults
        configuration.allowPrivateNetworks = true
        configuration.retries = 3
        configuration.retryBaseDelay = .milliseconds(50)
        configuration.retryMaxDelay = .milliseconds(200)
        configuration.concurrency = 8
        configuration.perHost = 4
        configuration.durability = .relaxed
        adjust(&configuration)
        return configuration
    }

    /// Runs `body` against a daemon in `directory` (created when nil), then shuts it down gracefully.
    static func run<T: Sendable>(
        in directory: TestDirectory? = nil,
        configuration: DaemonConfiguration = DaemonHarness.configuration(),
        environment: [String: String] = [:],
        logger: Logger = Logger(label: "assetd.test", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (DaemonHarness) async throws -> T
    ) async throws -> T {
        let ownsDirectory = directory == nil
        let directory = try directory ?? TestDirectory()
        defer { if ownsDirectory { directory.remove() } }
        let paths = DaemonPaths(
            stateDirectory: directory.file("state"),
            cacheDirectory: directory.file("cache"),
            socket: directory.file("c.sock")
        )
        let loaded = LoadedConfiguration(configuration: configuration, paths: paths, file: nil)
        let runtime = try await DaemonRuntime.open(
            loaded,
            environment: environment,
            logger: logger,
            statusInterval: .milliseconds(300)
        )
        let group = runtime.makeServiceGroup(signals: [])
        let harness = DaemonHarness(
            directory: directory,
            runtime: runtime,
            group: group,
            client: UnixSocketClient(socketPath: paths.socket)
        )
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var iterator = runtime.ready.makeAsyncIterator()
            _ = await iterator.next()
            let result: T
            do {
                result = try await body(harness)
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                runtime.close()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            runtime.close()
            return result
        }
    }

    // MARK: Requests

    func request(
        _ method: String,
        _ target: String,
        body: [UInt8]? = nil,
        contentType: String? = nil
    ) async throws -> UnixSocketResponse {
        let headers = contentType.map { ["Content-Type: \($0)"] } ?? []
        return try await client.send(UnixSocketRequest(method: method, target: target, headers: headers, body: body))
    }

    func get<T: Decodable>(_ type: T.Type, _ target: String) async throws -> T {
        let response = try await request("GET", target)
        #expect(response.head.status == 200, "GET \(target): \(String(decoding: response.body, as: UTF8.self))")
        return try APIJSON.decode(type, from: Data(response.body))
    }

    /// Posts an article body and returns the 202 document.
    func submit(article: String, query: String = "", contentType: String = "text/html") async throws
        -> ArticleSubmissionResult
    {
        let response = try await request(
            "POST",
            APIRoute.articles + (query.isEmpty ? "" : "?" + query),
            body: Array(article.utf8),
            contentType: contentType
        )
        try #require(response.head.status == 202, "\(String(decoding: response.body, as: UTF8.self))")
        return try APIJSON.decode(ArticleSubmissionResult.self, from: Data(response.body))
    }

    /// Polls the article until none of its assets is queued or fetching (or the time runs out).
    func settle(article id: Int64, timeout: Duration = .seconds(30)) async throws -> ArticleDocument {
        let deadline = ContinuousClock.now + timeout
        while true {
            let document = try await get(ArticleDocument.self, APIRoute.article(id: id))
            let busy = document.assets.contains { $0.state == .queued || $0.state == .fetching }
            if !busy || ContinuousClock.now >= deadline { return document }
            try await Task.sleep(for: .milliseconds(25))
        }
    }
}
