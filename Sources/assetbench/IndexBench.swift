import ArgumentParser
import AssetStore
import AssetTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `assetbench index`: the SQLite index at scale (issue 4): bulk enqueue, database size, status counts, URL
/// lookups and claims, next to the `sqlite3` CLI answering the same queries on the same file in the same run.
struct IndexBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Insert many assets into the index, then time status counts, URL lookups and claims."
    )

    @Option(help: "Assets to insert.")
    var assets = 1_000_000

    @Option(help: "Assets per enqueued article (one transaction each).")
    var batch = 10_000

    @Option(help: "Distinct hosts the URLs spread over.")
    var hosts = 1000

    @Option(help: "Random URL lookups to time.")
    var lookups = 10_000

    @Option(help: "Directory for the database (default: a new one under /tmp, removed at the end).")
    var directory: String?

    @Option(help: "full (synchronous=FULL) or relaxed (NORMAL).")
    var durability = "full"

    @Option(help: "The sqlite3 command line tool to compare with.")
    var sqlite3 = "/usr/bin/sqlite3"

    func validate() throws {
        guard assets > 0, batch > 0, hosts > 0, lookups > 0 else {
            throw ValidationError("--assets, --batch, --hosts and --lookups must be positive")
        }
        guard Durability(rawValue: durability) != nil else {
            throw ValidationError("--durability must be full or relaxed")
        }
    }

    func run() async throws {
        let workDirectory = try directory ?? makeTemporaryDirectory()
        defer {
            if directory == nil { try? FileManager.default.removeItem(atPath: workDirectory) }
        }
        let path = workDirectory + "/index.sqlite"
        let epoch = Date(timeIntervalSince1970: 1_700_000_000)
        let durability = Durability(rawValue: durability) ?? .full
        print(
            "assetbench index: \(assets) assets in batches of \(batch) over \(hosts) hosts, "
                + "durability \(durability.rawValue)"
        )

        var index = try await IndexDatabase.open(path: path, durability: durability)
        let clock = ContinuousClock()
        let insertStart = clock.now
        let insertCPUStart = processCPUTime()
        var inserted = 0
        var articleNumber = 0
        while inserted < assets {
            let count = min(batch, assets - inserted)
            let urls = (inserted..<inserted + count).map(url)
            let article = NewArticle(
                source: "bench-\(articleNumber).html",
                baseURL: nil,
                digest: syntheticDigest(articleNumber),
                byteCount: 4096,
                contentType: "text/html",
                optionsJSON: #"{"policy":"fit"}"#,
                images: [ImageRecord(ordinal: 0, line: 1, sourcesJSON: "[]", selectedJSON: "[]", selectedURLs: urls)]
            )
            _ = try await index.enqueueArticle(article, now: epoch)
            inserted += count
            articleNumber += 1
        }
        let insertTime = clock.now - insertStart
        let insertCPU = processCPUTime() - insertCPUStart
        try await index.close()
        let size = fileSize(path)
        print(
            "insert: \(inserted) assets in \(format(insertTime)) wall, \(format(insertCPU)) CPU "
                + "(\(Int(Double(inserted) / insertTime.seconds)) assets/s wall, "
                + "\(Int(Double(inserted) / insertCPU.seconds)) per CPU second); "
                + "index.sqlite \(size / 1_048_576) MiB (\(size / Int64(inserted)) B/asset) after checkpoint"
        )

        index = try await IndexDatabase.open(path: path, durability: durability)
        let countTimes = try await measure(times: 1000) { _ = try await index.counts() }
        let counts = try await index.counts()
        print("status counts (trigger-kept counters): \(summary(countTimes)); queued = \(counts.count(.queued))")

        var generator = SplitMix64(seed: 42)  // seeded, so every run looks up the same URLs
        let picks = (0..<lookups).map { _ in Int(generator.next() % UInt64(inserted)) }
        var found = 0
        var lookupTimes: [Duration] = []
        lookupTimes.reserveCapacity(lookups)
        for number in picks {
            let start = clock.now
            let asset = try await index.asset(url: url(number))
            lookupTimes.append(clock.now - start)
            if asset != nil { found += 1 }
        }
        print("URL lookup (\(lookups) random, \(found) found): \(summary(lookupTimes))")

        let claims = 200
        let claimCPUStart = processCPUTime()
        let claimTimes = try await measure(times: claims) {
            _ = try await index.claimDueAssets(limit: 64, perHostLimit: 8, now: epoch)
        }
        let claimCPU = (processCPUTime() - claimCPUStart) / claims
        print(
            "claim 64 due assets, round-robin over \(hosts) hosts: \(summary(claimTimes)); "
                + "CPU \(format(claimCPU)) per claim"
        )
        try await index.close()

        try compareWithCLI(path: path, picks: picks, lookupTimes: lookupTimes, countTimes: countTimes)
    }

    // MARK: - The sqlite3 CLI on the same file

    private func compareWithCLI(path: String, picks: [Int], lookupTimes: [Duration], countTimes: [Duration]) throws {
        guard FileManager.default.isExecutableFile(atPath: sqlite3) else {
            print("sqlite3 CLI: not found at \(sqlite3); absolute figures only")
            return
        }
        let baseline = try timeCLI(path: path, script: "SELECT 1;\n")
        let lookupScript = picks.map { "SELECT * FROM assets WHERE url = '\(url($0))';\n" }.joined()
        let lookupCLI = try timeCLI(path: path, script: lookupScript) - baseline
        let ourLookupMean = mean(lookupTimes)
        let cliLookupMean = lookupCLI / picks.count
        print(
            "sqlite3 CLI, same \(picks.count) lookups in one process (start-up subtracted): "
                + "mean \(format(cliLookupMean)); ours mean \(format(ourLookupMean)) = "
                + ratio(ourLookupMean, cliLookupMean)
        )
        let repeats = 10_000
        let counterScript = String(repeating: "SELECT state, count FROM asset_state_counts;\n", count: repeats)
        let counterCLI = (try timeCLI(path: path, script: counterScript) - baseline) / repeats
        let groupScript = "SELECT state, count(*) FROM assets GROUP BY state;\n"
        let groupCLI = try timeCLI(path: path, script: groupScript) - baseline
        let ourCountMean = mean(countTimes)
        print(
            "sqlite3 CLI, status counts: our counters query mean \(format(counterCLI)) "
                + "(ours \(format(ourCountMean)) = \(ratio(ourCountMean, counterCLI))); "
                + "GROUP BY over assets \(format(groupCLI)) (ours is \(ratio(groupCLI, ourCountMean)) faster)"
        )
    }

    /// Wall time of `sqlite3 -batch path < script`, output discarded.
    private func timeCLI(path: String, script: String) throws -> Duration {
        let scriptPath = path + ".bench.sql"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: scriptPath) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = ["-batch", "-readonly", path]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: scriptPath))
        process.standardOutput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = clock.now - start
        guard process.terminationStatus == 0 else {
            throw ValidationError("sqlite3 exited with status \(process.terminationStatus)")
        }
        return elapsed
    }

    // MARK: - Helpers

    private func url(_ number: Int) -> String {
        "https://img\(number % hosts).example/media/\(number)/w768.jpg"
    }

    private func syntheticDigest(_ number: Int) -> ContentDigest {
        let hex = String(number, radix: 16)
        let padded = String(repeating: "a", count: 64 - hex.count) + hex
        guard let digest = ContentDigest(hex: padded) else {
            preconditionFailure("\(padded) is 64 hex digits")
        }
        return digest
    }

    private func measure(times: Int, _ body: () async throws -> Void) async throws -> [Duration] {
        let clock = ContinuousClock()
        var durations: [Duration] = []
        durations.reserveCapacity(times)
        for _ in 0..<times {
            let start = clock.now
            try await body()
            durations.append(clock.now - start)
        }
        return durations
    }

    private func summary(_ durations: [Duration]) -> String {
        let sorted = durations.sorted()
        func percentile(_ p: Double) -> Duration {
            sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        return "p50 \(format(percentile(0.5))), p99 \(format(percentile(0.99))), max \(format(sorted.last ?? .zero))"
    }

    private func mean(_ durations: [Duration]) -> Duration {
        durations.reduce(.zero, +) / max(1, durations.count)
    }

    private func ratio(_ ours: Duration, _ theirs: Duration) -> String {
        guard theirs > .zero else { return "n/a" }
        return String(format: "%.2f×", ours.seconds / theirs.seconds)
    }

    private func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 0.001 { return String(format: "%.2f ms", seconds * 1000) }
        return String(format: "%.1f µs", seconds * 1_000_000)
    }

    private func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// User plus system CPU time of this process (the machine may be shared, so wall time alone misleads).
    private func processCPUTime() -> Duration {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .zero }
        func duration(_ time: timeval) -> Duration {
            .seconds(time.tv_sec) + .microseconds(time.tv_usec)
        }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    private func makeTemporaryDirectory() throws -> String {
        let path = "/tmp/assetd-indexbench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
