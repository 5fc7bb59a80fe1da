package import FoundationEssentials

/// One asset (a selected image URL) as the index records it; the element of ``AssetListDocument`` and of
/// ``ArticleDocument/assets``.
///
/// Absent values are encoded as `null`, so every key is always present on the wire.
package struct AssetRecord: Sendable, Hashable, Codable {
    /// The asset's id in the index.
    package var id: Int64
    /// The absolute URL fetched.
    package var url: String
    /// The current state.
    package var state: AssetState
    /// The articles that reference this asset, ascending.
    package var articleIDs: [Int64]
    /// The `w` descriptor of the selected candidate, when it had one.
    package var width: Int?
    /// The SHA-256 of the cached bytes as 64 lowercase hex characters, once cached.
    package var sha256: String?
    /// The length of the cached bytes, once cached.
    package var byteCount: Int64?
    /// The Content-Type the origin sent, once fetched.
    package var contentType: String?
    /// The last HTTP status received, if any.
    package var httpStatus: Int?
    /// Transfers started so far.
    package var attempts: Int
    /// When the next transfer may start (retry schedule), while queued.
    package var nextAttemptAt: Date?
    /// Why the last transfer failed, if it did.
    package var error: AssetFailure?
    /// The cached file's absolute path, when cached.
    package var path: String?
    /// When the asset was first linked.
    package var createdAt: Date
    /// When the record last changed.
    package var updatedAt: Date
    /// When the bytes were last fetched, once cached.
    package var fetchedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, url, state, width, sha256, attempts, error, path
        case articleIDs = "article_ids"
        case byteCount = "byte_count"
        case contentType = "content_type"
        case httpStatus = "http_status"
        case nextAttemptAt = "next_attempt_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case fetchedAt = "fetched_at"
    }

    /// Creates an asset record; optional facts default to absent.
    /// - Parameters:
    ///   - id: the index id.
    ///   - url: the absolute URL.
    ///   - state: the current state.
    ///   - articleIDs: the referencing articles.
    ///   - width: the selected candidate's `w` descriptor.
    ///   - sha256: the digest, once cached.
    ///   - byteCount: the byte length, once cached.
    ///   - contentType: the origin's Content-Type.
    ///   - httpStatus: the last HTTP status.
    ///   - attempts: transfers started so far.
    ///   - nextAttemptAt: the next retry time.
    ///   - error: the last failure.
    ///   - path: the cached file's path.
    ///   - createdAt: when first linked.
    ///   - updatedAt: when last changed.
    ///   - fetchedAt: when last fetched.
    package init(
        id: Int64,
        url: String,
        state: AssetState,
        articleIDs: [Int64] = [],
        width: Int? = nil,
        sha256: String? = nil,
        byteCount: Int64? = nil,
        contentType: String? = nil,
        httpStatus: Int? = nil,
        attempts: Int = 0,
        nextAttemptAt: Date? = nil,
        error: AssetFailure? = nil,
        path: String? = nil,
        createdAt: Date,
        updatedAt: Date,
        fetchedAt: Date? = nil
    ) {
        self.id = id
        self.url = url
        self.state = state
        self.articleIDs = articleIDs
        self.width = width
        self.sha256 = sha256
        self.byteCount = byteCount
        self.contentType = contentType
        self.httpStatus = httpStatus
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.error = error
        self.path = path
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.fetchedAt = fetchedAt
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(url, forKey: .url)
        try container.encode(state, forKey: .state)
        try container.encode(articleIDs, forKey: .articleIDs)
        try container.encode(width, forKey: .width)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(byteCount, forKey: .byteCount)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(httpStatus, forKey: .httpStatus)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(error, forKey: .error)
        try container.encode(path, forKey: .path)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(fetchedAt, forKey: .fetchedAt)
    }
}
