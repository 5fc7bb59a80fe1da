/// What a successful fetch returns: the final response head and what happened to the body.
package struct FetchResponse: Sendable, Equatable {
    /// The head of the final response (after redirects).
    package var head: ResponseHead
    /// True when a conditional request got 304: the sink received nothing.
    package var isNotModified: Bool
    /// Body bytes handed to the sink.
    package var bodyByteCount: Int64
    /// The URL of the final response.
    package var effectiveURL: String
    /// Redirects followed.
    package var redirectCount: Int
    /// The HTTP version of the final response: "1.0", "1.1", "2" or "3".
    package var httpVersion: String

    package init(
        head: ResponseHead,
        isNotModified: Bool,
        bodyByteCount: Int64,
        effectiveURL: String,
        redirectCount: Int,
        httpVersion: String
    ) {
        self.head = head
        self.isNotModified = isNotModified
        self.bodyByteCount = bodyByteCount
        self.effectiveURL = effectiveURL
        self.redirectCount = redirectCount
        self.httpVersion = httpVersion
    }
}
