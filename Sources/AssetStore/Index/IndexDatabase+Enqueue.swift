package import FoundationEssentials
import GRDB

extension IndexDatabase {
    /// Records an article, its images and its assets in one transaction.
    ///
    /// The article's bytes must already be a committed object; its `objects` row is created here if needed.
    /// Each distinct selected URL becomes an asset of the article: a new URL is queued (due `now`); one already
    /// queued or fetching is shared; one already cached is linked and not fetched again; one failed or evicted is
    /// queued again with its attempts reset.
    /// - Parameters:
    ///   - article: the article, its options and its image sets.
    ///   - now: the time to record.
    /// - Returns: the article id and its assets as they stand after the transaction.
    /// - Throws: `StoreError` with code `database` (nothing is recorded then), `noSpace` or `ioError`.
    package func enqueueArticle(_ article: NewArticle, now: Date) async throws(StoreError) -> EnqueueResult {
        try await write("enqueue the article \(article.source)") { db in
            try IndexDatabase.enqueue(article, now: IndexTime.milliseconds(now), db)
        }
    }

    /// Records several articles in one transaction (one durable commit for all), each as
    /// ``enqueueArticle(_:now:)`` does; an article that cannot be recorded is rolled back to its savepoint alone.
    ///
    /// The transaction is not abandoned when the calling task is cancelled, since it carries other callers' work.
    /// - Parameter batch: The articles, each with the time to record.
    /// - Returns: One result per article, in order.
    /// - Throws: `StoreError` (`database`, `noSpace`, `ioError`) when the transaction itself fails.
    package func enqueueArticles(_ batch: [(article: NewArticle, time: Date)]) async throws(StoreError)
        -> [Result<EnqueueResult, StoreError>]
    {
        try await writeUncancellable("enqueue \(batch.count) articles") { db in
            try IndexDatabase.eachInSavepoint(db, batch) { entry in
                try IndexDatabase.enqueue(entry.article, now: IndexTime.milliseconds(entry.time), db)
            }
        }
    }

    private static func enqueue(_ article: NewArticle, now: Int64, _ db: Database) throws -> EnqueueResult {
        try upsertObject(
            db,
            digest: article.digest,
            byteCount: article.byteCount,
            contentType: article.contentType,
            now: now
        )
        try db.execute(
            sql: "INSERT INTO articles(source, base_url, digest, options, created_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [article.source, article.baseURL, article.digest.hex, article.optionsJSON, now]
        )
        let articleID = ArticleID(rawValue: db.lastInsertedRowID)
        let insertImage = try db.cachedStatement(
            sql: """
                INSERT INTO images(article_id, ordinal, line, sources, selected, selected_urls)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        )
        for image in article.images {
            try insertImage.execute(arguments: [
                articleID.rawValue, image.ordinal, image.line, image.sourcesJSON, image.selectedJSON,
                try IndexRows.encodeURLs(image.selectedURLs),
            ])
        }
        let insertAsset = try db.cachedStatement(
            sql: """
                INSERT INTO assets(url, host, state, attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, 'queued', 0, ?, ?, ?)
                ON CONFLICT(url) DO NOTHING
                RETURNING id
                """
        )
        let selectExisting = try db.cachedStatement(sql: "SELECT id, state FROM assets WHERE url = ?")
        let requeue = try db.cachedStatement(
            sql: """
                UPDATE assets SET state = 'queued', attempts = 0, next_attempt_at = ?, digest = NULL, updated_at = ?
                WHERE id = ?
                """
        )
        let link = try db.cachedStatement(
            sql: "INSERT INTO article_assets(article_id, asset_id, position) VALUES (?, ?, ?)"
        )
        var seen = Set<String>()
        var assetIDs: [Int64] = []
        var newlyQueued = 0
        var requeued = 0
        var shared = 0
        var alreadyCached = 0
        for url in article.images.lazy.flatMap(\.selectedURLs) where seen.insert(url).inserted {
            let id: Int64
            if let inserted = try Int64.fetchOne(
                insertAsset,
                arguments: [url, AssetHost.key(for: url), now, now, now]
            ) {
                id = inserted
                newlyQueued += 1
            } else {
                guard let row = try Row.fetchOne(selectExisting, arguments: [url]) else {
                    throw StoreError(.database, "the asset \(url) vanished during enqueue")
                }
                id = row[0]
                let stateText: String = row[1]
                let state = AssetState(rawValue: stateText)
                switch state {
                case .queued, .fetching:
                    shared += 1
                case .cached:
                    alreadyCached += 1
                case .failed, .evicted:
                    _ = try AssetState.transition(from: state ?? .failed, event: .requeue)
                    try requeue.execute(arguments: [now, now, id])
                    requeued += 1
                case nil:
                    throw StoreError(.database, "the asset \(url) has an unknown state \"\(stateText)\"")
                }
            }
            try link.execute(arguments: [articleID.rawValue, id, assetIDs.count])
            assetIDs.append(id)
        }
        let assets = try assetIDs.map { id in try IndexRows.requireAsset(db, id: AssetID(rawValue: id)) }
        return EnqueueResult(
            articleID: articleID,
            assets: assets,
            newlyQueued: newlyQueued,
            requeued: requeued,
            shared: shared,
            alreadyCached: alreadyCached
        )
    }

    /// Inserts an object row, or refreshes its last access when it exists with the same size.
    static func upsertObject(
        _ db: Database,
        digest: ContentDigest,
        byteCount: Int64,
        contentType: String?,
        now: Int64
    ) throws {
        guard byteCount >= 0 else {
            throw StoreError(.lengthMismatch, "object \(digest.hex) cannot have a negative size \(byteCount)")
        }
        let existing = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT size FROM objects WHERE digest = ?"),
            arguments: [digest.hex]
        )
        if let existing {
            guard existing == byteCount else {
                throw StoreError(
                    .lengthMismatch,
                    "object \(digest.hex) is recorded with \(existing) bytes, not \(byteCount)"
                )
            }
            try db.cachedStatement(sql: "UPDATE objects SET last_access_at = max(last_access_at, ?) WHERE digest = ?")
                .execute(arguments: [now, digest.hex])
        } else {
            try db.cachedStatement(
                sql: """
                    INSERT INTO objects(digest, size, content_type, created_at, last_access_at)
                    VALUES (?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [digest.hex, byteCount, contentType, now, now])
        }
    }
}
