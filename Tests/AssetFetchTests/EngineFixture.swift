import AssetFetch
import AssetTestSupport

/// Builds engines for tests against loopback origins.
enum EngineFixture {
    /// A policy that reaches loopback origins and accepts the test origin's `image/jpeg` bodies.
    static func loopbackPolicy(_ configure: (inout FetchPolicy) -> Void = { _ in }) -> FetchPolicy {
        var policy = FetchPolicy()
        policy.allowPrivateNetworks = true
        policy.connectTimeout = .seconds(5)
        policy.timeout = .seconds(20)
        configure(&policy)
        return policy
    }

    static func engine(
        concurrency: Int = 8,
        perHost: Int = 8,
        queueLimit: Int? = nil,
        _ configure: (inout FetchPolicy) -> Void = { _ in }
    ) throws -> FetchEngine {
        try FetchEngine(
            configuration: .init(
                concurrency: concurrency,
                perHost: perHost,
                queueLimit: queueLimit,
                policy: loopbackPolicy(configure)
            )
        )
    }

    /// Fetches `url` and returns the error it fails with, or nil if it succeeds.
    static func failure(
        of url: String,
        engine: FetchEngine,
        sink: RecordingSink = RecordingSink()
    ) async -> FetchError? {
        do {
            _ = try await engine.fetch(FetchRequest(url: url), into: sink)
            return nil
        } catch {
            return error
        }
    }
}
