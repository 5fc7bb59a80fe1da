import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// Hostile articles against the real daemon with private networks not allowed: it stays up, fetches nothing outside
/// http(s), contacts no refused address, and shows every refusal with its reason.
@Suite("torture: hostile input", .timeLimit(TortureScale.suiteTimeLimit))
struct TortureHostileTests {
    @Test("hostile articles naming loopback origins: all refused with reasons, the origins never contacted")
    func loopbackArticles() async throws {
        let scale = TortureScale.current
        let seed = TortureScale.seed()
        print("torture hostile (loopback): scale \(scale), seed \(seed) (ASSETD_TORTURE_SEED=\(seed) replays it)")
        let origin = try await TestOrigin.start(host: "127.0.0.1")
        // IPv6 loopback may be missing in a container; then no [::1] URLs are generated.
        let originV6 = try? await TestOrigin.start(host: "::1")
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let setup = try DaemonSetup(extra: ["allow-private-networks": "false", "retries": "0"])
        defer { setup.scratch.remove() }
        var daemon: DaemonProcess?
        do {
            let targets = HostileTargets(loopbackPort: origin.port, loopbackV6Port: originV6?.port, allowedOrigin: nil)
            let articles = try HostileArticles.write(
                count: scale.pick(short: 100, full: 1000),
                seed: seed,
                targets: targets,
                manyImages: scale.pick(short: 300, full: 2000),
                into: scratch.path
            )
            let running = try await DaemonProcess.start(setup)
            daemon = running
            let findings = try await TortureHostileRun(
                socket: setup.socket,
                articles: articles,
                allowedOrigin: nil,
                cachedDigest: nil,
                isDaemonRunning: { running.isRunning }
            )
            .run(label: "torture hostile (loopback):")
            #expect(findings.plantedByOutcome[.refused, default: 0] > articles.count)
            #expect(findings.plantedByOutcome[.notFetched, default: 0] > 0)
            // Not one connection reached either loopback origin, though every asset URL named one of them.
            let connections = origin.connectionCount + (originV6?.connectionCount ?? 0)
            print("torture hostile (loopback): origin connections \(connections), requests \(origin.requestCount)")
            #expect(connections == 0, "\(origin.requests.prefix(5).map(\.target))")
            #expect(await running.stop() == 0, "\(running.log.suffix(4000))")
        } catch {
            await daemon?.stop(signal: SIGKILL)
            try? await origin.shutdown()
            try? await originV6?.shutdown()
            throw error
        }
        try await origin.shutdown()
        try await originV6?.shutdown()
    }
}
