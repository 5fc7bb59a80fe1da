import ArgumentParser
import AssetTestSupport
import Foundation

/// The all-cached run of `assetbench e2e` (issue 6: "a second run where everything is already cached", target
/// under 1 s for 10,000 assets): `assetctl enqueue --wait` of the same articles again, into the daemon that has
/// just fetched them, timed from start to exit; and, as a same-run reference for the index part of that work, the
/// `sqlite3` shell looking up every selected URL in the daemon's own index.
struct EndToEndCachedRun {
    /// The target for the all-cached re-enqueue, in seconds.
    static let targetSeconds = 1.0

    /// Seconds of the all-cached `assetctl enqueue --wait`.
    var seconds: Double
    /// The daemon's CPU seconds during it.
    var daemonCPUSeconds: Double?
    /// Seconds of the `sqlite3` lookups, `nil` when `sqlite3` is not installed.
    var sqliteSeconds: Double?

    /// Re-enqueues `articles` into `daemon`, checks that `assetCount` assets are still the cached ones, then times
    /// the `sqlite3` peer on the index.
    ///
    /// - Throws: `ValidationError` when a run fails or a lookup does not find a cached asset.
    static func measure(
        daemon: EndToEndDaemon,
        articles: [String],
        urls: [String],
        scratch: TemporaryDirectory
    ) async throws -> EndToEndCachedRun {
        let cpuBefore = ProcessStatistics.cpuSeconds(pid: daemon.pid)
        let seconds = try await daemon.enqueueAndWait(articles)
        let cpuAfter = ProcessStatistics.cpuSeconds(pid: daemon.pid)
        try await daemon.expectCached(urls.count)
        let sqlite = try await timeSQLite(database: daemon.databasePath, urls: urls, scratch: scratch)
        return EndToEndCachedRun(
            seconds: seconds,
            daemonCPUSeconds: cpuBefore.flatMap { before in cpuAfter.map { $0 - before } },
            sqliteSeconds: sqlite
        )
    }

    /// The lines `assetbench e2e` prints.
    func summary(articleCount: Int, assetCount: Int) -> String {
        var lines = [
            "all-cached assetctl enqueue --wait of the same \(articleCount) articles (\(assetCount) assets): "
                + "\(EndToEndTable.format(seconds, digits: 3)) s; target < \(Int(Self.targetSeconds)) s, ratio to "
                + "target \(EndToEndTable.format(seconds / Self.targetSeconds))"
                + (daemonCPUSeconds.map { "; daemon CPU \(EndToEndTable.format($0)) s" } ?? "")
        ]
        if let sqliteSeconds {
            lines.append(
                "sqlite3 -readonly index.sqlite, \(assetCount) SELECTs by url: "
                    + "\(EndToEndTable.format(sqliteSeconds, digits: 3)) s; assetd re-enqueue ÷ sqlite3 "
                    + EndToEndTable.format(seconds / sqliteSeconds)
            )
        } else {
            lines.append("sqlite3 not installed: no lookup reference")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs `sqlite3 -readonly` with one `SELECT state FROM assets WHERE url = '…'` per URL and checks that each
    /// printed `cached`; returns its wall-clock seconds, or `nil` when `sqlite3` is not installed.
    private static func timeSQLite(database: String, urls: [String], scratch: TemporaryDirectory) async throws
        -> Double?
    {
        guard (try? ProcessRunner.locate("sqlite3")) != nil else { return nil }
        let statements = urls.map { url in
            "SELECT state FROM assets WHERE url = '\(url.replacingOccurrences(of: "'", with: "''"))';"
        }
        let script = try scratch.write("lookups.sql", bytes: Array((statements.joined(separator: "\n") + "\n").utf8))
        let start = ContinuousClock.now
        let result = try await ProcessRunner.run("sqlite3", ["-readonly", database, ".read \(script)"])
        let elapsed = EndToEndTable.seconds(ContinuousClock.now - start)
        let answers = result.outputText.split(separator: "\n")
        guard result.exitCode == 0, answers.count == urls.count, answers.allSatisfy({ $0 == "cached" }) else {
            throw ValidationError(
                "sqlite3 lookups: exit \(result.exitCode), \(answers.count) answers for \(urls.count) URLs, "
                    + "\(answers.filter { $0 != "cached" }.count) not cached: \(result.standardError)"
            )
        }
        return elapsed
    }
}
