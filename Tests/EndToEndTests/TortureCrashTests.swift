import AssetAPI
import AssetTestSupport
import Foundation
import Synchronization
import Testing

/// SIGKILL at random moments during a large run, again and again.
@Suite("torture: crashes", .timeLimit(TortureScale.suiteTimeLimit))
struct TortureCrashTests {
    static let scale = TortureScale.current
    static let assetCount = scale.pick(short: 1_000, full: 5_000)
    static let killCount = scale.pick(short: 5, full: 20)
    static let articleCount = scale.pick(short: 4, full: 10)
    static let concurrency = 16
    /// The assets one kill can interrupt: those transferring (`concurrency`) and those whose bodies have arrived and
    /// are being committed (the daemon lets up to `max(concurrency, 32)` settle at once).
    static let inFlightLimit = concurrency + max(concurrency, 32)

    @Test("after SIGKILLs at random moments every asset ends cached, verify is clean and nothing is lost")
    func killsDuringALargeRun() async throws {
        let seed = TortureScale.seed()
        let origin = try await TestOrigin.start(threads: 2)
        let setup = try DaemonSetup(extra: ["concurrency": "\(Self.concurrency)", "per-host": "\(Self.concurrency)"])
        defer { setup.scratch.remove() }
        let run = TortureCrashRun(
            origin: origin,
            setup: setup,
            assetCount: Self.assetCount,
            articleCount: Self.articleCount,
            delayMilliseconds: 150,
            seed: seed
        )
        print(
            "torture crashes: seed \(seed), \(Self.assetCount) assets in \(Self.articleCount) articles, \(Self.killCount) kills"
        )
        let started = ContinuousClock.now
        let daemon: DaemonProcess
        do {
            daemon = try await run.run(
                killCount: Self.killCount,
                finalTimeout: .seconds(Self.scale.pick(short: 120, full: 900))
            )
        } catch {
            try? await origin.shutdown()
            throw error
        }
        let elapsed = started.duration(to: .now)

        let cached = try await Binaries.json(AssetListDocument.self, ["ls"], socket: setup.socket).assets
        let byURL = Dictionary(cached.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        var wrongBytes: [String] = []
        for (url, content) in run.contents {
            let record = byURL[url]
            if record?.state != .cached
                || record?.sha256 != TestContent.sha256Hex(count: content.byteCount, seed: content.seed)
            {
                wrongBytes.append("\(url): \(record.map { "\($0.state) \($0.sha256 ?? "-")" } ?? "missing")")
            }
        }
        let acknowledged = run.acknowledged.withLock { $0 }
        var articleProblems: [String] = []
        for (index, id) in acknowledged.sorted(by: { $0.key < $1.key }) {
            let document = try await Binaries.json(ArticleDocument.self, ["show", String(id)], socket: setup.socket)
            let urls = Set(document.assets.map(\.url))
            if urls != Set(run.articles[index]) || !document.assets.allSatisfy({ $0.state == .cached }) {
                articleProblems.append(
                    "article \(id): \(urls.count) assets, \(document.assets.count { $0.state == .cached }) cached"
                )
            }
        }
        let status = try await Binaries.json(StatusDocument.self, ["status"], socket: setup.socket)
        let verify = try await Binaries.assetctl(["verify", "--json"], socket: setup.socket, timeout: .seconds(300))
        let verifyResult = try? APIJSON.decode(VerifyResult.self, from: Data(verify.standardOutput))
        let ingest = try FileManager.default.contentsOfDirectory(atPath: setup.scratch.appending("cache/ingest"))
        let duplicates = run.duplicateFetches()
        let refetches = run.refetchesWithoutRestart()
        let requests = origin.requestCount
        let findings = run.statusFindings
        let worstStatus = findings.map(\.worstLatency).max() ?? .zero
        let statusFailures = findings.flatMap(\.failures)

        print("torture crashes: \(run.kills.count) kills done in \(TortureScale.seconds(elapsed))")
        let moments = run.kills.map { kill in
            kill.duringStart.map { "start+\(TortureScale.milliseconds($0))" } ?? String(kill.cachedBefore)
        }
        print("torture crashes: assets cached before each kill (start+N: killed N after the exec) \(moments)")
        print("torture crashes: assets cached right after each start \(run.starts.map(\.cached))")
        print("torture crashes: restart times \(run.starts.map { TortureScale.milliseconds($0.duration) })")
        print(
            "torture crashes: origin requests \(requests) for \(Self.assetCount) assets (\(requests - Self.assetCount) fetches of interrupted transfers); duplicate fetches of cached objects \(duplicates.count); second requests within one lifetime \(refetches.count)"
        )
        print(
            "torture crashes: final states cached \(status.assets.cached), queued \(status.assets.queued), fetching \(status.assets.fetching), failed \(status.assets.failed); articles acknowledged \(acknowledged.count) of \(Self.articleCount), in the index \(status.articles)"
        )
        print(
            "torture crashes: status polled \(findings.map(\.polls).reduce(0, +)) times, worst latency \(TortureScale.milliseconds(worstStatus)), \(statusFailures.count) failures"
        )
        print(
            "torture crashes: verify \(verifyResult.map { "checked \($0.checked), corrupt \($0.corrupt.count), missing \($0.missing.count)" } ?? "undecodable"); ingest files left \(ingest.count)"
        )

        #expect(run.kills.count == Self.killCount)
        #expect(run.kills.allSatisfy { $0.cachedBefore < Self.assetCount }, "a kill came after the run was complete")
        #expect(run.kills.count { $0.duringStart == nil } > 0)
        #expect(wrongBytes.isEmpty, "\(wrongBytes.count) assets not cached with their bytes: \(wrongBytes.prefix(5))")
        #expect(cached.count == Self.assetCount)
        #expect(acknowledged.count == Self.articleCount)
        #expect(articleProblems.isEmpty, "\(articleProblems)")
        #expect(status.articles >= Self.articleCount)
        #expect(status.assets.cached == Self.assetCount && status.assets.total == Self.assetCount)
        #expect(verify.exitCode == 0, "\(verify.standardError)")
        #expect(verifyResult?.isClean == true && (verifyResult?.checked ?? 0) >= Self.assetCount)
        #expect(ingest.isEmpty, "ingest files left after the last restart: \(ingest.prefix(5))")
        #expect(duplicates.isEmpty, "\(duplicates.count) fetches of cached objects: \(duplicates.prefix(5))")
        #expect(refetches.isEmpty, "\(refetches.prefix(5))")
        #expect(requests - Self.assetCount <= Self.killCount * Self.inFlightLimit)
        #expect(statusFailures.isEmpty, "status did not answer: \(statusFailures.prefix(5))")
        #expect(await daemon.stop() == 0, "assetd did not stop cleanly:\n\(daemon.log.suffix(4_000))")
        try await origin.shutdown()
    }
}
