import AssetAPI
import AssetTestSupport
import Foundation
import Synchronization
import Testing

/// A large run of several articles during which the daemon is killed with SIGKILL again and again, and what was
/// observed around each kill.
///
/// A kill of a running daemon happens once the cached count reaches a threshold drawn at random from the first
/// three quarters of the run (sorted, so the kills spread over the run; a threshold already passed kills the daemon
/// right after its restart, during recovery), plus a random 0–300 ms. About one kill in four hits the daemon during
/// its start instead. Articles are enqueued while the daemon runs, so kills also land in the middle of an enqueue; an
/// enqueue that got no answer is sent again after the restart.
final class TortureCrashRun: @unchecked Sendable {
    // Safety: driven by the one test task that owns it; the enqueue child task touches only `setup` (immutable) and
    // `acknowledged` (a Mutex).

    /// One kill.
    struct Kill: Sendable {
        /// For a kill during the daemon's start: how long after the exec; nil for a kill of a running daemon.
        var duringStart: Duration?
        /// Cached assets by status just before the SIGKILL (for a kill during start: the last count known).
        var cachedBefore: Int
        /// The cached URLs listed shortly before the kill, and when that listing had ended.
        var snapshot: Set<String>
        var snapshotEnd: ContinuousClock.Instant
    }

    /// One start of the daemon (the first, then one after each kill).
    struct Start: Sendable {
        var began: ContinuousClock.Instant
        /// Until `status` answered.
        var duration: Duration
        /// Cached assets by status right after it answered.
        var cached: Int
    }

    let origin: TestOrigin
    let setup: DaemonSetup
    /// Article i's image URLs.
    let articles: [[String]]
    /// Size and seed per URL.
    let contents: [String: (byteCount: Int, seed: UInt64)]
    private(set) var kills: [Kill] = []
    private(set) var starts: [Start] = []
    /// When each daemon process was started, also those killed during their start.
    private(set) var execs: [ContinuousClock.Instant] = []
    private(set) var statusFindings: [TortureFaultStatusProbe.Findings] = []
    /// Article index → the id the daemon answered with.
    let acknowledged = Mutex<[Int: Int64]>([:])
    private var random: SplitMix64

    init(
        origin: TestOrigin,
        setup: DaemonSetup,
        assetCount: Int,
        articleCount: Int,
        delayMilliseconds: Int,
        seed: UInt64
    ) {
        self.origin = origin
        self.setup = setup
        random = SplitMix64(seed: seed)
        var articles: [[String]] = Array(repeating: [], count: articleCount)
        var contents: [String: (byteCount: Int, seed: UInt64)] = [:]
        for index in 0..<assetCount {
            let byteCount = Int.random(in: 1_000...12_000, using: &random)
            let imageSeed = seed &+ UInt64(index)
            let url = origin.objectURL(size: byteCount, seed: imageSeed, "delay-ms=\(delayMilliseconds)")
            articles[index % articleCount].append(url)
            contents[url] = (byteCount, imageSeed)
        }
        self.articles = articles
        self.contents = contents
    }

    var assetCount: Int { contents.count }

    /// The HTML of article `index`.
    func html(_ index: Int) -> [UInt8] {
        let tags = articles[index].map { "<img src=\"\($0.replacingOccurrences(of: "&", with: "&amp;"))\" alt=\"\">" }
        return Array(("<!doctype html><html><body>\n" + tags.joined(separator: "\n") + "\n</body></html>\n").utf8)
    }

    /// Runs `killCount` lifetimes that each end in SIGKILL, then a last one; returns that last daemon, running,
    /// once every asset is cached. About one kill in four hits the daemon during its start (0–250 ms after the
    /// exec, before it may answer); the others hit it running, at sorted random thresholds of the cached count.
    func run(killCount: Int, finalTimeout: Duration) async throws -> DaemonProcess {
        let paths = try articles.indices.map { try setup.scratch.write("article-\($0).html", bytes: html($0)) }
        let startKills = (0..<killCount).filter { _ in Int.random(in: 0..<4, using: &random) == 0 }.count
        let thresholds = (startKills..<killCount).map { _ in
            Int.random(in: 0...(assetCount * 3 / 4), using: &random)
        }
        var moments: [Int?] = thresholds.sorted().map(Optional.some)
        for _ in 0..<startKills {
            moments.insert(nil, at: Int.random(in: 0...moments.count, using: &random))
        }
        for moment in moments {
            guard let threshold = moment else {
                try await killDuringStart()
                continue
            }
            let daemon = try await startDaemon()
            let probe = TortureFaultStatusProbe(socket: setup.socket)
            probe.start(interval: .milliseconds(150))
            async let enqueuing: Void = enqueuePending(paths)
            var cachedCount = 0
            try await DaemonSetup.waitUntil("\(threshold) assets are cached", timeout: .seconds(600)) {
                cachedCount = (try? self.status().assets.cached) ?? cachedCount
                return cachedCount >= threshold
            }
            let snapshot = try await cachedURLs()
            let snapshotEnd = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(Int.random(in: 0..<300, using: &random)))
            let cachedBefore = (try? status().assets.cached) ?? snapshot.count
            statusFindings.append(await probe.stop())
            await daemon.stop(signal: SIGKILL)
            await enqueuing
            kills.append(
                Kill(duringStart: nil, cachedBefore: cachedBefore, snapshot: snapshot, snapshotEnd: snapshotEnd)
            )
        }
        let daemon = try await startDaemon()
        let probe = TortureFaultStatusProbe(socket: setup.socket)
        probe.start(interval: .milliseconds(150))
        await enqueuePending(paths)
        #expect(acknowledged.withLock { $0.count } == articles.count, "an enqueue failed with the daemon running")
        try await DaemonSetup.waitUntil("all \(assetCount) assets are cached", timeout: finalTimeout) {
            (try? self.status().assets.cached) ?? 0 >= self.assetCount
        }
        statusFindings.append(await probe.stop())
        return daemon
    }

    /// Starts assetd and kills it 0–250 ms after the exec, whatever it is doing by then.
    private func killDuringStart() async throws {
        let delay = Duration.milliseconds(Int.random(in: 0..<250, using: &random))
        let output = try setup.scratch.write("start-kill-\(kills.count)/.keep", bytes: [])
        execs.append(.now)
        let child = try ChildProcess.start(
            try Binaries.path("assetd"),
            ["--config", setup.configPath],
            environment: ["HOME": setup.scratch.path],
            // ASSETD_TORTURE and the like would read as configuration keys.
            removingEnvironment: Set(ProcessInfo.processInfo.environment.keys.filter { $0.hasPrefix("ASSETD_") }),
            outputDirectory: String(output.dropLast("/.keep".count))
        )
        try await Task.sleep(for: delay)
        child.signal(SIGKILL)
        _ = try await child.waitForExit(timeout: .seconds(30))
        let known = kills.last?.cachedBefore ?? 0
        kills.append(Kill(duringStart: delay, cachedBefore: known, snapshot: [], snapshotEnd: .now))
    }

    /// Starts the daemon and checks that no asset cached before the last kill was lost.
    private func startDaemon() async throws -> DaemonProcess {
        let began = ContinuousClock.now
        execs.append(began)
        let daemon = try await DaemonProcess.start(setup)
        let duration = began.duration(to: .now)
        let cached = try status().assets.cached
        starts.append(Start(began: began, duration: duration, cached: cached))
        if let last = kills.lastIndex(where: { $0.duringStart == nil }) {
            #expect(
                cached >= kills[last].snapshot.count,
                "\(kills[last].snapshot.count) assets were listed cached before kill \(last + 1), \(cached) after a restart"
            )
        }
        return daemon
    }

    private func status() throws -> StatusDocument {
        try TortureFaultStatusProbe.status(socket: setup.socket, limit: .seconds(10)).get()
    }

    private func cachedURLs() async throws -> Set<String> {
        let list = try await Binaries.json(AssetListDocument.self, ["ls", "--state", "cached"], socket: setup.socket)
        return Set(list.assets.map(\.url))
    }

    /// Enqueues, one after another, the articles the daemon has not acknowledged yet; stops at the first failure
    /// (the daemon was killed).
    private func enqueuePending(_ paths: [String]) async {
        for (index, path) in paths.enumerated() where acknowledged.withLock({ $0[index] == nil }) {
            guard let run = try? await Binaries.assetctl(["enqueue", path], socket: setup.socket),
                run.exitCode == 0, let id = Int64(run.outputText.trimmingCharacters(in: .whitespacesAndNewlines))
            else { return }
            acknowledged.withLock { $0[index] = id }
        }
    }

    // MARK: Findings from the origin's request log

    /// Requests for an URL listed as cached before a kill that arrived after that listing: fetches of objects
    /// already cached (or lost and fetched again).
    func duplicateFetches() -> [String] {
        let requests = origin.requests
        var found: [String] = []
        for (index, kill) in kills.enumerated() where !kill.snapshot.isEmpty {
            for request in requests where request.arrival > kill.snapshotEnd {
                let url = origin.url(request.target)
                if kill.snapshot.contains(url) {
                    found.append("\(url) requested after it was listed cached before kill \(index + 1)")
                }
            }
        }
        return found
    }

    /// URLs asked for twice within one daemon lifetime (no restart between the two requests): with no faults at
    /// the origin, only a kill may make the daemon ask again.
    func refetchesWithoutRestart() -> [String] {
        var last: [String: ContinuousClock.Instant] = [:]
        var found: [String] = []
        for request in origin.requests {
            if let previous = last[request.target],
                !execs.contains(where: { $0 > previous && $0 < request.arrival })
            {
                found.append("\(origin.url(request.target)) requested twice in one lifetime of the daemon")
            }
            last[request.target] = request.arrival
        }
        return found
    }
}
