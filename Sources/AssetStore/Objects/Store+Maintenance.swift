package import FoundationEssentials
import Logging

extension Store {
    /// Evicts least-recently-used objects until the cache is under `maxCacheBytes`.
    ///
    /// Articles' objects count toward the total but are never evicted, nor are pinned objects (being read or
    /// committed). Each victim leaves the index first (its assets become `evicted`), then its file is removed.
    /// Call it after commits or on a timer; it does nothing when no limit is set or the total is within it.
    /// - Parameter now: The time to record.
    /// - Returns: What was evicted and skipped.
    /// - Throws: `StoreError` from the index or from `unlink`.
    package func evictIfNeeded(now: Date = Date()) async throws(StoreError) -> EvictionReport {
        var report = EvictionReport()
        guard let limit = maxCacheBytes else {
            return report
        }
        let counts = try await index.counts()
        guard counts.objectBytes > limit else {
            return report
        }
        var candidates: [EvictionCandidate] = []
        var cursor: ObjectRecord?
        while true {
            let page = try await index.evictionCandidates(after: cursor, limit: 1000)
            guard let last = page.last else { break }
            candidates += page.map { record in
                EvictionCandidate(
                    digest: record.digest,
                    byteCount: record.byteCount,
                    lastAccess: Int64(record.lastAccessAt.timeIntervalSince1970 * 1000)
                )
            }
            cursor = last
        }
        let evictableBytes = candidates.reduce(Int64(0)) { $0 + $1.byteCount }
        let plan = EvictionPlan.make(
            candidates: candidates,
            otherBytes: max(0, counts.objectBytes - evictableBytes),
            limit: limit,
            pinned: objects.pinnedDigests
        )
        let sizes = Dictionary(candidates.map { ($0.digest, $0.byteCount) }, uniquingKeysWith: { first, _ in first })
        for victim in plan.victims {
            var assets: [AssetID] = []
            let index = self.index
            let removed: Bool
            do {
                removed = try await objects.removeUnlessPinned(victim) { () throws(StoreError) in
                    assets = try await index.evictObject(victim, now: now)
                }
            } catch  where error.code == .notFound || error.code == .illegalTransition {
                // Gone from the index meanwhile, or it became an article's bytes since the candidates were read.
                removed = false
            }
            if removed {
                report.evicted.append(victim)
                report.evictedAssets += assets
                report.bytesFreed += sizes[victim] ?? 0
            } else {
                report.skipped.append(victim)
            }
        }
        if !report.evicted.isEmpty {
            logger.info(
                "evicted objects",
                metadata: ["store.evicted": "\(report.evicted.count)", "store.bytes_freed": "\(report.bytesFreed)"]
            )
        }
        return report
    }

    /// Reconciles the files with the index.
    ///
    /// Sweeps stale ingest files (not those of live writers), moves strays out of the shard directories, adopts
    /// orphan objects that re-hash to their name (an index row without assets, so eviction can reclaim them),
    /// quarantines those that do not, and forgets index rows whose file is missing (their assets go back to
    /// `queued`). Objects pinned by a commit in progress are left alone.
    /// - Parameter now: The time to record.
    /// - Returns: What changed.
    /// - Throws: `StoreError` from the file system or the index.
    package func collectGarbage(now: Date = Date()) async throws(StoreError) -> GarbageCollectionReport {
        var report = GarbageCollectionReport()
        let objects = self.objects
        let (swept, listing) = try await BlockingIO.run { () throws(StoreError) -> (Int, ObjectListing) in
            let swept = try objects.sweepIngest()
            let listing = try objects.listObjects()
            for stray in listing.strays {
                try objects.quarantineStray(at: stray)
            }
            return (swept.count, listing)
        }
        report.sweptIngestFiles = swept
        report.quarantinedStrays = listing.strays.count
        // Pins before the index read: a commit that published its file after the listing is either still pinned
        // here or has written its row by the time the index is read.
        let pinned = objects.pinnedDigests
        let indexed = try await index.objectDigests()
        let plan = GarbageCollectionPlan.make(
            onDisk: Set(listing.objects.map(\.digest)),
            indexed: indexed,
            pinned: pinned
        )
        for orphan in plan.orphans {
            let path = objects.path(for: orphan)
            let hashed = try? await BlockingIO.run { () throws(StoreError) in try ObjectStore.hashFile(at: path) }
            guard let hashed else { continue }
            if hashed.digest == orphan {
                _ = try await index.recordObject(orphan, byteCount: hashed.byteCount, contentType: nil, now: now)
                report.adopted.append(orphan)
            } else if try await objects.quarantine(orphan) {
                report.quarantinedOrphans.append(orphan)
            }
        }
        for digest in plan.missing {
            // Committed since the listing? Then it is present now and nothing is missing.
            guard let pin = objects.pin(digest) else { continue }
            defer { pin.release() }
            guard try !objects.contains(digest) else { continue }
            let result = try await index.forgetObject(digest, now: now)
            report.forgotten.append(digest)
            report.requeuedAssets += result.requeued
        }
        return report
    }

    /// Re-hashes every object; damaged ones are forgotten by the index (their assets go back to `queued`) and
    /// moved to `quarantine/`.
    /// - Parameters:
    ///   - now: The time to record.
    ///   - progress: Called after each object, on the I/O queue.
    /// - Returns: The scan and what was quarantined, left busy and queued again.
    /// - Throws: `StoreError` from the file system or the index.
    package func verify(
        now: Date = Date(),
        progress: @escaping @Sendable (VerifyProgress) -> Void = { _ in }
    ) async throws(StoreError) -> StoreVerifyReport {
        let objects = self.objects
        let scan = try await BlockingIO.run { () throws(StoreError) -> VerifyReport in
            try objects.verify(progress: progress)
        }
        var report = StoreVerifyReport(scan: scan)
        let index = self.index
        for digest in scan.damaged {
            var requeued: [AssetID] = []
            let moved = try await objects.quarantine(digest) { () throws(StoreError) in
                requeued = try await index.forgetObject(digest, now: now).requeued
            }
            if moved {
                report.quarantined.append(digest)
                report.requeuedAssets += requeued
            } else {
                report.busy.append(digest)
            }
        }
        if !report.quarantined.isEmpty {
            logger.error(
                "quarantined damaged objects; their assets are queued again",
                metadata: ["store.quarantined": "\(report.quarantined.count)"]
            )
        }
        return report
    }
}
