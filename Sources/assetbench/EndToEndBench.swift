import ArgumentParser
import AssetTestSupport
import Foundation

/// `assetbench e2e`: the release `assetd` and `assetctl enqueue --wait` against curl, aria2c and wget2 fetching
/// the same selected URL list from the same loopback nginx, in the same run (issue 6, first bullet).
///
/// Images (2 KiB–2 MiB, median 32 KiB) and articles referencing them are generated under one temporary directory;
/// the daemon gets its own state, cache and socket there and is stopped, like nginx, also when a step fails.
/// One round per tool: the daemon's cold run cannot be repeated without a fresh daemon.
struct EndToEndBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "assetd + assetctl enqueue --wait vs curl, aria2c and wget2 on loopback nginx."
    )

    @Option(help: "Number of HTML articles.") var articles = 200
    @Option(help: "Number of distinct images (one selected variant each).") var images = 10_000
    @Option(help: "Transfers at once, for the daemon (concurrency and per-host) and every peer.") var concurrency = 32
    @Option(help: "The daemon's durability: full (fsync every object) or relaxed.") var durability = "full"

    func validate() throws {
        guard articles >= 1, images >= 1, concurrency >= 1 else {
            throw ValidationError("--articles, --images and --concurrency must be at least 1")
        }
        guard ["full", "relaxed"].contains(durability) else {
            throw ValidationError("--durability is full or relaxed")
        }
    }

    func run() async throws {
        let binaries = try Self.siblingBinaries()
        let scratch = try TemporaryDirectory(prefix: "assetd-e2e-")
        defer { scratch.remove() }
        let root = scratch.appending("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let server = try await NginxServer.start(root: root, workerProcesses: 2)
        do {
            print("generating \(images) images and \(articles) articles under \(scratch.path)")
            let corpus = try EndToEndCorpus.write(
                imageCount: images,
                articleCount: articles,
                root: root,
                articles: scratch.appending("articles"),
                baseURL: server.baseURL
            )
            let totalBytes = corpus.images.reduce(0) { $0 + $1.byteCount }
            let sizes = corpus.images.map(\.byteCount).sorted()
            print(
                "\(images) files, \(Self.mebibytes(totalBytes)) MiB, median \(sizes[sizes.count / 2] / 1024) KiB, "
                    + "largest \(Self.mebibytes(sizes.last ?? 0)) MiB; nginx on \(server.baseURL), "
                    + "concurrency \(concurrency), assetd durability \(durability)\n"
            )
            try await measure(corpus: corpus, binaries: binaries, scratch: scratch)
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
    }

    // MARK: Steps

    private func measure(
        corpus: EndToEndCorpus,
        binaries: (assetd: String, assetctl: String),
        scratch: TemporaryDirectory
    )
        async throws
    {
        let daemon = try await EndToEndDaemon.start(
            assetd: binaries.assetd,
            assetctl: binaries.assetctl,
            concurrency: concurrency,
            durability: durability,
            scratch: scratch
        )
        do {
            var rows: [(String, Double?)] = []
            let cold = try await daemon.enqueueAndWait(corpus.articlePaths)
            try await daemon.expectCached(corpus.images.count)
            rows.append(("assetd + assetctl enqueue --wait (\(articles) articles)", cold))
            rows += try await runPeers(urls: corpus.selectedURLs, expected: corpus.images.count, scratch: scratch)
            printTable(rows)
            let warm = try await daemon.enqueueAndWait(corpus.articlePaths)
            try await daemon.expectCached(corpus.images.count)
            print(
                "second assetctl enqueue --wait of the same \(articles) articles (all cached): "
                    + String(format: "%.3f s (target < 1 s)", warm)
            )
            await daemon.stop()
        } catch {
            let log = daemon.errorTail()
            await daemon.stop()
            if !log.isEmpty { print("assetd standard error (end):\n\(log)") }
            throw error
        }
    }

    /// Times each peer tool on the URL list; a missing binary gives a row without a time.
    private func runPeers(urls: [String], expected: Int, scratch: TemporaryDirectory) async throws
        -> [(String, Double?)]
    {
        let output = scratch.appending("peer-out")
        let curlConfig = scratch.appending("curl.cfg")
        let list = scratch.appending("urls.list")
        let curlLines = urls.enumerated().flatMap { index, url in
            ["url = \"\(url)\"", "output = \"\(output)/\(index).jpg\""]
        }
        try (curlLines.joined(separator: "\n") + "\n").write(toFile: curlConfig, atomically: false, encoding: .utf8)
        try (urls.joined(separator: "\n") + "\n").write(toFile: list, atomically: false, encoding: .utf8)
        let peers: [(label: String, program: String, arguments: [String])] = [
            (
                "curl --parallel --parallel-max \(concurrency) -K config",
                "curl",
                ["-s", "-f", "--parallel", "--parallel-max", "\(concurrency)", "-K", curlConfig]
            ),
            (
                "aria2c -j \(concurrency) -i list -d dir",
                "aria2c",
                [
                    "-q", "-j", "\(concurrency)", "-i", list, "-d", output, "--file-allocation=none",
                    "--allow-overwrite=true", "--auto-file-renaming=false", "--max-tries=1",
                ]
            ),
            (
                "wget2 --max-threads \(concurrency) -i list -P dir",
                "wget2",
                ["-q", "--max-threads", "\(concurrency)", "-i", list, "-P", output, "--tries=1"]
            ),
        ]
        var rows: [(String, Double?)] = []
        for peer in peers {
            guard (try? ProcessRunner.locate(peer.program)) != nil else {
                print("skipping \(peer.program): not installed")
                rows.append((peer.label + " (not installed)", nil))
                continue
            }
            try? FileManager.default.removeItem(atPath: output)
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let start = ContinuousClock.now
            let result = try await ProcessRunner.run(peer.program, peer.arguments, timeout: .seconds(3600))
            let elapsed = EndToEndTable.seconds(ContinuousClock.now - start)
            guard result.exitCode == 0 else {
                throw ValidationError("\(peer.program) failed with \(result.exitCode): \(result.standardError)")
            }
            let fetched = (try? FileManager.default.contentsOfDirectory(atPath: output).count) ?? 0
            guard fetched == expected else {
                throw ValidationError("\(peer.program) wrote \(fetched) files, expected \(expected)")
            }
            rows.append((peer.label, elapsed))
        }
        try? FileManager.default.removeItem(atPath: output)
        return rows
    }

    private func printTable(_ rows: [(String, Double?)]) {
        print("\(images) images in \(articles) articles, concurrency \(concurrency), one round each")
        print(EndToEndTable.render(rows))
    }

    // MARK: Helpers

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

    private static func mebibytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }
}
