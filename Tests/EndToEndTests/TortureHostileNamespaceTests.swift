import AssetAPI
import AssetTestSupport
import Crypto
import Foundation
import Testing

/// Hostile articles in a network namespace where an allowed (global-looking) origin exists: its images are cached,
/// its redirects to loopback and to `file:` are refused, and the loopback server it points at is never contacted.
@Suite(
    "torture: hostile input with an allowed origin in a network namespace",
    .timeLimit(TortureScale.suiteTimeLimit),
    .enabled(
        if: NetworkNamespace.unavailableReason == nil,
        "needs unshare --net --pid and ip (root): \(NetworkNamespace.unavailableReason ?? "")"
    )
)
struct TortureHostileNamespaceTests {
    @Test("redirects from an allowed origin to loopback or file: are refused; the loopback server sees nothing")
    func redirectsToRefusedPlaces() async throws {
        let scale = TortureScale.current
        let seed = TortureScale.seed()
        print("torture hostile (namespace): scale \(scale), seed \(seed) (ASSETD_TORTURE_SEED=\(seed) replays it)")
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let setup = try DaemonSetup(extra: ["allow-private-networks": "false", "retries": "0"])
        defer { setup.scratch.remove() }
        let targets = HostileTargets(
            loopbackPort: NetworkNamespace.refusedPort,
            loopbackV6Port: NetworkNamespace.hasIPv6 ? NetworkNamespace.refusedPort : nil,
            allowedOrigin: "http://\(NetworkNamespace.address):\(NetworkNamespace.allowedPort)"
        )
        let articles = try HostileArticles.write(
            count: scale.pick(short: 40, full: 300),
            seed: seed,
            targets: targets,
            manyImages: 50,
            into: scratch.path
        )
        let namespace = try await NetworkNamespace.start(setup)
        defer { namespace.runtime.remove() }
        do {
            let digest = TestContent.hexString(SHA256.hash(data: Array(NetworkNamespace.imageBody.utf8)))
            let findings = try await TortureHostileRun(
                socket: setup.socket,
                articles: articles,
                allowedOrigin: namespace.allowedOrigin,
                cachedDigest: digest,
                isDaemonRunning: { namespace.isRunning }
            )
            .run(label: "torture hostile (namespace):")
            let cachedCount = findings.plantedByOutcome[.cached, default: 0]
            #expect(cachedCount > 0 && findings.plantedByOutcome[.refusedAfterRedirect, default: 0] > 0)
            #expect(findings.plantedByOutcome[.badSchemeAfterRedirect, default: 0] > 0)

            // The loopback server behind the redirects was never contacted; the allowed one only for http paths.
            let refused = (try? String(contentsOfFile: namespace.refusedLog, encoding: .utf8)) ?? ""
            #expect(refused.isEmpty, "the refused server was contacted:\n\(refused.prefix(2000))")
            let allowed = ((try? String(contentsOfFile: namespace.allowedLog, encoding: .utf8)) ?? "")
                .split(separator: "\n")
            var requestsByRoute: [String: Int] = [:]
            for line in allowed {
                let request = line.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                let route = request.split(separator: "/").dropFirst().first.map(String.init) ?? "?"
                requestsByRoute[route, default: 0] += 1
                #expect(request.hasPrefix("GET /"), "\(line)")
                #expect(["img", "r", "r6", "rl", "rf"].contains(route), "\(line)")
            }
            #expect(requestsByRoute["img", default: 0] == cachedCount, "each allowed image fetched once")
            print(
                """
                torture hostile (namespace): allowed origin requests \(allowed.count) by route \
                \(requestsByRoute.sorted { $0.key < $1.key }); refused origin requests \
                \(refused.split(separator: "\n").count)
                """
            )
            let status = await namespace.stop()
            #expect(status == 0, "\(namespace.log.suffix(4000))")
        } catch {
            print("torture hostile (namespace): log of the namespace:\n\(namespace.log.suffix(6000))")
            await namespace.killAll()
            throw error
        }
    }
}
