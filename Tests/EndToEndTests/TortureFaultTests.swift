import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// A run where a third of the origin's answers are faults of every kind the test origin can make.
@Suite("torture: faults", .timeLimit(TortureScale.suiteTimeLimit))
struct TortureFaultTests {
    static let scale = TortureScale.current
    static let imageCount = scale.pick(short: 600, full: 3_000)

    @Test("every asset ends in its documented state and status answers throughout")
    func faultRun() async throws {
        let seed = TortureScale.seed()
        let settings = TortureFaultKind.Settings()
        let origin = try await TortureFaultRun.startOrigin()
        let raw = try await OriginRawFaultServer.start()
        let setup = try DaemonSetup(extra: [
            "concurrency": "16", "per-host": "16", "retries": "\(settings.retries)",
            "timeout": "\"\(settings.timeoutSeconds)s\"", "connect-timeout": "\"1s\"", "low-speed-limit": "\"1KiB\"",
            "low-speed-time": "\"\(settings.lowSpeedSeconds)s\"", "max-object-bytes": "\(settings.maxObjectBytes)",
            "log-level": "\"info\"",
        ])
        defer { setup.scratch.remove() }
        let context = TortureFaultKind.Context(
            origin: origin,
            raw: raw,
            settings: settings,
            closedPort: try LoopbackPort.pickFree(),
            now: Int64(Date().timeIntervalSince1970)
        )
        let run = TortureFaultRun.make(imageCount: Self.imageCount, seed: seed, context: context)
        print(
            "torture faults: seed \(seed), \(run.images.count) images, \(run.faultCount) faults of \(run.kindsUsed) kinds"
        )
        #expect(run.kindsUsed == TortureFaultKind.allCases.count, "not every fault kind is in the run")

        let daemon = try await DaemonProcess.start(setup)
        let probe = TortureFaultStatusProbe(socket: setup.socket)
        probe.start(interval: .milliseconds(150))
        do {
            let started = ContinuousClock.now
            for (index, article) in run.articles.enumerated() {
                let path = try setup.scratch.write("faults-\(index).html", bytes: article)
                let enqueue = try await Binaries.assetctl(["enqueue", path], socket: setup.socket)
                try #require(enqueue.exitCode == 0, "\(enqueue.standardError)\n\(daemon.log.suffix(4_000))")
            }
            try await DaemonSetup.waitUntil(
                "every asset is cached or failed",
                timeout: .seconds(Self.scale.pick(short: 120, full: 1_200))
            ) {
                guard let status = try? TortureFaultStatusProbe.status(socket: setup.socket, limit: .seconds(10)).get()
                else { return false }
                return status.assets.queued == 0 && status.assets.fetching == 0
                    && status.assets.total >= run.images.count
            }
            let elapsed = started.duration(to: .now)
            let findings = await probe.stop()
            let assets = try await Binaries.json(AssetListDocument.self, ["ls"], socket: setup.socket).assets
            let report = TortureFaultRun.check(run, assets: assets, context: context)
            let ingest = try FileManager.default.contentsOfDirectory(atPath: setup.scratch.appending("cache/ingest"))

            print("torture faults: all \(assets.count) assets final in \(TortureScale.seconds(elapsed))")
            print(
                "torture faults: final states \(report.stateCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))"
            )
            print("torture faults: per kind \(report.kindSummary)")
            print(
                "torture faults: origin requests \(origin.requestCount) for \(run.images.count) images; \(report.retriedPlain) plain images retried; duplicate fetches of cached objects \(report.duplicateFetches); requests libcurl repeated after empty replies \(report.libcurlRepeats)"
            )
            print(
                "torture faults: status polled \(findings.polls) times, \(findings.answered) answered, worst latency \(TortureScale.milliseconds(findings.worstLatency)), mean \(TortureScale.milliseconds(findings.meanLatency)), \(findings.failures.count) failures"
            )
            print("torture faults: ingest files left \(ingest.count)")

            for problem in report.problems.prefix(40) {
                Issue.record("\(problem)")
            }
            #expect(report.problems.isEmpty, "\(report.problems.count) assets not in their documented state")
            #expect(report.duplicateFetches == 0)
            #expect(findings.failures.isEmpty, "status did not answer: \(findings.failures.prefix(5))")
            #expect(findings.answered > 0 && findings.worstLatency < probe.limit)
            #expect(ingest.isEmpty, "ingest files left: \(ingest.prefix(5))")
            #expect(await daemon.stop() == 0, "assetd did not stop cleanly:\n\(daemon.log.suffix(4_000))")
            try await origin.shutdown()
            try await raw.shutdown()
        } catch {
            _ = await probe.stop()
            await daemon.stop(signal: SIGKILL)
            try? await origin.shutdown()
            try? await raw.shutdown()
            throw error
        }
    }

    /// The answers of ``OriginRawFaultServer``: the daemon documents `protocolError` (permanent) for a response it
    /// cannot understand (`FetchError.Code.protocolError`: "bad status line, HTTP/2 framing error").
    @Test("answers that are not HTTP fail at once with protocolError")
    func answersThatAreNotHTTP() async throws {
        let raw = try await OriginRawFaultServer.start()
        let setup = try DaemonSetup(extra: ["retries": "3"])
        defer { setup.scratch.remove() }
        let broken: [OriginRawFaultServer.Reply] = [.notHTTP, .badStatusLine, .badChunk]
        let urls = (broken + [.badHeaderLine]).flatMap { reply in (1...2).map { raw.url(reply, tag: "\($0)") } }
        let daemon = try await DaemonProcess.start(setup)
        do {
            let html = urls.map { "<img src=\"\($0)\">" }.joined(separator: "\n")
            let path = try setup.scratch.write("raw.html", bytes: Array(html.utf8))
            let enqueue = try await Binaries.assetctl(["enqueue", path], socket: setup.socket)
            try #require(enqueue.exitCode == 0, "\(enqueue.standardError)")
            try await DaemonSetup.waitUntil("every asset is failed") {
                let status = try TortureFaultStatusProbe.status(socket: setup.socket, limit: .seconds(10)).get()
                return status.assets.failed == urls.count
            }
            let assets = try await Binaries.json(AssetListDocument.self, ["ls"], socket: setup.socket).assets
            let byURL = Dictionary(assets.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
            let seen = urls.map { url in
                let asset = byURL[url]
                return
                    "\(url.dropFirst(raw.baseURL.count)): \(asset?.error?.code ?? "-") after \(asset?.attempts ?? 0) attempts"
            }
            print("torture faults: answers that are not HTTP: \(seen.joined(separator: "; "))")
            for url in urls where url.contains(OriginRawFaultServer.Reply.badHeaderLine.rawValue) {
                #expect(byURL[url]?.error?.code == "protocolError" && byURL[url]?.attempts == 1, "\(url)")
            }
            for url in urls where !url.contains(OriginRawFaultServer.Reply.badHeaderLine.rawValue) {
                let asset = byURL[url]
                #expect(asset?.error?.code == "protocolError", "\(url): \(asset?.error?.message ?? "")")
                #expect(asset?.attempts == 1 && raw.attempts(for: url) == 1, "\(url) was retried")
            }

            #expect(await daemon.stop() == 0)
            try await raw.shutdown()
        } catch {
            await daemon.stop(signal: SIGKILL)
            try? await raw.shutdown()
            throw error
        }
    }
}
