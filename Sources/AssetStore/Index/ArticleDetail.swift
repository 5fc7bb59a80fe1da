/// An article with its images and its assets, as `assetctl show ARTICLE` presents it.
package struct ArticleDetail: Sendable, Hashable {
    /// The article row.
    package var article: ArticleRecord
    /// Its image sets in document order.
    package var images: [ImageRecord]
    /// Its distinct assets in first-reference order.
    package var assets: [AssetRecord]

    /// Creates a detail value.
    package init(article: ArticleRecord, images: [ImageRecord], assets: [AssetRecord]) {
        self.article = article
        self.images = images
        self.assets = assets
    }
}
