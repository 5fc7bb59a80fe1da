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

    @Test("minimal reproduction: one huge URL does not widen every row of the ls table")
    func hugeURLInTable() async throws {
        let setup = try DaemonSetup(extra: ["allow-private-networks": "false", "retries": "0"])
        defer { setup.scratch.remove() }
        // 40 refused images, one with a 50 KB URL (port 9 on loopback: refused before any connection).
        var html = "<img src=\"http://127.0.0.1:9/\(String(repeating: "long/", count: 10_000))x.jpg\">\n"
        for index in 0..<40 {
            html += "<img src=\"http://127.0.0.1:9/\(index).jpg\">\n"
        }
        let article = try setup.scratch.write("long.html", bytes: Array(html.utf8))
        let daemon = try await DaemonProcess.start(setup)
        do {
            let enqueue = try await Binaries.assetctl(["enqueue", article], socket: setup.socket)
            #expect(enqueue.exitCode == 0, "\(enqueue.standardError)")
            try await DaemonSetup.waitUntil("all 41 assets failed") {
                let status = try await Binaries.json(StatusDocument.self, ["status"], socket: setup.socket)
                return status.assets.failed == 41
            }
            let table = try await Binaries.assetctl(["ls", "--state", "failed"], socket: setup.socket)
            #expect(table.exitCode == 0)
            let lines = table.outputText.split(separator: "\n")
            let wide = lines.filter { $0.utf8.count > 1000 }
            print(
                "torture hostile (table): \(lines.count) lines, \(table.standardOutput.count) bytes, \(wide.count) wide"
            )
            #expect(wide.count <= 1, "\(wide.count) of \(lines.count) lines are over 1000 bytes")

            #expect(await daemon.stop() == 0, "\(daemon.log.suffix(4000))")
        } catch {
            await daemon.stop(signal: SIGKILL)
            throw error
        }
    }

    @Test("an inline data: image is noted on its article and never becomes an asset")
    func dataURLIsNoAsset() async throws {
        let setup = try DaemonSetup(extra: ["retries": "0"])
        defer { setup.scratch.remove() }
        let html = "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACw=\">\n"
        let article = try setup.scratch.write("data.html", bytes: Array(html.utf8))
        let daemon = try await DaemonProcess.start(setup)
        do {
            // --wait returns: nothing is left to wait for.
            let enqueue = try await Binaries.assetctl(["enqueue", "--wait", "--json", article], socket: setup.socket)
            #expect(enqueue.exitCode == 0, "\(enqueue.standardError)")
            let document = try APIJSON.decode(ArticleDocument.self, from: Data(enqueue.standardOutput))
            #expect(document.assets.isEmpty)
            #expect(
                document.diagnostics.contains { $0.hasPrefix("line 1: an inline data: image") },
                "\(document.diagnostics)"
            )
            let assets = try await Binaries.json(AssetListDocument.self, ["ls"], socket: setup.socket).assets
            #expect(assets.isEmpty)
            #expect(await daemon.stop() == 0, "\(daemon.log.suffix(4000))")
        } catch {
            await daemon.stop(signal: SIGKILL)
            throw error
        }
    }
}
