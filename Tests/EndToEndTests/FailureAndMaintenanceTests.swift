import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// What the user sees when an image cannot be had, and the maintenance commands against the real daemon.
@Suite("end to end: failures and maintenance", .timeLimit(.minutes(2)))
struct FailureAndMaintenanceTests {
    @Test("an article fetched by URL with a missing image: --wait lists the failure and exits 1; retry and gc answer")
    func missingImage() async throws {
        let origin = try await TestOrigin.start()
        let setup = try DaemonSetup(extra: ["retries": "0"])
        defer { setup.scratch.remove() }
        var daemon: DaemonProcess?
        do {
            let good = origin.objectURL(size: 3000, seed: 5)
            let missing = origin.objectURL(size: 10, seed: 6, "status=404")
            let html = """
                <html><body><img srcset="\(good.replacingOccurrences(of: "&", with: "&amp;")) 800w">
                <img src="\(missing.replacingOccurrences(of: "&", with: "&amp;"))"></body></html>
                """
            origin.publish("/news/story.html", bytes: Array(html.utf8), contentType: "text/html; charset=utf-8")
            let running = try await DaemonProcess.start(setup)
            daemon = running
            let socket = setup.socket

            let enqueue = try await Binaries.assetctl(
                ["enqueue", "--wait", origin.url("/news/story.html")],
                socket: socket
            )
            #expect(enqueue.exitCode == 1, "\(enqueue.outputText)\(enqueue.standardError)\n\(running.log)")
            let lines = enqueue.outputText.split(separator: "\n").map(String.init)
            #expect(lines.contains("cached  2.9 KiB  \(good)"))
            #expect(lines.contains { $0.hasPrefix("2 assets: 1 cached (2.9 KiB), 1 failed in ") })
            #expect(lines.last?.hasPrefix("failed  \(missing): ") == true, "\(lines)")
            #expect(origin.attempts(for: "/news/story.html") == 1)

            let failed = try await Binaries.json(AssetListDocument.self, ["ls", "--state", "failed"], socket: socket)
            #expect(failed.assets.map(\.url) == [missing])
            #expect(failed.assets.first?.httpStatus == 404)
            let path = try await Binaries.assetctl(["path", missing], socket: socket)
            #expect(path.exitCode == 1)
            #expect(path.standardError.hasPrefix("error: \(missing) is not cached (state failed)"))

            let retry = try await Binaries.assetctl(["retry", "--failed"], socket: socket)
            #expect(retry.exitCode == 0)
            #expect(retry.outputText == "queued 1 asset again\n")
            try await DaemonSetup.waitUntil("the retried asset fails again") {
                guard origin.attempts(for: missing) == 2 else { return false }
                let list = try await Binaries.json(AssetListDocument.self, ["ls", "--state", "failed"], socket: socket)
                return list.assets.count == 1
            }
            let gc = try await Binaries.assetctl(["gc"], socket: socket)
            #expect(gc.exitCode == 0, "\(gc.standardError)")
            #expect(gc.outputText.hasPrefix("removed "))
            let status = try await Binaries.assetctl(["status"], socket: socket)
            #expect(status.outputText.hasPrefix("assets     2: 0 queued, 0 fetching, 1 cached, 1 failed, 0 evicted\n"))
            #expect(await running.stop() == 0, "\(running.log)")
        } catch {
            await daemon?.stop(signal: SIGKILL)
            try? await origin.shutdown()
            throw error
        }
        try await origin.shutdown()
    }
}
