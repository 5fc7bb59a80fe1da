package import FoundationEssentials

/// One row of `articles`: an article that was enqueued, whose own bytes are an object too.
package struct ArticleRecord: Sendable, Hashable {
    /// The row id.
    package var id: ArticleID
    /// Where it came from: its URL, a file name, or `-` for stdin.
    package var source: String
    /// The base URL relative candidates were resolved against, if any.
    package var baseURL: String?
    /// The digest of the article's bytes (an object that is never evicted).
    package var digest: ContentDigest
    /// The selection options used, as the JSON the daemon encoded (width, dpr, viewport, policy, …).
    package var optionsJSON: String
    /// When it was enqueued.
    package var createdAt: Date

    /// Creates a record value.
    package init(
        id: ArticleID,
        source: String,
        baseURL: String?,
        digest: ContentDigest,
        optionsJSON: String,
        createdAt: Date
    ) {
        self.id = id
        self.source = source
        self.baseURL = baseURL
        self.digest = digest
        self.optionsJSON = optionsJSON
        self.createdAt = createdAt
    }
}
