package import FoundationEssentials
package import Logging

/// The object store and the index together: the one entry point the daemon uses for anything stored.
///
/// It keeps the order DESIGN.md §7 asks for: an object is durable under its digest before the index transaction
/// that names it, and an object leaves the index before its file leaves the disk, so an index row never names
/// bytes that are absent. Thread-safe; async methods do their blocking file work on a dispatch queue, not on the
/// cooperative pool.
package final class Store: Sendable {
    /// The files.
    package let objects: ObjectStore
    /// The SQLite index.
    package let index: IndexDatabase
    /// `max-cache-bytes`, or nil for no limit.
    package let maxCacheBytes: Int64?
    /// What start-up recovery changed.
    package let recovery: RecoveryReport
    let logger: Logger
    /// Transfers that finish together are recorded in one index transaction.
    private let fetchedGroup: GroupCommit<FetchedAsset, AssetRecord>
    /// Articles submitted together are recorded in one index transaction.
    private let articleGroup: GroupCommit<PendingArticle, EnqueueResult>

    private init(
        objects: ObjectStore,
        index: IndexDatabase,
        maxCacheBytes: Int64?,
        recovery: RecoveryReport,
        logger: Logger
    ) {
        self.objects = objects
        self.index = index
        self.maxCacheBytes = maxCacheBytes
        self.recovery = recovery
        self.logger = logger
        fetchedGroup = GroupCommit { (batch) throws(StoreError) in try await index.markFetched(batch) }
        articleGroup = GroupCommit { (batch) throws(StoreError) in
            try await index.enqueueArticles(batch.map { ($0.article, $0.time) })
        }
    }

    /// Opens the store: creates the cache layout, sweeps `ingest/`, opens and migrates the index, then recovers
    /// (assets left `fetching` go back to `queued`; rows whose object file is missing are forgotten and their
    /// assets queued again).
    /// - Parameters:
    ///   - stateDirectory: Holds `index.sqlite`; must exist.
    ///   - cacheDirectory: Holds `objects/`, `ingest/` and `quarantine/`; created if missing (its parent must exist).
    ///   - durability: `full` fsyncs objects, directories and the WAL; `relaxed` does not (logged once).
    ///   - maxCacheBytes: The size `evictIfNeeded` keeps the cache under, or nil.
    ///   - logger: For lifecycle and maintenance messages.
    ///   - now: The time recovery records.
    /// - Returns: The open store.
    /// - Throws: `StoreError` (`database`, `noSpace`, `ioError`, `permissionDenied`, `fileSystem`).
    package static func open(
        stateDirectory: String,
        cacheDirectory: String,
        durability: Durability,
        maxCacheBytes: Int64? = nil,
        logger: Logger,
        now: Date = Date()
    ) async throws(StoreError) -> Store {
        let objects = try await BlockingIO.run { () throws(StoreError) -> ObjectStore in
            try ObjectStore(cacheDirectory: cacheDirectory, durability: durability, logger: logger)
        }
        let index = try await IndexDatabase.open(path: "\(stateDirectory)/index.sqlite", durability: durability)
        let recovery = try await index.recover(now: now) { digest in
            (try? objects.contains(digest)) ?? false
        }
        if recovery.interrupted > 0 || recovery.missingObjects > 0 || !recovery.missingArticleDigests.isEmpty {
            logger.warning(
                "recovered the index",
                metadata: [
                    "store.interrupted": "\(recovery.interrupted)",
                    "store.missing_objects": "\(recovery.missingObjects)",
                    "store.lost_assets": "\(recovery.lostAssets)",
                    "store.missing_articles": "\(recovery.missingArticleDigests.count)",
                ]
            )
        }
        return Store(objects: objects, index: index, maxCacheBytes: maxCacheBytes, recovery: recovery, logger: logger)
    }

    /// Closes the index (checkpointing the WAL). Call once, after the last use.
    /// - Throws: `StoreError` with code `database`.
    package func close() async throws(StoreError) {
        try await index.close()
    }

    /// Starts receiving an object; see `IngestWriter` for the threading rules.
    /// - Returns: A writer on a fresh ingest file.
    /// - Throws: `StoreError` (`noSpace`, `permissionDenied`, `fileSystem`).
    package func makeWriter() throws(StoreError) -> IngestWriter {
        try objects.makeWriter()
    }

    /// Records a committed object as the body of a fetched asset: the asset becomes `cached` and the object's row
    /// is written in one index transaction; then the object's pin is released. Calls that overlap share one
    /// transaction (group commit), so concurrent transfers do not wait for one durable commit each.
    /// - Parameters:
    ///   - committed: What `IngestWriter.commit` returned (the object is durable and pinned).
    ///   - asset: The asset, which must be `fetching`.
    ///   - contentType: The response's Content-Type, if any.
    ///   - etag: The response's ETag, if any.
    ///   - lastModified: The response's Last-Modified, if any.
    ///   - now: The time to record.
    /// - Returns: The asset as it now stands.
    /// - Throws: `StoreError` (`notFound`, `illegalTransition`, `lengthMismatch`, `database`); the object stays on
    ///   disk then (GC adopts it).
    package func recordFetched(
        _ committed: CommittedObject,
        asset: AssetID,
        contentType: String?,
        etag: String? = nil,
        lastModified: String? = nil,
        now: Date = Date()
    ) async throws(StoreError) -> AssetRecord {
        defer { committed.pin.release() }
        let object = FetchedObject(
            digest: committed.digest,
            byteCount: committed.byteCount,
            contentType: contentType,
            etag: etag,
            lastModified: lastModified
        )
        return try await fetchedGroup.submit(FetchedAsset(id: asset, object: object, time: now))
    }

    /// Commits a writer's bytes (on the I/O queue) and records them as a fetched asset.
    /// - Parameters:
    ///   - writer: The writer holding the whole body.
    ///   - expectedLength: The announced length, or nil.
    ///   - asset: The asset, which must be `fetching`.
    ///   - contentType: The response's Content-Type, if any.
    ///   - now: The time to record.
    /// - Returns: The asset as it now stands.
    /// - Throws: What `IngestWriter.commit` and `recordFetched` throw.
    package func commitFetched(
        _ writer: IngestWriter,
        expectedLength: Int64?,
        asset: AssetID,
        contentType: String?,
        now: Date = Date()
    ) async throws(StoreError) -> AssetRecord {
        let committed = try await BlockingIO.run { () throws(StoreError) -> CommittedObject in
            try writer.commit(expectedLength: expectedLength)
        }
        return try await recordFetched(committed, asset: asset, contentType: contentType, now: now)
    }

    /// Records an article whose bytes were committed as an object, with its images and assets; then releases the
    /// object's pin. Calls that overlap share one index transaction (group commit).
    /// - Parameters:
    ///   - article: The article; its digest and size must be the committed object's.
    ///   - committed: The article's committed bytes.
    ///   - now: The time to record.
    /// - Returns: The article id and its assets.
    /// - Throws: `StoreError` (`lengthMismatch` when the article names other bytes, `database`).
    package func enqueueArticle(
        _ article: NewArticle,
        committed: CommittedObject,
        now: Date = Date()
    ) async throws(StoreError) -> EnqueueResult {
        defer { committed.pin.release() }
        guard article.digest == committed.digest, article.byteCount == committed.byteCount else {
            throw StoreError(
                .lengthMismatch,
                "the article \(article.source) names \(article.digest) (\(article.byteCount) bytes), "
                    + "not the committed \(committed.digest) (\(committed.byteCount) bytes)"
            )
        }
        return try await articleGroup.submit(PendingArticle(article: article, time: now))
    }

    /// Opens an object for reading with digest verification, and marks it used now (for LRU eviction).
    /// - Parameters:
    ///   - digest: The object.
    ///   - now: The access time to record.
    /// - Returns: A reader that holds the object until closed.
    /// - Throws: `StoreError` with code `notFound` (never stored, evicted, or being evicted) or another code.
    package func openObject(_ digest: ContentDigest, now: Date = Date()) async throws(StoreError) -> ObjectReader {
        let reader = try objects.openVerifying(digest)
        try await index.touchObject(digest, now: now)
        return reader
    }
}

/// An article waiting for its group commit.
struct PendingArticle: Sendable {
    var article: NewArticle
    var time: Date
}
