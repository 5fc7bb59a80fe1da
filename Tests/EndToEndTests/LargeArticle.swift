import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// An HTML article of many images on a TestOrigin, each answering after a delay, so a daemon can be stopped while
/// part of them is cached and part still to come.
struct LargeArticle {
    static let imageCount = 300
    static let imageBytes = 8_000

    let origin: TestOrigin
    let urls: [String]
    let digests: [String: String]

    init(origin: TestOrigin, delayMilliseconds: Int) {
        self.origin = origin
        var urls: [String] = []
        var digests: [String: String] = [:]
        for index in 0..<Self.imageCount {
            let url = origin.objectURL(
                size: Self.imageBytes + index,
                seed: UInt64(index),
                "delay-ms=\(delayMilliseconds)"
            )
            urls.append(url)
            digests[url] = TestContent.sha256Hex(count: Self.imageBytes + index, seed: UInt64(index))
        }
        self.urls = urls
        self.digests = digests
    }

    /// The article text: one `<img>` per URL, `&` written as `&amp;` as HTML wants.
    var html: [UInt8] {
        let images = urls.map { "<p><img src=\"\($0.replacingOccurrences(of: "&", with: "&amp;"))\" alt=\"\"></p>" }
        return Array(("<!doctype html><html><body>\n" + images.joined(separator: "\n") + "\n</body></html>\n").utf8)
    }

    /// Cached assets, by URL.
    static func cached(socket: String) async throws -> [String: AssetRecord] {
        let list = try await Binaries.json(AssetListDocument.self, ["ls", "--state", "cached"], socket: socket)
        return Dictionary(list.assets.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Runs one interrupted-enqueue scenario: enqueue, stop the daemon with `signal` once `threshold` assets are
    /// cached, restart, wait for all; checks nothing is lost and nothing cached before the stop is fetched again.
    /// - Returns: the restarted daemon (still running) and its setup, for further checks.
    static func interruptedRun(signal: Int32, threshold: Int = 40) async throws -> (DaemonProcess, LargeArticle) {
        let origin = try await TestOrigin.start()
        let setup = try DaemonSetup(extra: ["concurrency": "8", "per-host": "8"])
        var daemons: [DaemonProcess] = []
        do {
            let article = LargeArticle(origin: origin, delayMilliseconds: 150)
            let articlePath = try setup.scratch.write("large.html", bytes: article.html)
            let first = try await DaemonProcess.start(setup)
            daemons.append(first)
            let enqueue = try await Binaries.assetctl(["enqueue", articlePath], socket: setup.socket)
            try #require(enqueue.exitCode == 0, "\(enqueue.standardError)\n\(first.log)")
            let articleID = try #require(Int64(enqueue.outputText.trimmingCharacters(in: .newlines)))

            var before: [String: AssetRecord] = [:]
            try await DaemonSetup.waitUntil("\(threshold) assets are cached") {
                before = try await cached(socket: setup.socket)
                return before.count >= threshold
            }
            try #require(before.count < imageCount, "everything was cached before the interruption; slow the origin")
            let status = await first.stop(signal: signal)
            if signal == SIGTERM {
                #expect(status == 0, "assetd did not stop cleanly:\n\(first.log)")
            }

            let second = try await DaemonProcess.start(setup)
            daemons.append(second)
            var after: [String: AssetRecord] = [:]
            try await DaemonSetup.waitUntil("all \(imageCount) assets are cached", timeout: .seconds(75)) {
                after = try await cached(socket: setup.socket)
                return after.count == imageCount
            }
            let document = try await Binaries.json(
                ArticleDocument.self,
                ["show", String(articleID)],
                socket: setup.socket
            )
            #expect(document.assets.count == imageCount)
            #expect(document.assets.allSatisfy { $0.state == .cached })
            for url in article.urls {
                #expect(after[url]?.sha256 == article.digests[url], "wrong or missing bytes for \(url)")
                let attempts = origin.attempts(for: url)
                if before[url] != nil {
                    #expect(attempts == 1, "\(url) was cached before the interruption but fetched \(attempts) times")
                } else {
                    #expect(attempts >= 1 && attempts <= 2, "\(url) fetched \(attempts) times")
                }
            }
            try await origin.shutdown()
            return (second, article)
        } catch {
            for daemon in daemons { await daemon.stop(signal: SIGKILL) }
            try? await origin.shutdown()
            setup.scratch.remove()
            throw error
        }
    }
}
