import GRDB

extension IndexDatabase {
    /// Assets by state and the objects' count and bytes, read from counters the triggers keep exact.
    /// - Returns: the counts; every state is present.
    /// - Throws: `StoreError` with code `database`.
    package func counts() async throws(StoreError) -> IndexCounts {
        try await read("count assets and objects") { db in
            var byState = Dictionary(uniqueKeysWithValues: AssetState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db.cachedStatement(sql: IndexSQL.stateCounts)) {
                if let state = AssetState(rawValue: row[0]) {
                    byState[state] = row[1]
                }
            }
            let totals = try Row.fetchOne(db.cachedStatement(sql: IndexSQL.objectTotals))
            return IndexCounts(
                assetsByState: byState,
                objectCount: totals?[0] ?? 0,
                objectBytes: totals?[1] ?? 0
            )
        }
    }

    /// The asset with exactly this URL.
    /// - Parameter url: the absolute URL as enqueued.
    /// - Returns: the asset, or nil when the index has none.
    /// - Throws: `StoreError` with code `database`.
    package func asset(url: String) async throws(StoreError) -> AssetRecord? {
        try await read("look up the asset \(url)") { db in
            let statement = try db.cachedStatement(sql: IndexSQL.assetByURL)
            return try Row.fetchOne(statement, arguments: [url]).map(IndexRows.asset)
        }
    }

    /// The asset with this id.
    /// - Parameter id: the asset id.
    /// - Returns: the asset, or nil when the index has none.
    /// - Throws: `StoreError` with code `database`.
    package func asset(id: AssetID) async throws(StoreError) -> AssetRecord? {
        try await read("look up the asset \(id)") { db in
            try IndexRows.fetchAsset(db, id: id)
        }
    }

    /// The cached assets whose object has this digest (several URLs may share one object).
    /// - Parameter digest: the object's digest.
    /// - Returns: the assets by ascending id; empty when none.
    /// - Throws: `StoreError` with code `database`.
    package func assets(digest: ContentDigest) async throws(StoreError) -> [AssetRecord] {
        try await read("look up the assets of \(digest.hex)") { db in
            try IndexRows.fetchAssets(
                db,
                sql: IndexSQL.assetsByDigest,
                arguments: [digest.hex]
            )
        }
    }

    /// An article with its images and assets.
    /// - Parameter id: the article id.
    /// - Returns: the article in full, or nil when the index has none.
    /// - Throws: `StoreError` with code `database`.
    package func article(id: ArticleID) async throws(StoreError) -> ArticleDetail? {
        try await read("look up the article \(id)") { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(IndexRows.articleColumns) FROM articles WHERE id = ?"
            )
            guard let article = try Row.fetchOne(statement, arguments: [id.rawValue]).map(IndexRows.article) else {
                return nil
            }
            let images = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT ordinal, line, sources, selected, selected_urls FROM images
                        WHERE article_id = ? ORDER BY ordinal
                        """
                ),
                arguments: [id.rawValue]
            ).map(IndexRows.image)
            let assets = try IndexDatabase.assets(db, article: id)
            return ArticleDetail(article: article, images: images, assets: assets)
        }
    }

    /// The assets of an article, in the order the article first references them.
    /// - Parameter article: the article id.
    /// - Returns: its assets; empty when the article has none or does not exist.
    /// - Throws: `StoreError` with code `database`.
    package func assets(article: ArticleID) async throws(StoreError) -> [AssetRecord] {
        try await read("list the assets of article \(article)") { db in
            try IndexDatabase.assets(db, article: article)
        }
    }

    /// How many of an article's assets are in each state (for `enqueue --wait` progress).
    /// - Parameter article: the article id.
    /// - Returns: counts by state; states with no asset are absent.
    /// - Throws: `StoreError` with code `database`.
    package func assetCounts(article: ArticleID) async throws(StoreError) -> [AssetState: Int] {
        try await read("count the assets of article \(article)") { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: IndexSQL.articleStateCounts
                ),
                arguments: [article.rawValue]
            )
            var counts: [AssetState: Int] = [:]
            for row in rows {
                if let state = AssetState(rawValue: row[0]) {
                    counts[state] = row[1]
                }
            }
            return counts
        }
    }

    /// The articles that reference an asset (to route its progress events).
    /// - Parameter asset: the asset id.
    /// - Returns: article ids, ascending.
    /// - Throws: `StoreError` with code `database`.
    package func articles(referencing asset: AssetID) async throws(StoreError) -> [ArticleID] {
        try await read("list the articles of asset \(asset)") { db in
            try Int64.fetchAll(
                db.cachedStatement(sql: IndexSQL.articlesOfAsset),
                arguments: [asset.rawValue]
            ).map(ArticleID.init(rawValue:))
        }
    }

    /// The articles that reference each of several assets, in one read.
    /// - Parameter assets: The assets (at most 10,000 count; more are looked up in several statements).
    /// - Returns: Article ids in ascending order, by asset; an asset no article references maps to an empty list.
    /// - Throws: `StoreError` with code `database`.
    package func articles(referencing assets: [AssetID]) async throws(StoreError) -> [AssetID: [ArticleID]] {
        guard !assets.isEmpty else { return [:] }
        return try await read("list the articles of \(assets.count) assets") { db in
            var result = Dictionary(uniqueKeysWithValues: assets.map { ($0, [ArticleID]()) })
            for start in stride(from: 0, to: assets.count, by: 10_000) {
                let chunk = assets[start..<min(start + 10_000, assets.count)].map(\.rawValue)
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT asset_id, article_id FROM article_assets WHERE asset_id IN (\(placeholders))
                        ORDER BY asset_id, article_id
                        """,
                    arguments: StatementArguments(chunk)
                )
                for row in rows {
                    result[AssetID(rawValue: row[0]), default: []].append(ArticleID(rawValue: row[1]))
                }
            }
            return result
        }
    }

    /// One page of assets by ascending id, optionally in one state (`assetctl ls`), with keyset pagination.
    /// - Parameters:
    ///   - state: only assets in this state, or every asset when nil.
    ///   - cursor: the previous page's `nextCursor`, or nil for the first page.
    ///   - limit: the page size; values below 1 count as 1.
    /// - Returns: the page; its `nextCursor` is nil on the last page.
    /// - Throws: `StoreError` with code `database`.
    package func assets(in state: AssetState?, after cursor: AssetID?, limit: Int) async throws(StoreError) -> AssetPage
    {
        let pageSize = max(1, limit)
        return try await read("list assets") { db in
            let after = cursor?.rawValue ?? 0
            let assets: [AssetRecord]
            if let state {
                assets = try IndexRows.fetchAssets(
                    db,
                    sql: IndexSQL.assetsInStatePage,
                    arguments: [state.rawValue, after, pageSize + 1]
                )
            } else {
                assets = try IndexRows.fetchAssets(
                    db,
                    sql: IndexSQL.assetsPage,
                    arguments: [after, pageSize + 1]
                )
            }
            let page = Array(assets.prefix(pageSize))
            return AssetPage(assets: page, nextCursor: assets.count > pageSize ? page.last?.id : nil)
        }
    }

    /// One page of `failed` assets by ascending id, with their last error (keyset pagination).
    /// - Parameters:
    ///   - cursor: the previous page's `nextCursor`, or nil for the first page.
    ///   - limit: the page size; values below 1 count as 1.
    /// - Returns: the page.
    /// - Throws: `StoreError` with code `database`.
    package func failures(after cursor: AssetID?, limit: Int) async throws(StoreError) -> AssetPage {
        try await assets(in: .failed, after: cursor, limit: limit)
    }

    static func assets(_ db: Database, article: ArticleID) throws -> [AssetRecord] {
        try IndexRows.fetchAssets(
            db,
            sql: IndexSQL.assetsOfArticle,
            arguments: [article.rawValue]
        )
    }
}
