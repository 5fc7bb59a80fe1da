package import AssetAPI
package import AssetStore
import FoundationEssentials

extension DaemonCore {
    /// Renders index rows as API records, with the articles referencing each, the cached file's path and the width.
    ///
    /// The width is the `w` descriptor the asset was selected by: in `article` when given, else in the oldest
    /// article referencing it (each such article is read once per call).
    /// - Parameters:
    ///   - records: The rows.
    ///   - article: The article the assets are shown with, if any.
    /// - Returns: The API records, in the same order.
    /// - Throws: `StoreError` with code `database`.
    package func apiAssets(
        _ records: [AssetStore.AssetRecord],
        in article: ArticleDetail? = nil
    ) async throws(StoreError) -> [AssetAPI.AssetRecord] {
        var widthsByArticle: [ArticleID: [String: Int]] = [:]
        if let article {
            widthsByArticle[article.article.id] = APIDocuments.selectedWidths(article.images)
        }
        var result: [AssetAPI.AssetRecord] = []
        result.reserveCapacity(records.count)
        // One read for every record's articles (an article's 50 assets were 50 reads).
        let articlesByAsset = try await store.index.articles(referencing: records.map(\.id))
        for record in records {
            let articleIDs = articlesByAsset[record.id] ?? []
            let path = record.digest.map { store.objects.path(for: $0) }
            var asset = APIDocuments.asset(record, articleIDs: articleIDs.map(\.rawValue), objectPath: path)
            if let source = article?.article.id ?? articleIDs.first {
                if widthsByArticle[source] == nil {
                    let images = try await store.index.article(id: source)?.images ?? []
                    widthsByArticle[source] = APIDocuments.selectedWidths(images)
                }
                asset.width = widthsByArticle[source]?[record.url]
            }
            result.append(asset)
        }
        return result
    }

    /// An article with its assets (`GET /v1/articles/{id}`).
    /// - Parameter id: The article id.
    /// - Returns: The document, or nil when there is no such article.
    /// - Throws: `StoreError` with code `database`.
    package func articleDocument(id: Int64) async throws(StoreError) -> ArticleDocument? {
        guard let detail = try await store.index.article(id: ArticleID(rawValue: id)) else { return nil }
        let byteCount = try await store.index.object(detail.article.digest)?.byteCount ?? 0
        let assets = try await apiAssets(detail.assets, in: detail)
        return APIDocuments.article(detail, byteCount: byteCount, assets: assets)
    }

    /// The assets of a newly enqueued article as `POST /v1/articles` answers them, widths included.
    /// - Parameter result: What the index enqueued.
    /// - Returns: The API records, in the result's order.
    /// - Throws: `StoreError` with code `database`.
    package func submittedAssets(_ result: EnqueueResult) async throws(StoreError) -> [AssetAPI.AssetRecord] {
        try await apiAssets(result.assets, in: try await store.index.article(id: result.articleID))
    }

    /// Assets for `GET /v1/assets`: one URL's, one object's, one article's, or a page of all (optionally in one
    /// state).
    /// - Parameters:
    ///   - query: The filters.
    ///   - digest: Only the cached assets whose object has this digest (`sha256=`), if given.
    ///   - after: The last id of the previous page (keyset paging), or nil.
    ///   - limit: The page size.
    /// - Returns: The assets and the cursor of the next page (nil on the last page).
    /// - Throws: `StoreError` with code `notFound` for an unknown URL, digest or article, or `database`.
    package func assetList(
        _ query: AssetListQuery,
        digest: ContentDigest? = nil,
        after: Int64?,
        limit: Int
    ) async throws(StoreError) -> (document: AssetListDocument, nextCursor: Int64?) {
        var records: [AssetStore.AssetRecord]
        var next: Int64?
        var shownWith: ArticleDetail?
        if let url = query.url {
            guard let record = try await store.index.asset(url: url) else {
                throw StoreError(.notFound, "no asset has the URL \(url)")
            }
            records = [record]
        } else if let digest {
            records = try await store.index.assets(digest: digest)
            guard !records.isEmpty else { throw StoreError(.notFound, "no asset has the object \(digest.hex)") }
        } else if let article = query.articleID {
            guard let detail = try await store.index.article(id: ArticleID(rawValue: article)) else {
                throw StoreError(.notFound, "no article has the id \(article)")
            }
            shownWith = detail
            records = detail.assets
        } else {
            let state = query.state.flatMap { AssetStore.AssetState(rawValue: $0.rawValue) }
            let page = try await store.index.assets(in: state, after: after.map(AssetID.init(rawValue:)), limit: limit)
            records = page.assets
            next = page.nextCursor?.rawValue
        }
        if let state = query.state, query.url != nil || query.articleID != nil || digest != nil {
            records = records.filter { $0.state.rawValue == state.rawValue }
        }
        return (AssetListDocument(assets: try await apiAssets(records, in: shownWith)), next)
    }

    /// Queues failed assets again, and evicted ones too unless `failedOnly` (`POST /v1/retry`).
    /// - Parameter request: The request.
    /// - Returns: How many assets went back to the queue.
    /// - Throws: `StoreError` with code `database`.
    package func retry(_ request: RetryRequest) async throws(StoreError) -> RetryResult {
        var requeued = try await store.index.requeueAll(in: .failed, now: Date())
        if !request.failedOnly {
            requeued += try await store.index.requeueAll(in: .evicted, now: Date())
        }
        if requeued > 0 { wake.signal() }
        return RetryResult(requeued: requeued)
    }

    /// Re-hashes every object; damaged ones are quarantined and their assets queued again (`POST /v1/verify`).
    /// - Returns: What was checked and found.
    /// - Throws: `StoreError` from the file system or the index.
    package func verify() async throws(StoreError) -> VerifyResult {
        let report = try await store.verify(now: Date())
        if !report.requeuedAssets.isEmpty { wake.signal() }
        return VerifyResult(
            checked: report.scan.objectsChecked,
            bytesChecked: report.scan.bytesChecked,
            corrupt: (report.quarantined + report.busy).map(\.hex),
            missing: report.scan.vanished.map(\.hex),
            requeued: report.requeuedAssets.count
        )
    }

    /// Reconciles files and index, then evicts down to the cache limit (`POST /v1/gc`).
    /// - Returns: What was removed.
    /// - Throws: `StoreError` from the file system or the index.
    package func collectGarbage() async throws(StoreError) -> GarbageCollectionResult {
        let collected = try await store.collectGarbage(now: Date())
        let evicted = try await store.evictIfNeeded(now: Date())
        if !collected.requeuedAssets.isEmpty { wake.signal() }
        return GarbageCollectionResult(
            removedObjects: collected.forgotten.count + collected.quarantinedOrphans.count,
            evictedObjects: evicted.evicted.count,
            removedIngestFiles: collected.sweptIngestFiles,
            freedBytes: evicted.bytesFreed
        )
    }
}
