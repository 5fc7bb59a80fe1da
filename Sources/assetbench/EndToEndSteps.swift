import AssetTestSupport
import Foundation

/// The daemon runs of `assetbench e2e`, each with a fresh daemon that is stopped (and its files removed) whether
/// the step succeeds or not.
struct EndToEndSteps {
    let assetd: String
    let assetctl: String
    let durability: String
    let corpus: EndToEndCorpus
    let scratch: TemporaryDirectory

    /// One round at `concurrency`: the daemon's cold run with its CPU time, optionally the all-cached run on the
    /// same daemon, then the peers once the daemon is stopped.
    ///
    /// The daemon's CPU comes from `/proc/<pid>/stat`; `assetctl`'s from `RUSAGE_CHILDREN` (it is the only child
    /// reaped meanwhile); the measurement's CPU is their sum.
    /// - Throws: what the daemon, `assetctl` or a peer fails with, and `ValidationError` when not every image
    ///   ends up cached.
    func round(concurrency: Int, peers: EndToEndPeers, withCachedRun: Bool) async throws
        -> (EndToEndRound, EndToEndCachedRun?)
    {
        let (measurement, daemonCPU, cached) = try await withDaemon(name: "assetd-c\(concurrency)", concurrency) {
            daemon in
            let daemonBefore = ProcessStatistics.cpuSeconds(pid: daemon.pid)
            let clientBefore = ProcessStatistics.reapedChildrenCPUSeconds()
            let seconds = try await daemon.enqueueAndWait(corpus.articlePaths)
            let clientCPU = ProcessStatistics.reapedChildrenCPUSeconds() - clientBefore
            let daemonCPU = ProcessStatistics.cpuSeconds(pid: daemon.pid).flatMap { after in
                daemonBefore.map { after - $0 }
            }
            try await daemon.expectCached(corpus.images.count)
            let measurement = EndToEndMeasurement(
                label: "assetd + assetctl enqueue --wait (\(corpus.articlePaths.count) articles)",
                tool: "assetd",
                seconds: seconds,
                cpuSeconds: daemonCPU.map { $0 + clientCPU }
            )
            let cached =
                withCachedRun
                ? try await EndToEndCachedRun.measure(
                    daemon: daemon,
                    articles: corpus.articlePaths,
                    urls: corpus.selectedURLs,
                    scratch: scratch
                ) : nil
            return (measurement, daemonCPU, cached)
        }
        let peerMeasurements = try await peers.run(concurrency: concurrency)
        let round = EndToEndRound(
            concurrency: concurrency,
            assetd: measurement,
            daemonCPUSeconds: daemonCPU,
            peers: peerMeasurements
        )
        return (round, cached)
    }

    /// A cold run at `concurrency` with `clients` control-API clients going meanwhile, then the same clients for
    /// 5 s against the idle daemon as the reference.
    ///
    /// - Throws: like ``round(concurrency:peers:withCachedRun:)``.
    func latency(concurrency: Int, clients: Int) async throws -> EndToEndLatencyRun {
        try await withDaemon(name: "assetd-latency", concurrency) { daemon in
            let (seconds, loaded) = try await EndToEndLatency.measure(
                socket: daemon.socket,
                urls: corpus.selectedURLs,
                clients: clients
            ) {
                try await daemon.enqueueAndWait(corpus.articlePaths)
            }
            try await daemon.expectCached(corpus.images.count)
            let (_, idle) = try await EndToEndLatency.measure(
                socket: daemon.socket,
                urls: corpus.selectedURLs,
                clients: clients
            ) {
                try await Task.sleep(for: .seconds(5))
            }
            return EndToEndLatencyRun(
                concurrency: concurrency,
                clients: clients,
                enqueueSeconds: seconds,
                loaded: loaded,
                idle: idle
            )
        }
    }

    /// Starts a daemon at `concurrency` (also `per-host`), runs `body` with it and stops it; on failure the end
    /// of its standard error is added to the error.
    private func withDaemon<Result>(
        name: String,
        _ concurrency: Int,
        _ body: (EndToEndDaemon) async throws -> Result
    ) async throws -> Result {
        let daemon = try await EndToEndDaemon.start(
            assetd: assetd,
            assetctl: assetctl,
            name: name,
            settings: [
                "--concurrency", "\(concurrency)", "--per-host", "\(concurrency)", "--durability", durability,
            ],
            scratch: scratch
        )
        do {
            let result = try await body(daemon)
            await daemon.stop()
            return result
        } catch {
            let log = daemon.errorTail()
            await daemon.stop()
            if !log.isEmpty { print("assetd standard error (end):\n\(log)") }
            throw error
        }
    }
}
