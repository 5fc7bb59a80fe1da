import ArgumentParser
import AssetTestSupport
import Foundation

/// `assetbench e2e`: the release `assetd` and `assetctl enqueue --wait` against curl, aria2c and wget2 fetching
/// the same selected URL list from the same loopback nginx, at several concurrencies, in one invocation (issue 6).
///
/// Images (2 KiB–2 MiB, median 32 KiB) and articles referencing them are generated under one temporary directory.
/// Per concurrency N: a fresh daemon with empty state and cache, `concurrency` and `per-host` both N (every image
/// is on the one nginx host, so a smaller `per-host` would cap the daemon below the peers; `per-host` may not
/// exceed `concurrency`), timed from the start of `assetctl enqueue --wait` to its exit; then each peer at N into
/// a new directory. At the reference concurrency (32 when run, else the first) also the all-cached re-enqueue
/// and the sqlite3 lookup reference; then a separate daemon run at that concurrency with concurrent control-API
/// clients for latency (separate so that the clients' CPU does not slow the timed rounds); then the daemon's peak
/// memory with 100,000 assets queued. Every daemon and nginx are stopped also when a step fails.
///
/// No run deletes files before the end of the benchmark: every daemon and peer writes into a new directory, and the
/// whole scratch directory goes at the end. On ext4 without a journal (as on the benchmark machines) the inode
/// allocator steps over inodes freed in the last 60 s (300 s while their table block is dirty), so a run right after
/// 10,000 deletions paid for them: curl fetching 10,000 images took 3.3–4.2 s after deleting the previous run's
/// files and 0.93 s without.
struct EndToEndBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "assetd + assetctl enqueue --wait vs curl, aria2c and wget2 on loopback nginx.",
        discussion: "Quick run: assetbench e2e --concurrency 32 --articles 50 --images 2000 --memory-assets 0"
    )

    @Option(help: "Number of HTML articles.") var articles = 200
    @Option(help: "Number of distinct images (one selected variant each).") var images = 10_000
    @Option(help: "Transfers at once for the daemon (concurrency = per-host) and every peer; repeat for several.")
    var concurrency: [Int] = [8, 32, 128]
    @Option(help: "Peer tools to run (curl, aria2c, wget2); repeat for several.")
    var peer: [EndToEndPeers.Tool] = EndToEndPeers.Tool.allCases
    @Option(help: "The daemon's durability: full (fsync every object) or relaxed.") var durability = "full"
    @Option(help: "Control-API clients during the latency run (0 skips it).") var latencyClients = 8
    @Option(help: "Assets queued for the memory figure (0 skips it).") var memoryAssets = 100_000
    @Option(help: "Articles those assets are spread over.") var memoryArticles = 100

    /// The concurrency of the all-cached run, the CPU reference and the latency run.
    private var referenceConcurrency: Int {
        concurrency.contains(32) ? 32 : concurrency[0]
    }

    func validate() throws {
        guard articles >= 1, images >= 1, !concurrency.isEmpty, concurrency.allSatisfy({ (1...1024).contains($0) })
        else {
            throw ValidationError("--articles and --images must be at least 1, --concurrency from 1 to 1024")
        }
        // Each round's daemon and peers keep their directories until the end, named by concurrency.
        guard Set(concurrency).count == concurrency.count else {
            throw ValidationError("--concurrency values must differ")
        }
        guard latencyClients >= 0, memoryAssets >= 0, memoryArticles >= 1 else {
            throw ValidationError("--latency-clients and --memory-assets must be ≥ 0, --memory-articles ≥ 1")
        }
        guard ["full", "relaxed"].contains(durability) else {
            throw ValidationError("--durability is full or relaxed")
        }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let binaries = try Self.siblingBinaries()
        let scratch = try TemporaryDirectory(prefix: "assetd-e2e-")
        defer { scratch.remove() }
        let root = scratch.appending("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let server = try await NginxServer.start(root: root, workerProcesses: 2)
        var report = EndToEndReport(
            articleCount: articles,
            imageCount: images,
            durability: durability,
            referenceConcurrency: referenceConcurrency
        )
        do {
            show("generating \(images) images and \(articles) articles under \(scratch.path)")
            let corpus = try EndToEndCorpus.write(
                imageCount: images,
                articleCount: articles,
                root: root,
                articles: scratch.appending("articles"),
                baseURL: server.baseURL
            )
            show(corpus.description(baseURL: server.baseURL) + "; assetd durability \(durability)\n")
            let peers = try EndToEndPeers(urls: corpus.selectedURLs, scratch: scratch, only: peer)
            let steps = EndToEndSteps(
                assetd: binaries.assetd,
                assetctl: binaries.assetctl,
                durability: durability,
                corpus: corpus,
                scratch: scratch
            )
            for level in concurrency {
                let (round, cached) = try await steps.round(
                    concurrency: level,
                    peers: peers,
                    withCachedRun: level == referenceConcurrency
                )
                show("concurrency \(level), \(images) images in \(articles) articles, one round each")
                show(EndToEndTable.render(round, assetCount: images))
                report.rounds.append(round)
                if let cached {
                    show(cached.summary(articleCount: articles, assetCount: images))
                    report.cached = cached
                }
            }
            if latencyClients > 0 {
                let latency = try await steps.latency(concurrency: referenceConcurrency, clients: latencyClients)
                show(latency.summary)
                report.latency = latency
            }
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
        if memoryAssets > 0 {
            show("memory: \(memoryAssets) assets in \(memoryArticles) articles against a port that never answers")
            let memory = EndToEndMemory(assetd: binaries.assetd, assetctl: binaries.assetctl, scratch: scratch)
            let result = try await memory.run(assetCount: memoryAssets, articleCount: memoryArticles)
            show(result.summary)
            report.memory = result
        }
        report.totalSeconds = EndToEndTable.seconds(ContinuousClock.now - started)
        show(report.summary)
    }

    /// Prints `text` and flushes it at once, so progress shows also through a pipe (`make bench | tee`).
    private func show(_ text: String) {
        print(text)
        fflush(nil)
    }

    /// The release `assetd` and `assetctl` beside this executable.
    private static func siblingBinaries() throws -> (assetd: String, assetctl: String) {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let directory = (me as NSString).deletingLastPathComponent
        let assetd = directory + "/assetd"
        let assetctl = directory + "/assetctl"
        for path in [assetd, assetctl] where !FileManager.default.isExecutableFile(atPath: path) {
            throw ValidationError(
                "\(path) not found: build it beside assetbench (swift build -c release --product assetd; "
                    + "swift build -c release --product assetctl)"
            )
        }
        return (assetd, assetctl)
    }
}
