import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// The real daemon with its cache on a small tmpfs and an origin serving more bytes than fit.
@Suite(
    "torture: full disk",
    .timeLimit(TortureScale.suiteTimeLimit),
    .enabled(
        if: TortureDiskVolume.isMountPermitted,
        "needs root and permission to mount a tmpfs; not available here, so a full cache disk is not exercised"
    )
)
struct TortureDiskTests {
    /// An article of `count` images of `byteCount` bytes each (seeds from `firstSeed`), one `<img>` per image.
    static func article(origin: TestOrigin, count: Int, byteCount: Int, firstSeed: UInt64) -> (String, [String: String])
    {
        var digests: [String: String] = [:]
        var html = "<!doctype html><html><body>\n"
        for index in 0..<count {
            let seed = firstSeed + UInt64(index)
            let url = origin.objectURL(size: byteCount, seed: seed)
            digests[url] = TestContent.sha256Hex(count: byteCount, seed: seed)
            html += "<p><img src=\"\(url.replacingOccurrences(of: "&", with: "&amp;"))\"></p>\n"
        }
        return (html + "</body></html>\n", digests)
    }

    /// Waits until nothing is queued or fetching; samples the volume's use meanwhile; returns the peak.
    static func settle(socket: String, volume: TortureDiskVolume, daemon: DaemonProcess) async throws -> Int {
        var peak = volume.usedBytes
        try await DaemonSetup.waitUntil("every asset is settled", timeout: .seconds(300)) {
            guard daemon.isRunning else {
                Issue.record("assetd died:\n\(daemon.log.suffix(4000))")
                throw CancellationError()
            }
            peak = max(peak, volume.usedBytes)
            let status = try await Binaries.json(StatusDocument.self, ["status"], socket: socket)
            return status.assets.queued + status.assets.fetching == 0
        }
        return peak
    }

    /// Checks every cached asset's file against the digest the origin's bytes have, and the cache as a whole.
    static func checkCache(
        _ assets: [AssetRecord],
        digests: [String: String],
        cacheDirectory: String,
        socket: String
    ) async throws {
        for asset in assets where asset.state == .cached {
            #expect(asset.sha256 == digests[asset.url], "\(asset.url)")
            let path = try #require(asset.path, "\(asset.url) cached without a path")
            #expect(TortureDiskVolume.sha256(ofFile: path) == asset.sha256, "bytes of \(path)")
        }
        #expect(TortureDiskVolume.ingestLeftovers(cacheDirectory: cacheDirectory).isEmpty)
        let objects = TortureDiskVolume.damagedObjects(cacheDirectory: cacheDirectory)
        #expect(objects.damaged.isEmpty, "\(objects.damaged)")
        let verify = try await Binaries.json(VerifyResult.self, ["verify"], socket: socket)
        #expect(verify.isClean && verify.requeued == 0, "\(verify)")
        #expect(verify.checked == objects.count)
    }

    @Test("a full cache disk: transfers fail with no space, the daemon answers; freeing room and retry finish the rest")
    func fullDiskThenRetry() async throws {
        let scale = TortureScale.current
        let started = ContinuousClock.now
        let volume = try TortureDiskVolume(byteCount: scale.pick(short: 8 << 20, full: 16 << 20))
        let ballast = volume.byteCount / 2
        try volume.writeBallast("ballast", byteCount: ballast)
        let imageCount = scale.pick(short: 30, full: 120)
        let imageBytes = scale.pick(short: 200_000, full: 100_000)
        let origin = try await TestOrigin.start()
        let cacheDirectory = volume.path + "/cache"
        let setup = try DaemonSetup(extra: [
            "cache-dir": DaemonSetup.quoted(cacheDirectory), "retries": "0", "concurrency": "4",
        ])
        defer { setup.scratch.remove() }
        var daemon: DaemonProcess?
        do {
            let (html, digests) = Self.article(origin: origin, count: imageCount, byteCount: imageBytes, firstSeed: 1)
            let articlePath = try setup.scratch.write("full.html", bytes: Array(html.utf8))
            let running = try await DaemonProcess.start(setup)
            daemon = running
            let socket = setup.socket
            let enqueue = try await Binaries.assetctl(["enqueue", articlePath], socket: socket)
            try #require(enqueue.exitCode == 0, "\(enqueue.standardError)")
            let firstPeak = try await Self.settle(socket: socket, volume: volume, daemon: running)

            // The disk filled up: some images cached, the others failed for lack of space, the daemon still answers.
            let first = try await Binaries.json(AssetListDocument.self, ["ls"], socket: socket).assets
            let failed = first.filter { $0.state == .failed }
            let cachedFirst = Set(first.filter { $0.state == .cached }.map(\.url))
            #expect(first.count == imageCount)
            #expect(!failed.isEmpty && !cachedFirst.isEmpty, "\(failed.count) failed, \(cachedFirst.count) cached")
            #expect(failed.count + cachedFirst.count == imageCount)
            var failuresByCode: [String: Int] = [:]
            for asset in failed {
                failuresByCode[asset.error?.code ?? "(none)", default: 0] += 1
                #expect(
                    asset.error?.message.contains("No space left on device") == true,
                    "\(String(describing: asset.error))"
                )
            }
            print("torture disk (full): first pass failures by code: \(failuresByCode.sorted { $0.key < $1.key })")
            // The documented code of a full disk is store.noSpace (retryable; FailureClassification).
            #expect(failuresByCode.keys.sorted() == ["store.noSpace"])

            #expect(running.isRunning)
            let status = try await Binaries.assetctl(["status"], socket: socket)
            #expect(status.exitCode == 0, "\(status.standardError)")
            // An article that does not fit is refused with the reason; nothing of it stays behind.
            let (bigHTML, _) = Self.article(origin: origin, count: 4000, byteCount: 10, firstSeed: 90_000)
            let bigPath = try setup.scratch.write("big.html", bytes: Array(bigHTML.utf8))
            let refused = try await Binaries.assetctl(["enqueue", bigPath], socket: socket)
            #expect(refused.exitCode == 1, "\(refused.outputText) \(refused.standardError)")
            #expect(refused.standardError.contains("No space left on device"), "\(refused.standardError)")
            let afterRefusal = try await Binaries.json(StatusDocument.self, ["status"], socket: socket)
            #expect(afterRefusal.articles == 1 && afterRefusal.assets.total == imageCount)
            try await Self.checkCache(first, digests: digests, cacheDirectory: cacheDirectory, socket: socket)

            // Free room (the operator deletes other files on the disk), collect garbage, retry the failed ones.
            try FileManager.default.removeItem(atPath: volume.path + "/ballast")
            let gc = try await Binaries.json(GarbageCollectionResult.self, ["gc"], socket: socket)
            #expect(gc.removedIngestFiles == 0, "\(gc)")
            let retry = try await Binaries.json(RetryResult.self, ["retry", "--failed"], socket: socket)
            #expect(retry.requeued == failed.count)
            let secondPeak = try await Self.settle(socket: socket, volume: volume, daemon: running)
            let second = try await Binaries.json(AssetListDocument.self, ["ls"], socket: socket).assets
            #expect(second.count == imageCount)
            #expect(second.allSatisfy { $0.state == .cached }, "\(second.filter { $0.state != .cached }.prefix(3))")
            try await Self.checkCache(second, digests: digests, cacheDirectory: cacheDirectory, socket: socket)
            for url in digests.keys {
                #expect(origin.attempts(for: url) == (cachedFirst.contains(url) ? 1 : 2), "\(url)")
            }
            #expect(await running.stop() == 0, "\(running.log.suffix(4000))")
            try await TortureDiskVolume.checkIndex(stateDirectory: setup.scratch.appending("state"))
            print(
                """
                torture disk (full): volume \(volume.byteCount) bytes with \(ballast) of ballast; \
                \(imageCount) images of \(imageBytes) bytes; \(cachedFirst.count) cached, \(failed.count) failed \
                (peak use \(firstPeak) bytes); after freeing room, gc \(gc.removedObjects) objects \
                \(gc.removedIngestFiles) ingest files, retry \(retry.requeued): all cached (peak use \(secondPeak) bytes); \
                origin requests \(origin.requestCount); time \(ContinuousClock.now - started)
                """
            )
        } catch {
            await daemon?.stop(signal: SIGKILL)
            try? await origin.shutdown()
            throw error
        }
        try await origin.shutdown()
    }

    @Test("max-cache-bytes below the disk size: eviction keeps the cache fitting and every image is fetched once")
    func evictionKeepsTheCacheFitting() async throws {
        let scale = TortureScale.current
        let started = ContinuousClock.now
        let volume = try TortureDiskVolume(byteCount: 8 << 20)
        let limit = 3 << 20
        let imageCount = scale.pick(short: 60, full: 300)
        let imageBytes = scale.pick(short: 200_000, full: 100_000)
        let origin = try await TestOrigin.start()
        let cacheDirectory = volume.path + "/cache"
        let setup = try DaemonSetup(extra: [
            "cache-dir": DaemonSetup.quoted(cacheDirectory), "retries": "0", "concurrency": "4",
            "max-cache-bytes": "\(limit)", "max-object-bytes": "\(1 << 20)",
        ])
        defer { setup.scratch.remove() }
        var daemon: DaemonProcess?
        do {
            let (html, digests) = Self.article(
                origin: origin,
                count: imageCount,
                byteCount: imageBytes,
                firstSeed: 1000
            )
            let articlePath = try setup.scratch.write("evict.html", bytes: Array(html.utf8))
            let running = try await DaemonProcess.start(setup)
            daemon = running
            let socket = setup.socket
            let enqueue = try await Binaries.assetctl(["enqueue", articlePath], socket: socket)
            try #require(enqueue.exitCode == 0, "\(enqueue.standardError)")
            let peak = try await Self.settle(socket: socket, volume: volume, daemon: running)
            var status = try await Binaries.json(StatusDocument.self, ["status"], socket: socket)
            try await DaemonSetup.waitUntil("the cache is back under its limit") {
                status = try await Binaries.json(StatusDocument.self, ["status"], socket: socket)
                return status.bytes <= Int64(limit)
            }
            let assets = try await Binaries.json(AssetListDocument.self, ["ls"], socket: socket).assets
            let cached = assets.filter { $0.state == .cached }
            let evicted = assets.filter { $0.state == .evicted }
            let failed = assets.filter { $0.state == .failed }
            #expect(assets.count == imageCount)
            #expect(failed.isEmpty, "\(failed.prefix(3).map { "\($0.url): \(String(describing: $0.error))" })")
            #expect(cached.count + evicted.count == imageCount)
            #expect(!evicted.isEmpty && !cached.isEmpty)
            #expect(status.cacheLimitBytes == Int64(limit))
            #expect(peak < volume.byteCount)
            for url in digests.keys {
                #expect(origin.attempts(for: url) == 1, "\(url) fetched \(origin.attempts(for: url)) times")
            }
            for asset in evicted {
                #expect(asset.path == nil)
            }
            try await Self.checkCache(assets, digests: digests, cacheDirectory: cacheDirectory, socket: socket)
            #expect(await running.stop() == 0, "\(running.log.suffix(4000))")
            try await TortureDiskVolume.checkIndex(stateDirectory: setup.scratch.appending("state"))
            print(
                """
                torture disk (evict): volume \(volume.byteCount) bytes, max-cache-bytes \(limit); \(imageCount) images \
                of \(imageBytes) bytes (\(imageCount * imageBytes) bytes); \(cached.count) cached, \(evicted.count) \
                evicted, \(failed.count) failed; cache \(status.bytes) bytes in \(status.objects) objects; peak volume \
                use \(peak) bytes; origin requests \(origin.requestCount); time \(ContinuousClock.now - started)
                """
            )
        } catch {
            await daemon?.stop(signal: SIGKILL)
            try? await origin.shutdown()
            throw error
        }
        try await origin.shutdown()
    }
}
