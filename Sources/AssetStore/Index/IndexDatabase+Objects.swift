package import FoundationEssentials
import GRDB

extension IndexDatabase {
    /// Records a committed object that no asset fetch recorded: an article's bytes, or an orphan adopted by GC.
    ///
    /// An existing row keeps its creation time and type; its last access moves forward to `now`.
    /// - Parameters:
    ///   - digest: the object's digest.
    ///   - byteCount: its size in bytes.
    ///   - contentType: its Content-Type, if known.
    ///   - now: the time to record.
    /// - Returns: the object's row.
    /// - Throws: `StoreError` with code `lengthMismatch` (the digest is recorded with another size) or `database`.
    package func recordObject(
        _ digest: ContentDigest,
        byteCount: Int64,
        contentType: String?,
        now: Date
    ) async throws(StoreError) -> ObjectRecord {
        try await write("record the object \(digest.hex)") { db in
            try IndexDatabase.upsertObject(
                db,
                digest: digest,
                byteCount: byteCount,
                contentType: contentType,
                now: IndexTime.milliseconds(now)
            )
            guard let record = try IndexDatabase.object(db, digest: digest) else {
                throw StoreError(.database, "the object \(digest.hex) vanished while being recorded")
            }
            return record
        }
    }

    /// The object's row.
    /// - Parameter digest: the object's digest.
    /// - Returns: the row, or nil when the index does not know the object.
    /// - Throws: `StoreError` with code `database`.
    package func object(_ digest: ContentDigest) async throws(StoreError) -> ObjectRecord? {
        try await read("look up the object \(digest.hex)") { db in
            try IndexDatabase.object(db, digest: digest)
        }
    }

    /// Every object digest the index knows (for GC: files absent from this set are orphans).
    /// - Returns: the digests.
    /// - Throws: `StoreError` with code `database`.
    package func objectDigests() async throws(StoreError) -> Set<ContentDigest> {
        try await read("list the objects") { db in
            try IndexDatabase.objectDigests(db)
        }
    }

    /// Marks an object as used now (a read through `path`, `cat` or the API), for least-recently-used eviction.
    /// - Parameters:
    ///   - digest: the object's digest.
    ///   - now: the access time; an older time than the recorded one leaves it unchanged.
    /// - Returns: false when the index does not know the object.
    /// - Throws: `StoreError` with code `database`.
    @discardableResult
    package func touchObject(_ digest: ContentDigest, now: Date) async throws(StoreError) -> Bool {
        try await write("touch the object \(digest.hex)") { db in
            try db.cachedStatement(sql: "UPDATE objects SET last_access_at = max(last_access_at, ?) WHERE digest = ?")
                .execute(arguments: [IndexTime.milliseconds(now), digest.hex])
            return db.changesCount > 0
        }
    }

    /// Objects that may be evicted, least recently used first; articles' objects are never listed.
    /// - Parameters:
    ///   - cursor: the last object of the previous page, or nil to start with the least recently used.
    ///   - limit: the page size; values below 1 count as 1.
    /// - Returns: up to `limit` objects by ascending last access (ties by digest).
    /// - Throws: `StoreError` with code `database`.
    package func evictionCandidates(after cursor: ObjectRecord?, limit: Int) async throws(StoreError) -> [ObjectRecord]
    {
        let pageSize = max(1, limit)
        return try await read("list eviction candidates") { db in
            let afterTime = cursor.map { IndexTime.milliseconds($0.lastAccessAt) } ?? Int64.min
            let afterDigest = cursor?.digest.hex ?? ""
            let statement = try db.cachedStatement(sql: IndexSQL.evictionCandidates)
            return try Row.fetchAll(statement, arguments: [afterTime, afterDigest, pageSize]).map(IndexRows.object)
        }
    }

    /// Removes an object's row to keep the cache under its size limit; its cached assets become `evicted`.
    ///
    /// Call it before deleting the file, so the index never names a file that is gone.
    /// - Parameters:
    ///   - digest: the object's digest.
    ///   - now: the time to record.
    /// - Returns: the assets that became `evicted`.
    /// - Throws: `StoreError` with code `notFound` (no such row), `illegalTransition` (an article's bytes are never
    ///   evicted) or `database`.
    package func evictObject(_ digest: ContentDigest, now: Date) async throws(StoreError) -> [AssetID] {
        try await write("evict the object \(digest.hex)") { db in
            guard try IndexDatabase.object(db, digest: digest) != nil else {
                throw StoreError(.notFound, "the index has no object \(digest.hex)")
            }
            if try IndexDatabase.isArticleObject(db, digest: digest) {
                throw StoreError(.illegalTransition, "the object \(digest.hex) holds an article and is never evicted")
            }
            _ = try AssetState.transition(from: .cached, event: .evict)
            let ids = try IndexDatabase.cachedAssetIDs(db, digest: digest)
            let time = IndexTime.milliseconds(now)
            try db.execute(
                sql: "UPDATE assets SET state = 'evicted', digest = NULL, updated_at = ? WHERE digest = ?",
                arguments: [time, digest.hex]
            )
            try db.execute(sql: "DELETE FROM objects WHERE digest = ?", arguments: [digest.hex])
            return ids
        }
    }

    /// Forgets an object that is missing or did not re-hash to its digest: its cached assets go back to `queued`
    /// (due `now`) and its row is removed.
    ///
    /// An article's object keeps its row (the article still names it); the result says so.
    /// - Parameters:
    ///   - digest: the object's digest.
    ///   - now: the time to record.
    /// - Returns: the requeued assets and whether the object holds an article's bytes.
    /// - Throws: `StoreError` with code `database`.
    package func forgetObject(
        _ digest: ContentDigest,
        now: Date
    ) async throws(StoreError) -> (requeued: [AssetID], isArticle: Bool) {
        try await write("forget the object \(digest.hex)") { db in
            try IndexDatabase.forget(db, digest: digest, now: IndexTime.milliseconds(now))
        }
    }

    static func forget(_ db: Database, digest: ContentDigest, now: Int64) throws -> (
        requeued: [AssetID], isArticle: Bool
    ) {
        _ = try AssetState.transition(from: .cached, event: .lose)
        let ids = try cachedAssetIDs(db, digest: digest)
        try db.execute(
            sql: """
                UPDATE assets SET state = 'queued', digest = NULL, next_attempt_at = ?, updated_at = ?
                WHERE digest = ?
                """,
            arguments: [now, now, digest.hex]
        )
        let isArticle = try isArticleObject(db, digest: digest)
        if !isArticle {
            try db.execute(sql: "DELETE FROM objects WHERE digest = ?", arguments: [digest.hex])
        }
        return (ids, isArticle)
    }

    static func object(_ db: Database, digest: ContentDigest) throws -> ObjectRecord? {
        let statement = try db.cachedStatement(sql: IndexSQL.objectByDigest)
        return try Row.fetchOne(statement, arguments: [digest.hex]).map(IndexRows.object)
    }

    static func objectDigests(_ db: Database) throws -> Set<ContentDigest> {
        var digests = Set<ContentDigest>()
        let cursor = try String.fetchCursor(db, sql: "SELECT digest FROM objects")
        while let hex = try cursor.next() {
            digests.insert(try IndexRows.digest(hex))
        }
        return digests
    }

    private static func isArticleObject(_ db: Database, digest: ContentDigest) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: IndexSQL.isArticleObject),
            arguments: [digest.hex]
        ) ?? false
    }

    private static func cachedAssetIDs(_ db: Database, digest: ContentDigest) throws -> [AssetID] {
        try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM assets WHERE digest = ? ORDER BY id"),
            arguments: [digest.hex]
        ).map(AssetID.init(rawValue:))
    }
}
