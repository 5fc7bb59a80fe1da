import ArgumentParser
import AssetStore
import FoundationEssentials
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A child process for the store's crash tests: commits objects and index rows in a loop until killed.
///
/// Each round commits a small article as an object, enqueues it with one new asset URL, claims due assets (the
/// new one and any that an earlier, killed run left queued), writes each asset's bytes through an ingest writer
/// in chunks and commits them through `Store` with durability `full`. After each commit has returned (object
/// fsynced and linked, directory fsynced, index transaction committed) it writes `committed <url> <digest>` to
/// stdout with a single `write`, so the test knows which rows must survive a SIGKILL.
@main
struct StoreCrash: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storecrash",
        abstract: "Commit objects and index rows in a loop (for crash tests; kill it with SIGKILL)."
    )

    @Option(help: "The state directory (index.sqlite); must exist.")
    var stateDir: String

    @Option(help: "The cache directory (objects/, ingest/).")
    var cacheDir: String

    @Option(help: "Seeds the sizes and bytes; URLs include it so runs never collide.")
    var seed: UInt64 = 1

    @Option(help: "Stop after this many rounds (0: run until killed).")
    var rounds: Int = 0

    @Option(help: "The largest object in bytes.")
    var maxBytes: Int = 96 * 1024

    func run() async throws {
        let logger = Logger(label: "assetd.storecrash", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await Store.open(
            stateDirectory: stateDir,
            cacheDirectory: cacheDir,
            durability: .full,
            logger: logger
        )
        var random = SplitMix(state: seed)
        var earlier: [[UInt8]] = []
        var round = 0
        while rounds == 0 || round < rounds {
            round += 1
            let url = "https://crash.example/\(seed)/\(round).jpg"
            let articleBytes = Array("<img src=\"\(url)\"> seed \(seed) round \(round)".utf8)
            let article = try store.makeWriter()
            try article.write(contentsOf: articleBytes)
            let committedArticle = try article.commit(expectedLength: Int64(articleBytes.count))
            let image = ImageRecord(ordinal: 0, line: 1, sourcesJSON: "[]", selectedJSON: "[]", selectedURLs: [url])
            _ = try await store.enqueueArticle(
                NewArticle(
                    source: "crash-\(seed)-\(round).html",
                    baseURL: nil,
                    digest: committedArticle.digest,
                    byteCount: committedArticle.byteCount,
                    contentType: "text/html",
                    optionsJSON: "{}",
                    images: [image]
                ),
                committed: committedArticle
            )
            for asset in try await store.index.claimDueAssets(limit: 4, perHostLimit: 4, now: Date()) {
                let bytes: [UInt8]
                if !earlier.isEmpty && random.next() % 8 == 0 {
                    bytes = earlier[Int(random.next() % UInt64(earlier.count))]
                } else {
                    bytes = random.bytes(count: Int(random.next() % UInt64(maxBytes)) + 1)
                    if earlier.count < 16 { earlier.append(bytes) }
                }
                let writer = try store.makeWriter()
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + 16_384)
                    try writer.write(contentsOf: Array(bytes[offset..<end]))
                    offset = end
                }
                let record = try await store.commitFetched(
                    writer,
                    expectedLength: Int64(bytes.count),
                    asset: asset.id,
                    contentType: "image/jpeg"
                )
                report("committed \(record.url) \(record.digest?.hex ?? "-")\n")
            }
        }
        try await store.close()
    }

    /// Writes a whole line with one system call, unbuffered, so a kill never leaves a reported line unwritten.
    private func report(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count <= 0 { return }
                offset += count
            }
        }
    }
}

/// SplitMix64: small, seeded, good enough for test data.
struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func bytes(count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            let value = next()
            for shift in stride(from: 0, to: 64, by: 8) where bytes.count < count {
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            }
        }
        return bytes
    }
}
