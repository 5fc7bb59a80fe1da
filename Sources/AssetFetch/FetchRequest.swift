/// One URL to fetch, optionally conditional on the validators of a copy already held.
package struct FetchRequest: Sendable, Equatable {
    /// An absolute http or https URL.
    package var url: String
    /// Sent as `If-None-Match` (an ETag from an earlier response).
    package var ifNoneMatch: String?
    /// Sent as `If-Modified-Since` (a `Last-Modified` value from an earlier response).
    package var ifModifiedSince: String?

    package init(url: String, ifNoneMatch: String? = nil, ifModifiedSince: String? = nil) {
        self.url = url
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
    }

    /// Whether a 304 answer means "not modified".
    package var isConditional: Bool { ifNoneMatch != nil || ifModifiedSince != nil }
}
