package import FoundationEssentials
import GRDB

extension IndexDatabase {
    /// Start-up recovery: assets in flight go back to `queued`, and objects whose file is missing are forgotten
    /// (their cached assets go back to `queued`).
    ///
    /// Run it once after opening and before the scheduler starts. The object store decides what is present:
    /// `isObjectPresent` is called once per object row, on one of the index's reader queues (off the cooperative
    /// thread pool, so it may block on the file system), while no write is pending.
    /// - Parameters:
    ///   - now: the time to record; requeued assets are due at once.
    ///   - isObjectPresent: whether the object's file exists (and, if the caller wants, has the right size).
    /// - Returns: what changed.
    /// - Throws: `StoreError` with code `database`.
    package func recover(
        now: Date,
        isObjectPresent: @escaping @Sendable (ContentDigest) -> Bool
    ) async throws(StoreError) -> RecoveryReport {
        let time = IndexTime.milliseconds(now)
        let interrupted = try await write("requeue the assets in flight") { db in
            try IndexDatabase.interruptAllFetching(db, now: time)
        }
        // The checks stat files: run them on a reader's queue, not on the cooperative pool.
        let missing = try await read("find the missing objects") { db in
            try IndexDatabase.objectDigests(db).filter { !isObjectPresent($0) }.sorted()
        }
        guard !missing.isEmpty else {
            return RecoveryReport(interrupted: interrupted, missingObjects: 0, lostAssets: 0, missingArticleDigests: [])
        }
        return try await write("forget the missing objects") { db in
            var lost = 0
            var removed = 0
            var articles: [ContentDigest] = []
            for digest in missing {
                let result = try IndexDatabase.forget(db, digest: digest, now: time)
                lost += result.requeued.count
                if result.isArticle {
                    articles.append(digest)
                } else {
                    removed += 1
                }
            }
            return RecoveryReport(
                interrupted: interrupted,
                missingObjects: removed,
                lostAssets: lost,
                missingArticleDigests: articles
            )
        }
    }
}
