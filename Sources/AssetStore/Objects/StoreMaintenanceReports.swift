/// What `Store.evictIfNeeded` did.
package struct EvictionReport: Sendable, Equatable {
    /// Objects removed, least recently used first.
    package var evicted: [ContentDigest] = []
    /// Assets that became `evicted` (they can be fetched again).
    package var evictedAssets: [AssetID] = []
    /// Bytes freed.
    package var bytesFreed: Int64 = 0
    /// Victims skipped because they were pinned (or removed by someone else) when their turn came.
    package var skipped: [ContentDigest] = []
}

/// What `Store.collectGarbage` did.
package struct GarbageCollectionReport: Sendable, Equatable {
    /// Stale files removed from `ingest/`.
    package var sweptIngestFiles = 0
    /// Orphan objects (on disk, not in the index) that re-hashed correctly and got an index row.
    package var adopted: [ContentDigest] = []
    /// Orphan objects that did not re-hash to their name; moved to `quarantine/`.
    package var quarantinedOrphans: [ContentDigest] = []
    /// Entries in shard directories that are not objects; moved to `quarantine/`.
    package var quarantinedStrays = 0
    /// Index rows whose object file was missing; forgotten, their assets queued again.
    package var forgotten: [ContentDigest] = []
    /// Assets queued again because their object was missing.
    package var requeuedAssets: [AssetID] = []
}

/// What `Store.verify` did.
package struct StoreVerifyReport: Sendable, Equatable {
    /// The object store's scan: counts, damaged and vanished digests, strays.
    package var scan: VerifyReport
    /// Damaged objects moved to `quarantine/` and forgotten by the index.
    package var quarantined: [ContentDigest] = []
    /// Damaged objects left in place because they were pinned (being read or committed): verify again later.
    package var busy: [ContentDigest] = []
    /// Assets queued again because their object was damaged.
    package var requeuedAssets: [AssetID] = []
}
