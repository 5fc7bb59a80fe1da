/// The statements behind the daemon's frequent queries, named so a test can check each one's query plan.
enum IndexSQL {
    static let assetByURL = "SELECT \(IndexRows.assetColumns) FROM assets WHERE url = ?"
    static let assetByID = "SELECT \(IndexRows.assetColumns) FROM assets WHERE id = ?"
    static let assetsByDigest = "SELECT \(IndexRows.assetColumns) FROM assets WHERE digest = ? ORDER BY id"
    static let assetsOfArticle = """
        SELECT \(IndexRows.assetColumns) FROM article_assets JOIN assets ON assets.id = article_assets.asset_id
        WHERE article_assets.article_id = ? ORDER BY article_assets.position
        """
    static let articlesOfAsset = "SELECT article_id FROM article_assets WHERE asset_id = ? ORDER BY article_id"
    static let assetsInStatePage = """
        SELECT \(IndexRows.assetColumns) FROM assets WHERE state = ? AND id > ? ORDER BY id LIMIT ?
        """
    static let assetsPage = "SELECT \(IndexRows.assetColumns) FROM assets WHERE id > ? ORDER BY id LIMIT ?"
    static let nextQueuedHost = "SELECT min(host) FROM assets WHERE state = 'queued' AND host > ?"
    static let fetchingOfHost = "SELECT count(*) FROM assets WHERE state = 'fetching' AND host = ?"
    static let dueOfHost = """
        SELECT id FROM assets WHERE state = 'queued' AND host = ? AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT ?
        """
    static let stateCounts = "SELECT state, count FROM asset_state_counts"
    static let objectTotals = "SELECT count, bytes FROM object_totals"
    static let evictionCandidates = """
        SELECT \(IndexRows.objectColumns) FROM objects
        WHERE (last_access_at, digest) > (?, ?)
          AND NOT EXISTS (SELECT 1 FROM articles WHERE articles.digest = objects.digest)
        ORDER BY last_access_at, digest LIMIT ?
        """
    static let objectByDigest = "SELECT \(IndexRows.objectColumns) FROM objects WHERE digest = ?"
    static let isArticleObject = "SELECT EXISTS (SELECT 1 FROM articles WHERE digest = ?)"
    static let articleStateCounts = """
        SELECT assets.state, count(*) FROM article_assets JOIN assets ON assets.id = article_assets.asset_id
        WHERE article_assets.article_id = ? GROUP BY assets.state
        """

    /// The statements that must be answered through an index, by name.
    static let planned: [String: String] = [
        "assetByURL": assetByURL,
        "assetByID": assetByID,
        "assetsByDigest": assetsByDigest,
        "assetsOfArticle": assetsOfArticle,
        "articlesOfAsset": articlesOfAsset,
        "assetsInStatePage": assetsInStatePage,
        "assetsPage": assetsPage,
        "nextQueuedHost": nextQueuedHost,
        "fetchingOfHost": fetchingOfHost,
        "dueOfHost": dueOfHost,
        "evictionCandidates": evictionCandidates,
        "objectByDigest": objectByDigest,
        "isArticleObject": isArticleObject,
        "articleStateCounts": articleStateCounts,
    ]
}
