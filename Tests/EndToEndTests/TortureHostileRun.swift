import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// The part of a hostile-input run that does not care where the daemon runs: enqueue every article, wait until
/// nothing is queued or fetching, then check every asset and every article against what was planted.
struct TortureHostileRun {
    let socket: String
    let articles: [HostileArticle]
    let allowedOrigin: String?
    let cachedDigest: String?
    /// Whether the daemon process is still running.
    let isDaemonRunning: @Sendable () -> Bool

    /// Runs the whole check; returns the findings (problems are already recorded as issues).
    func run(label: String) async throws -> TortureHostileFindings {
        let started = ContinuousClock.now
        let ids = try await enqueueAll(label: label)
        let enqueued = ContinuousClock.now
        var status = try await Binaries.json(StatusDocument.self, ["status"], socket: socket)
        // Settled: nothing fetching, and nothing queued but data: URLs (which the daemon never claims; see run's
        // known issue).
        try await DaemonSetup.waitUntil("every hostile asset is settled", timeout: .seconds(600)) {
            #expect(isDaemonRunning(), "assetd died while handling hostile articles")
            guard isDaemonRunning() else { throw CancellationError() }
            status = try await Binaries.json(StatusDocument.self, ["status"], socket: socket)
            guard status.assets.fetching == 0 else { return false }
            guard status.assets.queued > 0 else { return true }
            let queued = try await Binaries.json(AssetListDocument.self, ["ls", "--state", "queued"], socket: socket)
            return queued.assets.allSatisfy { TortureHostileFindings.isDataURL($0.url) }
        }
        let settled = ContinuousClock.now
        #expect(isDaemonRunning())
        #expect(status.articles == articles.count)

        var findings = TortureHostileFindings(cachedDigest: cachedDigest)
        let all = try await Binaries.json(AssetListDocument.self, ["ls"], socket: socket)
        findings.checkAll(all.assets, allowedOrigin: allowedOrigin)
        for (id, article) in zip(ids, articles) {
            let document = try await Binaries.json(ArticleDocument.self, ["show", String(id)], socket: socket)
            findings.check(document, against: article)
        }
        // The table a user reads shows each refusal with its reason too (for the million-commas article, whose URLs
        // are short: a table of every asset pads each row to the longest URL, see hugeURLInTable).
        let table = try await Binaries.assetctl(
            ["ls", "--state", "failed", "--article", String(ids[1])],
            socket: socket
        )
        #expect(table.exitCode == 0, "\(table.standardError)")
        #expect(table.outputText.contains("refused to connect to 127.0.0.1 (loopback)"))
        let health = try await ProcessRunner.run(
            "curl",
            ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", socket, "http://localhost/healthz"]
        )
        #expect(health.outputText == "200", "healthz: \(health.outputText) \(health.standardError)")
        #expect(isDaemonRunning())
        #expect(
            findings.problems.isEmpty,
            "\(findings.problems.count) problems:\n\(findings.problems.joined(separator: "\n"))"
        )
        #expect(
            findings.dataURLAssets.isEmpty,
            "\(findings.dataURLAssets.count) data: URLs became assets, e.g. \(findings.dataURLAssets.prefix(2))"
        )

        let bytes = articles.reduce(0) { $0 + $1.byteCount }
        let seconds = { (duration: Duration) in
            String(
                format: "%.1f s",
                Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            )
        }
        print(
            """
            \(label) articles: \(articles.count), \(bytes) bytes, largest \(articles.map(\.byteCount).max() ?? 0) bytes
            \(label) assets: \(status.assets.total) (\(status.assets.failed) failed, \(status.assets.cached) cached)
            \(findings.report(prefix: label))
            \(label) time: enqueue \(seconds(enqueued - started)), settle \(seconds(settled - enqueued)), \
            check \(seconds(ContinuousClock.now - settled))
            """
        )
        return findings
    }

    /// Enqueues the articles in batches with `--policy all` (every candidate becomes an asset); returns the ids in
    /// article order. A batch the daemon refuses any article of is recorded as an issue with assetctl's message.
    private func enqueueAll(label: String) async throws -> [Int64] {
        var ids: [Int64] = []
        var start = 0
        while start < articles.count {
            let batch = articles[start..<min(start + 25, articles.count)]
            let run = try await Binaries.assetctl(
                ["enqueue", "--policy", "all"] + batch.map(\.path),
                socket: socket,
                timeout: .seconds(300)
            )
            let lines = run.outputText.split(separator: "\n").compactMap { Int64($0) }
            guard run.exitCode == 0, lines.count == batch.count else {
                Issue.record(
                    """
                    assetctl enqueue of \(batch.map { ($0.path as NSString).lastPathComponent }) exited \(run.exitCode) \
                    after \(lines.count) ids: \(run.standardError)
                    """
                )
                throw CancellationError()
            }
            ids += lines
            start += batch.count
            print("\(label) enqueued \(start) of \(articles.count) articles")
        }
        return ids
    }
}
