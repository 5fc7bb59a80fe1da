/// The status line and the headers of the final response of a transfer, as far as the engine uses them.
///
/// Header names are matched case-insensitively; values keep their spelling with surrounding whitespace removed.
package struct ResponseHead: Sendable, Equatable {
    /// The HTTP status code, or 0 before a status line was seen.
    package var status: Int = 0
    /// The media type of `Content-Type` in lower case, without parameters (`image/png`), if present.
    package var contentType: String?
    /// The declared body length in bytes, if a valid `Content-Length` was present.
    package var contentLength: Int64?
    /// The `ETag` value as sent, quotes and weak prefix included.
    package var etag: String?
    /// The `Last-Modified` value as sent (an HTTP-date).
    package var lastModified: String?
    /// The parsed `Retry-After` value, if present and valid.
    package var retryAfter: RetryAfter?
    /// The `Location` value, if any (only meaningful on redirects).
    package var location: String?

    package init(
        status: Int = 0,
        contentType: String? = nil,
        contentLength: Int64? = nil,
        etag: String? = nil,
        lastModified: String? = nil,
        retryAfter: RetryAfter? = nil,
        location: String? = nil
    ) {
        self.status = status
        self.contentType = contentType
        self.contentLength = contentLength
        self.etag = etag
        self.lastModified = lastModified
        self.retryAfter = retryAfter
        self.location = location
    }

    /// Whether the status is in 200...299.
    package var isSuccess: Bool { (200...299).contains(status) }

    /// Whether the status is a redirect that carries a `Location`.
    package var isRedirect: Bool { [301, 302, 303, 307, 308].contains(status) && location != nil }
}
