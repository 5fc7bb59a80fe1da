package import FoundationEssentials

/// One row of `assets`: a URL to fetch, shared by every article that references it, with its state and schedule.
///
/// Times are stored at millisecond precision.
package struct AssetRecord: Sendable, Hashable {
    /// The row id.
    package var id: AssetID
    /// The absolute URL as selected from the article (unique in the index).
    package var url: String
    /// The fairness key of the URL: lowercased host, with the port when one is given (see ``AssetHost``).
    package var host: String
    /// Where the asset stands.
    package var state: AssetState
    /// The digest of the cached object; set only while `state == .cached`.
    package var digest: ContentDigest?
    /// The object's size in bytes when cached.
    package var byteCount: Int64?
    /// The Content-Type recorded when it was fetched.
    package var contentType: String?
    /// The ETag of the last successful response, for conditional requests.
    package var etag: String?
    /// The Last-Modified of the last successful response, for conditional requests.
    package var lastModified: String?
    /// Failed attempts since it was last queued afresh (reset by a requeue, not by an interrupt).
    package var attempts: Int
    /// When a queued asset becomes due; `nil` in other states.
    package var nextAttemptAt: Date?
    /// The code of the last failure (e.g. a `FetchError` code or `http404`), kept after success for diagnosis.
    package var lastErrorCode: String?
    /// The message of the last failure.
    package var lastErrorMessage: String?
    /// When the row was created.
    package var createdAt: Date
    /// When the row last changed state or schedule.
    package var updatedAt: Date
    /// When it last became cached.
    package var fetchedAt: Date?

    /// Creates a record value (the index creates them; tests compare them).
    package init(
        id: AssetID,
        url: String,
        host: String,
        state: AssetState,
        digest: ContentDigest? = nil,
        byteCount: Int64? = nil,
        contentType: String? = nil,
        etag: String? = nil,
        lastModified: String? = nil,
        attempts: Int = 0,
        nextAttemptAt: Date? = nil,
        lastErrorCode: String? = nil,
        lastErrorMessage: String? = nil,
        createdAt: Date,
        updatedAt: Date,
        fetchedAt: Date? = nil
    ) {
        self.id = id
        self.url = url
        self.host = host
        self.state = state
        self.digest = digest
        self.byteCount = byteCount
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastErrorCode = lastErrorCode
        self.lastErrorMessage = lastErrorMessage
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.fetchedAt = fetchedAt
    }
}
