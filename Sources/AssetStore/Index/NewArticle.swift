/// What the daemon hands the index to enqueue an article: where it came from, its object, options and images.
package struct NewArticle: Sendable, Hashable {
    /// Where it came from: its URL, a file name, or `-` for stdin.
    package var source: String
    /// The base URL relative candidates were resolved against, if any.
    package var baseURL: String?
    /// The digest of the article's bytes, already committed as an object.
    package var digest: ContentDigest
    /// The article's byte count, for its `objects` row.
    package var byteCount: Int64
    /// The article's Content-Type, if known.
    package var contentType: String?
    /// The selection options used, as JSON encoded by the daemon.
    package var optionsJSON: String
    /// The image sets found, in document order; their selected URLs become the article's assets.
    package var images: [ImageRecord]

    /// Creates an article to enqueue.
    /// - Parameters:
    ///   - source: its URL, file name or `-`.
    ///   - baseURL: the base URL used, if any.
    ///   - digest: the digest of its committed bytes.
    ///   - byteCount: its size in bytes.
    ///   - contentType: its Content-Type, if known.
    ///   - optionsJSON: the selection options as JSON.
    ///   - images: the image sets with their selections.
    package init(
        source: String,
        baseURL: String?,
        digest: ContentDigest,
        byteCount: Int64,
        contentType: String?,
        optionsJSON: String,
        images: [ImageRecord]
    ) {
        self.source = source
        self.baseURL = baseURL
        self.digest = digest
        self.byteCount = byteCount
        self.contentType = contentType
        self.optionsJSON = optionsJSON
        self.images = images
    }
}
