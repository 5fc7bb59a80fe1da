import AssetStore
import Foundation
import Synchronization
import Testing

/// A store on a scratch directory with one article whose images select `urls`, all claimed (`fetching`).
struct StoreFixture: Sendable {
    let scratch: ScratchDirectory
    let store: Store
    let assets: [String: AssetID]

    static func make(urls: [String], maxCacheBytes: Int64? = nil) async throws -> StoreFixture {
        let scratch = try ScratchDirectory()
        let store = try await openStore(in: scratch, maxCacheBytes: maxCacheBytes)
        let articleBytes = Array("<img srcset=\"\(urls.joined(separator: " 1x, "))\">".utf8)
        let committed = try commitBytes(articleBytes, to: store.objects)
        let article = NewArticle(
            source: "article.html",
            baseURL: nil,
            digest: committed.digest,
            byteCount: committed.byteCount,
            contentType: "text/html",
            optionsJSON: "{}",
            images: [ImageRecord(ordinal: 0, line: 1, sourcesJSON: "[]", selectedJSON: "[]", selectedURLs: urls)]
        )
        _ = try await store.enqueueArticle(article, committed: committed)
        let claimed = try await store.index.claimDueAssets(limit: urls.count, perHostLimit: urls.count, now: Date())
        return StoreFixture(
            scratch: scratch,
            store: store,
            assets: Dictionary(uniqueKeysWithValues: claimed.map { ($0.url, $0.id) })
        )
    }

    static func openStore(in scratch: ScratchDirectory, maxCacheBytes: Int64? = nil) async throws -> Store {
        try await Store.open(
            stateDirectory: scratch.path,
            cacheDirectory: "\(scratch.path)/cache",
            durability: .full,
            maxCacheBytes: maxCacheBytes,
            logger: quietLogger
        )
    }

    func fetch(_ url: String, _ bytes: [UInt8], at time: Date = Date()) async throws -> AssetRecord {
        let writer = try store.makeWriter()
        try writer.write(contentsOf: bytes)
        let asset = try #require(assets[url])
        return try await store.commitFetched(
            writer,
            expectedLength: Int64(bytes.count),
            asset: asset,
            contentType: "image/jpeg",
            now: time
        )
    }
}

@Suite
struct StoreTests {
    static let urls = (1...4).map { "https://img.example/\($0).jpg" }

    @Test
    func aCommittedFetchMakesTheAssetCachedWithADurableObject() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls)
        let bytes = sampleBytes(count: 32_768, seed: 1)
        let asset = try await fixture.fetch(Self.urls[0], bytes)
        let digest = SHA256Hasher.digest(of: bytes)
        #expect(asset.state == .cached)
        #expect(asset.digest == digest)
        #expect(asset.byteCount == 32_768)
        #expect(try await fixture.store.index.object(digest)?.byteCount == 32_768)
        #expect(readFile(fixture.store.objects.path(for: digest)) == bytes)
        #expect(fixture.store.objects.pinnedDigests.isEmpty)
        try await fixture.store.close()
    }

    @Test
    func aFailedIndexUpdateReleasesThePinAndLeavesAnOrphanForGC() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls)
        let writer = try fixture.store.makeWriter()
        try writer.write(contentsOf: [1, 2, 3])
        let error = await #expect(throws: StoreError.self) {
            try await fixture.store.commitFetched(
                writer,
                expectedLength: 3,
                asset: AssetID(rawValue: 999),
                contentType: nil
            )
        }
        #expect(error?.code == .notFound)
        #expect(fixture.store.objects.pinnedDigests.isEmpty)
        let report = try await fixture.store.collectGarbage()
        #expect(report.adopted == [SHA256Hasher.digest(of: [1, 2, 3])])
        try await fixture.store.close()
    }

    @Test
    func openingAnObjectVerifiesItAndRecordsTheAccess() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls)
        let bytes = sampleBytes(count: 5000, seed: 2)
        let asset = try await fixture.fetch(Self.urls[0], bytes, at: Date(timeIntervalSince1970: 1_000_000))
        let digest = try #require(asset.digest)
        let later = Date(timeIntervalSince1970: 2_000_000)
        let reader = try await fixture.store.openObject(digest, now: later)
        #expect(try reader.readAll() == bytes)
        reader.close()
        #expect(try await fixture.store.index.object(digest)?.lastAccessAt == later)
        try await fixture.store.close()
    }

    @Test
    func evictionRemovesLeastRecentlyUsedObjectsButNotArticlesOrOpenObjects() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls, maxCacheBytes: 25_000)
        var digests: [ContentDigest] = []
        for (number, url) in Self.urls.enumerated() {
            let time = Date(timeIntervalSince1970: Double(1_000_000 + number))
            let asset = try await fixture.fetch(url, sampleBytes(count: 10_000, seed: UInt64(10 + number)), at: time)
            digests.append(try #require(asset.digest))
        }
        let oldestReader = try fixture.store.objects.openVerifying(digests[0])
        let report = try await fixture.store.evictIfNeeded()
        #expect(report.evicted == [digests[1], digests[2]])
        #expect(report.bytesFreed == 20_000)
        #expect(report.evictedAssets.count == 2)
        #expect(try fixture.store.objects.contains(digests[0]))
        #expect(try !fixture.store.objects.contains(digests[1]))
        #expect(try !fixture.store.objects.contains(digests[2]))
        #expect(try fixture.store.objects.contains(digests[3]))
        #expect(try await fixture.store.index.asset(url: Self.urls[1])?.state == .evicted)
        #expect(try await fixture.store.index.asset(url: Self.urls[0])?.state == .cached)
        oldestReader.close()
        let counts = try await fixture.store.index.counts()
        #expect(counts.objectBytes <= 25_000)
        try await fixture.store.close()
    }

    @Test
    func evictionRacingCommitsOfTheSameBytesNeverLeavesACachedRowWithoutItsFile() async throws {
        let pairs = 24
        let urls = (0..<(2 * pairs)).map { "https://race.example/\($0).jpg" }
        let fixture = try await StoreFixture.make(urls: urls, maxCacheBytes: 1)
        let contents = (0..<pairs).map { sampleBytes(count: 4096, seed: UInt64(100 + $0)) }
        for pair in 0..<pairs {
            _ = try await fixture.fetch(urls[2 * pair], contents[pair], at: Date(timeIntervalSince1970: 1000))
        }
        async let evictions = fixture.store.evictIfNeeded()
        async let commits: Void = {
            for pair in 0..<pairs {
                _ = try await fixture.fetch(urls[2 * pair + 1], contents[pair])
            }
        }()
        let report = try await evictions
        try await commits
        #expect(!report.evicted.isEmpty)
        var cursor: AssetID?
        var cached = 0
        repeat {
            let page = try await fixture.store.index.assets(in: .cached, after: cursor, limit: 100)
            for asset in page.assets {
                let digest = try #require(asset.digest)
                #expect(try fixture.store.objects.contains(digest), "\(asset.url) is cached but its file is gone")
                cached += 1
            }
            cursor = page.nextCursor
        } while cursor != nil
        #expect(cached >= pairs - report.evictedAssets.count)
        let garbage = try await fixture.store.collectGarbage()
        #expect(garbage.forgotten.isEmpty)
        try await fixture.store.close()
    }

    @Test
    func noLimitMeansNoEviction() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls)
        _ = try await fixture.fetch(Self.urls[0], sampleBytes(count: 100_000, seed: 3))
        let report = try await fixture.store.evictIfNeeded()
        #expect(report.evicted.isEmpty && report.skipped.isEmpty && report.bytesFreed == 0)
        try await fixture.store.close()
    }

    @Test
    func garbageCollectionReconcilesFilesWithTheIndex() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls)
        let store = fixture.store
        let kept = try await fixture.fetch(Self.urls[0], sampleBytes(count: 3000, seed: 4))
        let lost = try await fixture.fetch(Self.urls[1], sampleBytes(count: 3000, seed: 5))
        let orphan = try commitBytes(sampleBytes(count: 2000, seed: 6), to: store.objects)
        orphan.pin.release()
        let corrupt = try commitBytes(sampleBytes(count: 2000, seed: 7), to: store.objects)
        corrupt.pin.release()
        overwriteFile(corrupt.path, with: [0, 0, 0])
        let inFlight = try commitBytes(sampleBytes(count: 2000, seed: 8), to: store.objects)
        let lostDigest = try #require(lost.digest)
        removeTree(store.objects.path(for: lostDigest))
        writeFile(store.objects.layout.ingestPath(named: "stale.part"), [1], mode: 0o600)
        writeFile("\(store.objects.layout.objectsDirectory)/7f/junk", [1])

        let report = try await store.collectGarbage()
        #expect(report.sweptIngestFiles == 1)
        #expect(report.quarantinedStrays == 1)
        #expect(report.adopted == [orphan.digest])
        #expect(report.quarantinedOrphans == [corrupt.digest])
        #expect(report.forgotten == [lostDigest])
        #expect(report.requeuedAssets == [lost.id])
        #expect(try await store.index.asset(url: Self.urls[1])?.state == .queued)
        #expect(try await store.index.asset(url: Self.urls[0])?.state == .cached)
        #expect(try await store.index.object(orphan.digest) != nil)
        #expect(try await store.index.object(inFlight.digest) == nil)
        #expect(try store.objects.contains(inFlight.digest))
        #expect(try store.objects.contains(try #require(kept.digest)))

        let again = try await store.collectGarbage()
        #expect(again.adopted.isEmpty && again.forgotten.isEmpty && again.quarantinedOrphans.isEmpty)
        inFlight.pin.release()
        try await store.close()
    }

    @Test
    func verifyQuarantinesDamagedObjectsAndQueuesTheirAssetsAgain() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls)
        let good = try await fixture.fetch(Self.urls[0], sampleBytes(count: 8000, seed: 9))
        let bad = try await fixture.fetch(Self.urls[1], sampleBytes(count: 8000, seed: 10))
        let badDigest = try #require(bad.digest)
        overwriteFile(fixture.store.objects.path(for: badDigest), with: sampleBytes(count: 8000, seed: 11))
        let updates = Counter()
        let report = try await fixture.store.verify(progress: { _ in updates.increment() })
        #expect(report.quarantined == [badDigest])
        #expect(report.requeuedAssets == [bad.id])
        #expect(report.scan.objectsChecked == 3)
        #expect(updates.value == 3)
        #expect(try await fixture.store.index.asset(url: Self.urls[1])?.state == .queued)
        #expect(try await fixture.store.index.asset(url: Self.urls[0])?.state == .cached)
        #expect(try await fixture.store.index.object(badDigest) == nil)
        #expect(try fixture.store.objects.contains(try #require(good.digest)))
        try await fixture.store.close()
    }

    @Test
    func reopeningRequeuesInterruptedFetchesAndMissingObjects() async throws {
        let fixture = try await StoreFixture.make(urls: Self.urls)
        let cached = try await fixture.fetch(Self.urls[0], sampleBytes(count: 1000, seed: 12))
        let missing = try await fixture.fetch(Self.urls[1], sampleBytes(count: 1000, seed: 13))
        try await fixture.store.close()
        removeTree(fixture.store.objects.path(for: try #require(missing.digest)))
        writeFile(fixture.store.objects.layout.ingestPath(named: "x.part"), [1], mode: 0o600)

        let reopened = try await StoreFixture.openStore(in: fixture.scratch)
        #expect(reopened.recovery.interrupted == 2)
        #expect(reopened.recovery.lostAssets == 1)
        #expect(try await reopened.index.asset(url: Self.urls[0])?.state == .cached)
        #expect(try await reopened.index.asset(url: Self.urls[0])?.digest == cached.digest)
        #expect(try await reopened.index.asset(url: Self.urls[1])?.state == .queued)
        #expect(try await reopened.index.asset(url: Self.urls[2])?.state == .queued)
        #expect(directoryNames(reopened.objects.layout.ingestDirectory).isEmpty)
        try await reopened.close()
    }

    @Test
    func anArticleMustNameItsCommittedBytes() async throws {
        let scratch = try ScratchDirectory()
        let store = try await StoreFixture.openStore(in: scratch)
        let committed = try commitBytes([1, 2, 3], to: store.objects)
        let article = NewArticle(
            source: "a.html",
            baseURL: nil,
            digest: SHA256Hasher.digest(of: [9]),
            byteCount: 3,
            contentType: nil,
            optionsJSON: "{}",
            images: []
        )
        let error = await #expect(throws: StoreError.self) {
            try await store.enqueueArticle(article, committed: committed)
        }
        #expect(error?.code == .lengthMismatch)
        #expect(store.objects.pinnedDigests.isEmpty)
        try await store.close()
    }
}

/// A thread-safe counter for callbacks.
final class Counter: Sendable {
    private let count = Mutex(0)

    func increment() {
        count.withLock { $0 += 1 }
    }

    var value: Int {
        count.withLock { $0 }
    }
}
