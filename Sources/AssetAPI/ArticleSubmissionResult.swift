/// The 202 answer to `POST /v1/articles`: the new article's id and the assets it links (queued, or already known).
package struct ArticleSubmissionResult: Sendable, Hashable, Codable {
    /// The article's id.
    package var id: Int64
    /// The assets selected from the article, in document order.
    package var assets: [AssetRecord]

    /// Creates a submission result.
    /// - Parameters:
    ///   - id: the article's id.
    ///   - assets: the linked assets.
    package init(id: Int64, assets: [AssetRecord]) {
        self.id = id
        self.assets = assets
    }
}
