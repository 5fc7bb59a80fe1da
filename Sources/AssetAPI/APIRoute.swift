/// The paths of the control API (DESIGN.md §6), shared by the daemon's router and the CLI's client.
///
/// Paths are absolute and versioned under `/v1`, except `/metrics` and `/healthz`. Builders that take an identifier
/// percent-encode nothing: article ids are integers and digests are lowercase hex.
package enum APIRoute {
    /// The API version prefix.
    package static let versionPrefix = "/v1"
    /// `POST` an article (body, or JSON ``ArticleSubmissionRequest``) → 202 ``ArticleSubmissionResult``.
    package static let articles = "/v1/articles"
    /// `GET` the ``AssetListDocument`` filtered by ``AssetListQuery``.
    package static let assets = "/v1/assets"
    /// The prefix of `GET /v1/objects/{sha256}` (the object's bytes with its recorded Content-Type).
    package static let objects = "/v1/objects"
    /// `GET` the ``StatusDocument``.
    package static let status = "/v1/status"
    /// `GET` server-sent ``ServerEvent``s.
    package static let events = "/v1/events"
    /// `POST` a ``RetryRequest`` → ``RetryResult``.
    package static let retry = "/v1/retry"
    /// `POST` → ``VerifyResult``.
    package static let verify = "/v1/verify"
    /// `POST` → ``GarbageCollectionResult``.
    package static let garbageCollection = "/v1/gc"
    /// `GET` Prometheus text exposition.
    package static let metrics = "/metrics"
    /// `GET` the ``HealthDocument``.
    package static let health = "/healthz"

    /// The router pattern of one article (`/v1/articles/:id`).
    package static let articlePattern = "/v1/articles/:id"
    /// The router pattern of one object (`/v1/objects/:sha256`).
    package static let objectPattern = "/v1/objects/:sha256"

    /// The path of one article document.
    /// - Parameter id: the article id.
    /// - Returns: `/v1/articles/{id}`.
    package static func article(id: Int64) -> String {
        "\(articles)/\(id)"
    }

    /// The path of one object's bytes.
    /// - Parameter sha256: the object's digest as 64 lowercase hex characters.
    /// - Returns: `/v1/objects/{sha256}`.
    package static func object(sha256: String) -> String {
        "\(objects)/\(sha256)"
    }

    /// A path with an encoded query string appended, or the path alone when there are no items.
    /// - Parameters:
    ///   - path: an absolute API path.
    ///   - query: name/value pairs, in order.
    /// - Returns: `path?name=value&…` with names and values percent-encoded.
    package static func withQuery(_ path: String, _ query: [APIQueryItem]) -> String {
        query.isEmpty ? path : path + "?" + APIQueryItem.encode(query)
    }
}
